import { mutantKey } from './mutation-summary';

/**
 * Surviving mutants of src/exchange/ that no test can kill because they change nothing a caller
 * can observe, each with the reason. Listed, not excluded: they stay in Stryker's score.
 */
export const EQUIVALENT_MUTANTS: Readonly<Record<string, string>> = {
  [mutantKey('src/exchange/circuit-breaker.ts', 88, 30, 'ConditionalExpression')]:
    "probeInFlight is only ever true while half-open (set only when half-open, cleared by every transition), so `state === 'half-open' &&` adds nothing",
  [mutantKey('src/exchange/circuit-breaker.ts', 123, 28, 'BooleanLiteral')]:
    'both branches that follow call transition(), which clears probeInFlight before anyone can read it',
  [mutantKey('src/exchange/circuit-breaker.ts', 153, 5, 'AssignmentOperator')]:
    'the generation is only compared for inequality; counting down gives every transition a fresh value just as counting up does',
};
