import { allTradingCommands, tradingCommandsWithPlacementFaults, type TradingCommandArbitrary } from './index';
import { cancelRaceArbitrary } from './cancel-race';
import { clockJumpArbitrary } from './clock-jump';
import { healAndReconcileArbitrary } from './heal-and-reconcile';
import { healFaultsArbitrary } from './heal-faults';
import { maintenanceWindowArbitrary } from './maintenance-window';
import { burstFetchBalancesArbitrary } from './burst-fetch-balances';
import { burstInStormArbitrary, rateLimitStormArbitrary } from './rate-limit-storm';
import { responseDelayArbitrary } from './response-delay';

/**
 * Trading under rate-limit storms (R3): the storm is listed twice so most runs meet one. Load
 * meets them too: bursts that fill much of a minute's weight, and bursts issued into a storm.
 */
export function tradingCommandsWithStorms(): TradingCommandArbitrary[] {
  return [...allTradingCommands(), rateLimitStormArbitrary, rateLimitStormArbitrary, burstFetchBalancesArbitrary, burstInStormArbitrary];
}

/** Trading while the venue clock jumps ahead and behind (S3), and heals back. */
export function tradingCommandsWithClockJumps(): TradingCommandArbitrary[] {
  return [...allTradingCommands(), clockJumpArbitrary, clockJumpArbitrary, healFaultsArbitrary];
}

/**
 * Trading through outages (C2, C3): maintenance windows, slow networks, and the placement and
 * lookup faults (lost answers, resets, 5xx, read lag). No clock jumps: C3's log reading takes
 * every 400 for a refusal, and a -1021 is one it may retry once.
 */
export function tradingCommandsWithOutages(): TradingCommandArbitrary[] {
  return [...tradingCommandsWithPlacementFaults(), maintenanceWindowArbitrary, maintenanceWindowArbitrary, responseDelayArbitrary];
}

/** Every trading command and every venue fault kind, with heal periods and reconciles after them (C1, S1). */
export function tradingCommandsWithAllFaults(): TradingCommandArbitrary[] {
  return [
    ...tradingCommandsWithPlacementFaults(),
    maintenanceWindowArbitrary,
    rateLimitStormArbitrary,
    clockJumpArbitrary,
    cancelRaceArbitrary,
    cancelRaceArbitrary,
    responseDelayArbitrary,
    healAndReconcileArbitrary,
  ];
}
