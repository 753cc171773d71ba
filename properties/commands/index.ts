import { cancelSettledOrderArbitrary, placeWithUsedIdArbitrary, unknownOrderArbitrary } from './caller-mistakes';
import type fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { advanceClockArbitrary } from './advance-clock';
import { cancelAllArbitrary } from './cancel-all';
import { cancelOrderArbitrary } from './cancel-order';
import { cancelRaceThenFetchArbitrary } from './cancel-race';
import { externalOrderArbitrary } from './external-order';
import { externalTakerBurstArbitrary } from './external-taker-burst';
import { externalTakerTradeArbitrary } from './external-taker-trade';
import { fetchBalancesArbitrary } from './fetch-balances';
import { fetchMyTradesArbitrary } from './fetch-my-trades';
import { fetchOpenOrdersArbitrary } from './fetch-open-orders';
import { fetchOrderArbitrary } from './fetch-order';
import { healFaultsArbitrary } from './heal-faults';
import { lookupFaultArbitrary } from './lookup-fault';
import { losePlacementResponseArbitrary } from './lose-placement-response';
import { placementServerErrorArbitrary } from './placement-server-error';
import { readLagWindowArbitrary } from './read-lag-window';
import { resetPlacementArbitrary } from './reset-placement';
import { placeIocFokArbitrary } from './place-ioc-fok';
import { placeLimitArbitrary } from './place-limit';
import { placeMakerArbitrary } from './place-maker';
import { placeMarketArbitrary } from './place-market';
import { reconcileArbitrary } from './reconcile';
import { sweepBookArbitrary } from './sweep-book';

export type TradingCommandArbitrary = fc.Arbitrary<fc.AsyncCommand<TradingModel, TradingWorld>>;

/**
 * Every trading command, on whichever markets a run has. GTC placing and external takers are
 * listed twice: runs then hold enough resting orders to act on, and enough fills to walk every
 * order transition; the orders that never rest (IOC, FOK, MARKET) and the maker ones once each,
 * and external orders rest liquidity for them to take; a burst of takers gives one order many
 * trades, and a sweep through the book leaves one partially filled and expired. A cancel that
 * another trader races, then the caller's fetch, is ordinary timing, not a fault.
 */
export function allTradingCommands(): TradingCommandArbitrary[] {
  return [
    placeLimitArbitrary,
    placeLimitArbitrary,
    placeIocFokArbitrary,
    placeMakerArbitrary,
    placeMarketArbitrary,
    cancelOrderArbitrary,
    cancelSettledOrderArbitrary,
    cancelRaceThenFetchArbitrary,
    cancelAllArbitrary,
    externalOrderArbitrary,
    externalTakerTradeArbitrary,
    externalTakerTradeArbitrary,
    externalTakerBurstArbitrary,
    sweepBookArbitrary,
    advanceClockArbitrary,
    fetchOrderArbitrary,
    fetchOpenOrdersArbitrary,
    fetchMyTradesArbitrary,
    fetchBalancesArbitrary,
    reconcileArbitrary,
    unknownOrderArbitrary,
    placeWithUsedIdArbitrary,
  ];
}

/**
 * Every trading command plus the faults around placement (connection resilience). Lost
 * placement answers are listed twice: they are the fault exactly-once exists for.
 */
export function tradingCommandsWithPlacementFaults(): TradingCommandArbitrary[] {
  return [
    ...allTradingCommands(),
    losePlacementResponseArbitrary,
    losePlacementResponseArbitrary,
    resetPlacementArbitrary,
    placementServerErrorArbitrary,
    lookupFaultArbitrary,
    readLagWindowArbitrary,
    healFaultsArbitrary,
  ];
}
