import { describe, expect, it } from 'vitest';
import { OperationGate } from './operation-gate';

/** Work that runs until `finish` is called, logging when it starts and ends. */
function controllable(log: string[], name: string): { work: () => Promise<string>; finish: () => void } {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('OperationGate', () => {
  it('runs shared work side by side', async () => {
    const gate = new OperationGate();
    const log: string[] = [];
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const results = [gate.share(a.work), gate.share(b.work)];
    await turn();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    a.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
  });

  it('starts held work only after the shared work in flight, and holds later work until it ends', async () => {
    const gate = new OperationGate();
    const log: string[] = [];
    const before = controllable(log, 'before');
    const reconcile = controllable(log, 'reconcile');
    const after = controllable(log, 'after');
    const all = [gate.share(before.work), gate.hold(reconcile.work), gate.share(after.work)];
    await turn();
    expect(log).toEqual(['start before']);
    before.finish();
    await turn();
    expect(log).toEqual(['start before', 'end before', 'start reconcile']);
    after.finish();
    reconcile.finish();
    await Promise.all(all);
    expect(log).toEqual(['start before', 'end before', 'start reconcile', 'end reconcile', 'start after', 'end after']);
  });

  it('lets the next work in when work fails', async () => {
    const gate = new OperationGate();
    const failing = gate.hold(() => Promise.reject(new RangeError('venue down')));
    const next = gate.share(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('venue down');
    expect(await next).toBe('next');
  });

  it('admits every shared call queued behind a hold together, and the next hold after them', async () => {
    const gate = new OperationGate();
    const log: string[] = [];
    const first = controllable(log, 'hold-1');
    const x = controllable(log, 'x');
    const y = controllable(log, 'y');
    const second = controllable(log, 'hold-2');
    const all = [gate.hold(first.work), gate.share(x.work), gate.share(y.work), gate.hold(second.work)];
    await turn();
    first.finish();
    await turn();
    expect(log).toEqual(['start hold-1', 'end hold-1', 'start x', 'start y']);
    x.finish();
    y.finish();
    await turn();
    expect(log.slice(-3)).toEqual(['end x', 'end y', 'start hold-2']);
    second.finish();
    await Promise.all(all);
  });
});
