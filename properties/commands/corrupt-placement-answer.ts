import fc from 'fast-check';
import { corruptionVariantArbitrary } from './corrupted-answer';
import { POST_ORDER, ScheduleFaultCommand } from './fault-command';

/**
 * The next placement's answer arrives corrupted: the venue placed the order (applied) or never saw
 * the request (not applied). Either way the adapter cannot read the outcome from the answer, so it
 * must treat it as unknown and resolve it by lookup, exactly once (O4), as for a lost answer.
 */
export const corruptPlacementAnswerArbitrary = fc
  .record({ variant: corruptionVariantArbitrary, applied: fc.boolean() })
  .map(({ variant, applied }) => new ScheduleFaultCommand(`corruptNextPlacementAnswer(${variant}, ${applied ? 'applied' : 'not applied'})`, { kind: 'corrupt_response', variant, applied }, POST_ORDER));
