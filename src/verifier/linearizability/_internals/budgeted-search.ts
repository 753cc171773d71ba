import type { Operation } from '../history';
import { searchLinearization, type SearchOutcome } from '../search-linearization';
import type { SequentialSpecification } from '../specification';

/**
 * The many small searches of a failure report, drawing on one step budget. Once a search gives
 * up on the shared budget, `exhausted` says so and the report stops where it is.
 */
export class BudgetedSearch<S, I, O> {
  private stepsLeft: number;
  stepsUsed = 0;
  exhausted = false;

  constructor(
    private readonly spec: SequentialSpecification<S, I, O>,
    budget: number,
  ) {
    this.stepsLeft = budget;
  }

  /** `ownLimit`: a cap below the shared budget; giving up on it does not end the report. */
  run(operations: readonly Operation<I, O>[], options: { ownLimit?: number; recordLongest?: boolean; atLeast?: number } = {}): SearchOutcome {
    const shared = Math.max(this.stepsLeft, options.atLeast ?? 0);
    const maxSteps = Math.max(0, Math.min(shared, options.ownLimit ?? shared));
    const outcome = searchLinearization(this.spec, operations, { maxSteps, recordLongest: options.recordLongest });
    this.stepsLeft -= outcome.steps;
    this.stepsUsed += outcome.steps;
    if (outcome.verdict === 'gave-up' && maxSteps === shared) this.exhausted = true;
    return outcome;
  }

  fails(operations: readonly Operation<I, O>[]): boolean {
    return this.run(operations).verdict === 'not-linearizable';
  }

  holds(operations: readonly Operation<I, O>[]): boolean {
    return this.run(operations).verdict === 'linearizable';
  }
}
