import type { AsyncCommand } from 'fast-check';
import { CircuitOpenError, InvariantViolationError, TradepropError, type ErrorCode } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { breakerShouldBeOpen } from '../invariants/breaker-opens';
import { balancesText, ordersText } from '../invariants/compare-views';
import { reportHeartbeat } from '../../src/verifier/progress';
import { DEFAULT_ADAPTER_SETTINGS } from './default-adapter-settings';
import type { TradingWorld } from '../world';

/**
 * A step of a model-based run. `apply` acts on the adapter (and the venue's control API),
 * moves the model along and checks the step's own expectations; then every invariant the
 * property watches is checked, and the step is written to the run's trace.
 */
export abstract class TradingCommand implements AsyncCommand<TradingModel, TradingWorld> {
  abstract check(model: Readonly<TradingModel>): boolean;
  protected abstract apply(model: TradingModel, world: TradingWorld): Promise<void>;
  abstract toString(): string;

  async run(model: TradingModel, world: TradingWorld): Promise<void> {
    const step = world.trace.length + 1;
    reportHeartbeat(this.toString());
    let failure: unknown;
    try {
      await this.apply(model, world);
      for (const { invariant, check } of world.checks) {
        const difference = check(model, world);
        if (difference !== undefined) throw new InvariantViolationError(invariant, difference);
      }
    } catch (error) {
      failure = error;
    }
    // A call that could never settle is the verdict, however the step wrapped or caught its error.
    const stuck = world.takeStuck();
    if (stuck !== undefined) failure = new InvariantViolationError('P1', `a call ${stuck.message}`);
    world.trace.push({
      step,
      command: this.toString(),
      model: `${ordersText(model.orders('known'))} | ${balancesText(model.balances('known'))}`,
      adapter: `${ordersText(world.adapter.orders())} | ${balancesText(world.adapter.balances())}`,
      difference: failure === undefined ? undefined : describeFailure(failure),
    });
    if (failure !== undefined) {
      // Every failure becomes an invariant verdict naming the step, so the counterexample says
      // where it went wrong; an unexpected throw from the adapter counts against O1.
      const where = `step ${step} ${this.toString()}`;
      if (failure instanceof InvariantViolationError) throw new InvariantViolationError(failure.invariant, `${where}: ${failure.difference}`);
      throw new InvariantViolationError('O1', `${where}: unexpected ${describeFailure(failure)}`);
    }
  }
}

export function describeFailure(error: unknown): string {
  if (error instanceof TradepropError) return `${error.name} [${error.code}]: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Awaits adapter work expected to fail with `code`; anything else is a violation of `invariant`. */
export async function expectFailure(work: Promise<unknown>, code: ErrorCode, invariant: string, what: string): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (error instanceof TradepropError && error.code === code) return;
    throw new InvariantViolationError(invariant, `${what}: expected ${code}, got ${describeFailure(error)}`);
  }
  throw new InvariantViolationError(invariant, `${what}: expected ${code}, but it succeeded`);
}

/** Awaits adapter work expected to succeed; a failure is a violation of `invariant`. */
export async function expectSuccess<T>(work: Promise<T>, invariant: string, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new InvariantViolationError(invariant, `${what}: expected success, got ${describeFailure(error)}`);
  }
}

/**
 * Whether `error` is the adapter's breaker refusing a call it never sent, at a time the breaker
 * replayed on the venue's log (config.ts's settings) must be open: the right answer then.
 */
export function refusedByOpenBreaker(error: unknown, world: TradingWorld): boolean {
  return error instanceof CircuitOpenError && breakerShouldBeOpen(world.venue.control.events(), DEFAULT_ADAPTER_SETTINGS.breaker, world.clock.now());
}

/**
 * Adapter work expected to succeed, except that an open breaker may refuse it (faults on
 * lookups open it for every call): then nothing may have changed in the local view, and the
 * result is undefined. A refusal when the breaker should be closed is a violation of `invariant`.
 */
export async function expectSuccessUnlessBreakerOpen<T>(world: TradingWorld, call: () => Promise<T>, invariant: string, what: string): Promise<T | undefined> {
  const before = world.localViewText();
  try {
    return await world.drive(call());
  } catch (error) {
    if (!refusedByOpenBreaker(error, world)) throw new InvariantViolationError(invariant, `${what}: expected success, got ${describeFailure(error)}`);
    if (world.localViewText() !== before) throw new InvariantViolationError(invariant, `${what} was refused by the open breaker but changed the local view`);
    return undefined;
  }
}
