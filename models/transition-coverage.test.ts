import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { dec } from '../src/domain/decimal';
import { orderMachine } from './order-machine';
import { TransitionRecorder, UnreachedTransitionsError, ledgerMachineTransitions, orderMachineTransitions, parseTransitionKey, refusalKey, transitionKey } from './transition-coverage';

describe('transition coverage', () => {
  it('lists what the machines declare, refusals marked --x', () => {
    expect(orderMachineTransitions).toContain('order: open --FILL--> partially_filled');
    expect(orderMachineTransitions).toContain('order: filled --CANCEL--x');
    expect(orderMachineTransitions).toContain('order: open --EXPIRE--> expired');
    expect(orderMachineTransitions).toContain('order: partially_filled --EXPIRE--> expired');
    expect(orderMachineTransitions).toContain('order: filled --EXPIRE--> expired');
    expect(orderMachineTransitions).toContain('order: filled --EXPIRE--x');
    expect(orderMachineTransitions).toContain('order: expired --FILL--x');
    // Seven states times five events, plus the second target of each FILL and of a filled EXPIRE.
    expect(orderMachineTransitions).toHaveLength(40);
    expect(ledgerMachineTransitions).toEqual([
      'ledger: tracking --DEPOSIT--> tracking', 'ledger: tracking --DEPOSIT--x',
      'ledger: tracking --RESERVE--> tracking', 'ledger: tracking --RESERVE--x',
      'ledger: tracking --RELEASE--> tracking', 'ledger: tracking --RELEASE--x',
      'ledger: tracking --SETTLE--> tracking', 'ledger: tracking --SETTLE--x',
      'ledger: tracking --LEARN--> tracking', 'ledger: tracking --LEARN--x',
    ]);
  });

  it('records taken and refused transitions and names the claimed ones never reached', () => {
    const recorder = new TransitionRecorder();
    const order = createActor(orderMachine, { input: { side: 'buy', price: dec('10'), amount: dec('1') } }).start();
    expect(recorder.send('order', order, { type: 'ACCEPT' })).toBe('order: new --ACCEPT--> open');
    expect(recorder.send('order', order, { type: 'FILL', quantity: dec('2'), price: dec('10'), commission: dec('0') })).toBe('order: open --FILL--x');
    expect(recorder.send('order', order, { type: 'CANCEL' })).toBe('order: open --CANCEL--> canceled');
    expect(recorder.unreached(['order: new --ACCEPT--> open', 'order: open --FILL--> filled'])).toEqual(['order: open --FILL--> filled']);
    expect(() => recorder.assertReached(['order: open --FILL--> filled'])).toThrow(UnreachedTransitionsError);
    const total = new TransitionRecorder();
    total.merge(recorder);
    total.merge(recorder);
    expect(total.count('order: open --CANCEL--> canceled')).toBe(2);
  });

  it('parses back every key it writes, and nothing else', () => {
    expect(parseTransitionKey(transitionKey('order', 'partially_filled', 'FILL', 'filled'))).toEqual({ machine: 'order', from: 'partially_filled', event: 'FILL', to: 'filled' });
    expect(parseTransitionKey(refusalKey('ledger', 'tracking', 'SETTLE'))).toEqual({ machine: 'ledger', from: 'tracking', event: 'SETTLE', to: undefined });
    for (const key of [...orderMachineTransitions, ...ledgerMachineTransitions]) {
      const parsed = parseTransitionKey(key);
      expect(parsed && (parsed.to === undefined ? refusalKey(parsed.machine, parsed.from, parsed.event) : transitionKey(parsed.machine, parsed.from, parsed.event, parsed.to))).toBe(key);
    }
    for (const text of ['order:open--fill-->filled', 'order: open --FILL-->', '<script>', '']) expect(parseTransitionKey(text)).toBeUndefined();
  });
});
