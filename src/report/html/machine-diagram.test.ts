import { describe, expect, it } from 'vitest';
import { ledgerMachine } from '../../../models/ledger-machine';
import { orderMachine } from '../../../models/order-machine';
import { NEVER_TAKEN, TAKEN_BANDS, bandOf, machineDiagram } from './machine-diagram';

const counts = new Map([
  ['order: new --ACCEPT--> open', 1500],
  ['order: open --FILL--> filled', 42],
  ['order: partially_filled --FILL--> partially_filled', 3],
  ['ledger: tracking --SETTLE--> tracking', 7],
]);

describe('a machine diagram', () => {
  const order = machineDiagram(orderMachine, counts).markup;

  it('has a box for every state of the definition and an arrow for every transition that is not a refusal', () => {
    for (const state of Object.keys(orderMachine.root.states)) expect(order).toContain(`data-state="${state}"`);
    expect(order).toContain('class="state initial" data-state="new"');
    expect(order.match(/class="transition/g)).toHaveLength(11);
    expect(order).not.toContain('--x');
  });

  it('colours each arrow by the decade of its count, dashed when never taken', () => {
    expect(bandOf(0)).toBe(NEVER_TAKEN);
    expect([1, 9, 10, 99, 100, 999, 1000, 50_000].map((count) => bandOf(count).label)).toEqual(['1-9', '1-9', '10-99', '10-99', '100-999', '100-999', '1000 and more', '1000 and more']);
    const arrow = (key: string): string => order.slice(order.indexOf(`data-transition="${key.replace('>', '&gt;')}"`)).split('</g>')[0] ?? '';
    expect(arrow('order: new --ACCEPT--> open')).toContain(`stroke="${TAKEN_BANDS[0]?.colour}"`);
    expect(arrow('order: open --FILL--> filled')).toContain(`stroke="${TAKEN_BANDS[2]?.colour}"`);
    expect(order).toContain('<g class="transition never" data-transition="order: open --CANCEL--&gt; canceled" data-count="0">');
    expect(order).toContain('<g class="transition" data-transition="order: open --FILL--&gt; filled" data-count="42">');
    expect(arrow('order: open --CANCEL--> canceled')).toContain('CANCEL ×0');
  });

  it('draws self-loops inside the picture: the ledger has one state and five', () => {
    const ledger = machineDiagram(ledgerMachine, counts).markup;
    expect(ledger.match(/class="transition/g)).toHaveLength(5);
    expect(ledger).toContain('SETTLE ×7');
    expect(ledger).toContain('LEARN ×0');
    const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(ledger) ?? [];
    const ys = [...ledger.matchAll(/ y="(-?[\d.]+)"/g)].map((match) => Number(match[1]));
    expect(Math.min(...ys)).toBeGreaterThan(0);
    expect(Math.max(...ys)).toBeLessThan(Number(height));
    expect(Number(width)).toBeGreaterThan(0);
  });

  it('is the same bytes every time', () => {
    expect(machineDiagram(orderMachine, counts).markup).toBe(order);
  });
});
