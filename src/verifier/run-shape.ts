import fc from 'fast-check';

/**
 * What a run is, before its commands: how many it may run, and which command kinds. Averaging
 * every kind over short runs rarely goes deep in one direction (ten trades on one order, a dozen
 * resyncs, a burst into a full queue); long runs and swarm runs do (Groce et al., "Swarm
 * Testing", ISSTA 2012: leaving features out of a run finds more than always including them all).
 */
export interface RunShape {
  /** The most commands the run may run. */
  length: number;
  /** Indexes into the property's command kinds that the run may use; undefined: every kind. */
  enabledKinds: readonly number[] | undefined;
}

/** A long run is up to this many times the property's base length, a deep one up to DEEP_FACTOR. */
export const LONG_FACTOR = 4;
export const DEEP_FACTOR = 12;

/**
 * Lengths with a long tail over the property's `base`: up to the base in 16 runs of 20, up to
 * LONG_FACTOR times it in 3, up to DEEP_FACTOR times it in 1; every kind in half the runs, a
 * random subset in the other half. Both shrink towards the plain shape: short, every kind.
 */
export function runShapeArbitrary(base: number, kinds: number): fc.Arbitrary<RunShape> {
  const length = fc.oneof(
    { weight: 16, arbitrary: fc.integer({ min: 0, max: base }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: base * LONG_FACTOR }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: base * DEEP_FACTOR }) },
  );
  const indexes = Array.from({ length: kinds }, (_, index) => index);
  const enabledKinds = fc.option(fc.subarray(indexes, { minLength: 1 }), { freq: 2, nil: undefined });
  return fc.record({ length, enabledKinds });
}

/**
 * One command kind of a shaped run: it runs only while its run is shorter than its shape allows
 * and only if the shape enables its kind; otherwise fast-check skips it (its `check` says no),
 * and skipped commands never reach a counterexample. The shape of each run is looked up by the
 * run's model, so commands stay values that fast-check can generate, shrink and replay with the
 * run's set-up drawn beside them, not from it.
 */
export class ShapedCommand<M extends object, R> implements fc.AsyncCommand<M, R> {
  constructor(
    private readonly kind: number,
    private readonly inner: fc.AsyncCommand<M, R>,
    private readonly runs: ShapedRuns<M>,
  ) {}

  check(model: Readonly<M>): boolean {
    const run = this.runs.of(model);
    if (run !== undefined && (run.ran >= run.shape.length || (run.shape.enabledKinds !== undefined && !run.shape.enabledKinds.includes(this.kind)))) return false;
    return this.inner.check(model);
  }

  run(model: M, real: R): Promise<void> {
    const run = this.runs.of(model);
    if (run !== undefined) run.ran += 1;
    return this.inner.run(model, real);
  }

  toString(): string {
    return this.inner.toString();
  }
}

/** The shape of each run in flight, by its model. */
export class ShapedRuns<M extends object> {
  private readonly byModel = new WeakMap<object, { shape: RunShape; ran: number }>();

  start(model: M, shape: RunShape): void {
    this.byModel.set(model, { shape, ran: 0 });
  }

  of(model: Readonly<M>): { shape: RunShape; ran: number } | undefined {
    return this.byModel.get(model);
  }
}
