import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';

/**
 * One invariant, checked after every command of a run. `check` returns the first difference it
 * finds, in words, or `undefined` when the invariant holds.
 */
export interface InvariantCheck {
  invariant: string;
  check(model: TradingModel, world: TradingWorld): string | undefined;
}
