import { z } from 'zod';
import { TRADER, type TradingWorld } from '../world';
import type { InvariantCheck } from './invariant-check';
import { countRequests, countsDifference, requestsSeenByClient } from './requests-seen';

/** The operation name the run's setup loads markets under, before step 1. */
const SETUP_OPERATION = 'loadMarkets';

/** The fields M1 reads from a request line; anything else on the line is the adapter's own. */
const RequestLineSchema = z.object({
  msg: z.literal('request'),
  method: z.string(),
  path: z.string(),
  status: z.number().nullable(),
  correlationId: z.string().optional(),
});

/** How far the previous check read the log and the venue's events, per run. */
const checkedUpTo = new WeakMap<TradingWorld, { lines: number; seq: number }>();

/**
 * M1: every request the adapter sent has exactly one log line (the log's requests, by endpoint
 * and status, are exactly those the venue's event log shows the adapter saw), each with a
 * correlation id, and one step's requests (one adapter operation: a place with its lookups and
 * retries, a cancel, a fetch) all carry one id: the intent's client order id when the step placed
 * an order. A reconcile step is exempt from "one id": it resolves each order under that order's id.
 */
export const everyRequestLoggedOnceWithItsIntent: InvariantCheck = {
  invariant: 'M1',
  check(_model, world) {
    const events = world.venue.control.events();
    const previous = checkedUpTo.get(world) ?? { lines: 0, seq: 0 };
    checkedUpTo.set(world, { lines: world.logLines.length, seq: events.at(-1)?.seq ?? 0 });
    const lines = requestLines(world.logLines);
    const difference = countsDifference(countRequests(lines), countRequests(requestsSeenByClient(events)), 'log lines');
    if (difference !== undefined) return difference;

    const firstStep = world.trace.length === 0;
    const stepLines = lines.filter((line) => line.logIndex >= previous.lines);
    const operationLines = stepLines.filter((line) => !(firstStep && line.correlationId === SETUP_OPERATION));
    const anonymous = operationLines.find((line) => line.correlationId === undefined || line.correlationId === '' || line.correlationId === 'none');
    if (anonymous !== undefined) return `a ${anonymous.endpoint} request was logged without a correlation id`;
    if (world.reconciledAtStep === world.trace.length + 1) return undefined;
    const ids = [...new Set(operationLines.map((line) => line.correlationId))];
    if (ids.length > 1) return `one operation's requests were logged under ${ids.length} correlation ids: ${ids.join(', ')}`;
    const placed = events.find((event) => event.seq > previous.seq && event.type === 'order_accepted' && event.order.account === TRADER);
    if (placed?.type === 'order_accepted' && ids[0] !== placed.order.clientOrderId) {
      return `placing ${placed.order.clientOrderId} logged its requests under ${ids[0] ?? '(no line)'}`;
    }
    return undefined;
  },
};

interface RequestLine {
  endpoint: string;
  status: string;
  correlationId: string | undefined;
  /** Where in the whole log (every line, not only requests) it stands. */
  logIndex: number;
}

function requestLines(log: readonly string[]): RequestLine[] {
  const lines: RequestLine[] = [];
  log.forEach((text, logIndex) => {
    const parsed = RequestLineSchema.safeParse(parseJson(text));
    if (!parsed.success) return;
    const { method, path, status, correlationId } = parsed.data;
    lines.push({ endpoint: `${method} ${path}`, status: status === null ? 'none' : String(status), correlationId, logIndex });
  });
  return lines;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
