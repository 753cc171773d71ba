import fc from 'fast-check';
import { BurstFetchBalancesCommand } from './burst-fetch-balances';
import { checkMetricsArbitrary } from './check-metrics';
import { corruptPlacementAnswerArbitrary } from './corrupt-placement-answer';
import { corruptedAnswerArbitrary } from './corrupted-answer';
import { allTradingCommands, type TradingCommandArbitrary } from './index';
import { lookupFaultArbitrary } from './lookup-fault';
import { losePlacementResponseArbitrary } from './lose-placement-response';
import { placementServerErrorArbitrary } from './placement-server-error';
import { reloadConfigArbitrary } from './reload-config';
import { tamperedRequestArbitrary } from './tampered-request';

/**
 * Command sets of the production-readiness properties (error handling, security, monitoring,
 * configuration): the trading commands plus what each category injects.
 */

/** Trading with corrupted venue answers to placements, order queries, cancels and balance reads. */
export function tradingCommandsWithCorruptedAnswers(): TradingCommandArbitrary[] {
  return [...allTradingCommands(), corruptPlacementAnswerArbitrary, corruptPlacementAnswerArbitrary, corruptedAnswerArbitrary, corruptedAnswerArbitrary];
}

/**
 * Trading with the faults that make one operation send several requests (a placement's lookups
 * and retries), and metric scrapes: what the monitoring property logs and counts.
 */
export function tradingCommandsWithMetricScrapes(): TradingCommandArbitrary[] {
  return [...allTradingCommands(), losePlacementResponseArbitrary, placementServerErrorArbitrary, lookupFaultArbitrary, checkMetricsArbitrary, checkMetricsArbitrary];
}

/**
 * Trading with signed requests tampered with in transit: placements, cancels and reads. Listed
 * three times: about one step in eight, as before the caller-mistake commands joined the set.
 */
export function tradingCommandsWithTamperedRequests(): TradingCommandArbitrary[] {
  return [...allTradingCommands(), tamperedRequestArbitrary, tamperedRequestArbitrary, tamperedRequestArbitrary];
}

/** A few balance reads at once (weight 20 each): enough to meet a reloaded tight weight limit. */
const smallBurstArbitrary = fc.integer({ min: 3, max: 8 }).map((count) => new BurstFetchBalancesCommand(count));

/**
 * Trading with configuration reloads, valid, invalid and identity-changing, between its steps,
 * and small bursts that show whether the limiter took a reloaded limit.
 */
export function tradingCommandsWithConfigReloads(): TradingCommandArbitrary[] {
  return [...allTradingCommands(), reloadConfigArbitrary, reloadConfigArbitrary, reloadConfigArbitrary, smallBurstArbitrary];
}
