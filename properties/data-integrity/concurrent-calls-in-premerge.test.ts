import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { checkInPremerge } from '../premerge-check';
import type { InterleavedStep } from '../world';
import { concurrentCallsLinearizable } from './concurrent-calls-linearizable';

/**
 * The interleaved property judges real interleavings on the reference adapter in the premerge
 * profile: many steps with several calls in flight, answers coming back in another order than
 * the calls started, and calls on one order overlapping (the races its bugs live in).
 */
describe('concurrent-calls-linearizable in the premerge profile', () => {
  it('puts calls in flight together, reorders their answers, overlaps calls on one order, and holds', async () => {
    const steps: InterleavedStep[] = [];
    const { outcome } = await checkInPremerge(concurrentCallsLinearizable, createAdapter, (world) => {
      steps.push(...world.interleavedSteps);
    });
    expect(outcome.failure).toBeUndefined();
    const calls = steps.reduce((sum, step) => sum + step.calls, 0);
    const outOfOrder = steps.filter((step) => step.answeredOutOfOrder).length;
    const sameOrder = steps.filter((step) => step.sameOrderOverlapped).length;
    console.log(`interleaved steps ${steps.length}, calls judged ${calls}, answered out of order ${outOfOrder}, same order overlapped ${sameOrder}`);
    // Measured on the fixed premerge seeds (2026-12-03): 111 steps, 260 calls, 44 answered out of
    // order, 53 with two calls on one order in flight together.
    expect(steps.length).toBeGreaterThanOrEqual(100);
    expect(calls).toBeGreaterThanOrEqual(220);
    expect(outOfOrder).toBeGreaterThanOrEqual(35);
    expect(sameOrder).toBeGreaterThanOrEqual(45);
  });
});
