import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { countRequests, countsDifference, requestsSeenByClient } from '../invariants/requests-seen';
import { PrometheusTextError, parsePrometheusText } from '../monitoring/prometheus-text';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand } from './trading-command';

/** The counter the contract names for M2 (src/exchange/contract.ts, `metricsText`). */
export const REQUESTS_COUNTER = 'tradeprop_exchange_requests_total';

/**
 * M2: scrapes the adapter's metrics and compares its request counter, by endpoint and status,
 * with the requests the venue's event log shows the adapter saw. A step of its own because a
 * scrape is asynchronous (prom-client collects on read) and invariant checks are not. An adapter
 * without `metricsText` fails: monitoring is a production-readiness requirement.
 */
export class CheckMetricsCommand extends TradingCommand {
  // Always: a scrape may come at any moment.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const adapter = world.adapter;
    if (adapter.metricsText === undefined) throw new InvariantViolationError('M2', 'the adapter exposes no metrics (ExchangeAdapter.metricsText is missing)');
    const text = await world.drive(adapter.metricsText());
    absorbVenueEvents(model, world);
    let counted: Map<string, number>;
    try {
      counted = requestCounts(text);
    } catch (error) {
      if (error instanceof PrometheusTextError) throw new InvariantViolationError('M2', `the metrics are not Prometheus text: ${error.message}`);
      throw error;
    }
    const difference = countsDifference(counted, countRequests(requestsSeenByClient(world.venue.control.events())), REQUESTS_COUNTER);
    if (difference !== undefined) throw new InvariantViolationError('M2', difference);
  }

  toString(): string {
    return 'checkMetrics()';
  }
}

/** The request counter's samples summed by "endpoint status" (other labels, e.g. exchange, summed over). */
function requestCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sample of parsePrometheusText(text)) {
    if (sample.name !== REQUESTS_COUNTER) continue;
    const key = `${sample.labels['endpoint'] ?? '?'} ${sample.labels['status'] ?? '?'}`;
    // A request counter holds whole requests: anything but a non-negative integer is wrong.
    if (!/^\d+$/.test(sample.value)) throw new InvariantViolationError('M2', `${REQUESTS_COUNTER}{${key}} is ${sample.value}, not a count`);
    counts.set(key, (counts.get(key) ?? 0) + Number.parseInt(sample.value, 10));
  }
  return counts;
}

export const checkMetricsArbitrary = fc.constant(null).map(() => new CheckMetricsCommand());
