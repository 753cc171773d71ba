import { cancelSettledOrderArbitrary } from './caller-mistakes';
import type { TradingCommandArbitrary } from './index';
import { awaitStreamArbitrary, healStreamArbitrary, letStreamTimePassArbitrary } from './await-stream';
import { cancelOrderArbitrary } from './cancel-order';
import { externalOrderArbitrary } from './external-order';
import { externalTakerBurstArbitrary } from './external-taker-burst';
import { externalTakerTradeArbitrary } from './external-taker-trade';
import { fetchOpenOrdersArbitrary } from './fetch-open-orders';
import { fetchOrderArbitrary } from './fetch-order';
import { placeIocFokArbitrary } from './place-ioc-fok';
import { placeLimitArbitrary } from './place-limit';
import { placeMarketArbitrary } from './place-market';
import { EVERY_STREAM_OUTAGE, NOTICED_STREAM_OUTAGES, tradeWhileStreamDownArbitrary, streamDropArbitrary, streamDuplicateArbitrary, streamExpireArbitrary, streamLateArbitrary, streamRefuseArbitrary, streamSilentArbitrary } from './stream-fault';

/**
 * Trading with the user-data stream on, and no `reconcile`: the stream (and each call's own
 * answer) is how the adapter learns what other traders did to its orders. External takers are
 * listed twice, so most orders are filled by someone else, often several times; a fetch of one
 * order brings over REST what the stream also brings, and a cancel of a settled order is an
 * ordinary mistake. Commands that judge the adapter against what the model says it may know
 * without a stream (cancelAll's local check, a day's clock jump) are left to the REST properties.
 */
function streamTradingCommands(wait: TradingCommandArbitrary): TradingCommandArbitrary[] {
  return [
    placeLimitArbitrary,
    placeLimitArbitrary,
    placeIocFokArbitrary,
    placeMarketArbitrary,
    cancelOrderArbitrary,
    cancelSettledOrderArbitrary,
    externalOrderArbitrary,
    externalTakerTradeArbitrary,
    externalTakerTradeArbitrary,
    externalTakerBurstArbitrary,
    fetchOrderArbitrary,
    fetchOpenOrdersArbitrary,
    wait,
    wait,
  ];
}

/** A faithful stream: after every catch-up it must be live and the view the venue's. */
export function faithfulStreamCommands(): TradingCommandArbitrary[] {
  return streamTradingCommands(awaitStreamArbitrary(true));
}

/**
 * Frames twice and frames late (overtaken by later ones and by REST answers), and connections
 * dropped or subscriptions ended (trades landing meanwhile) so that a reconnect's resync replays
 * over REST what the stream may also bring. No silent socket: waits claim a caught-up stream,
 * and a half-open socket looks live until its heartbeats are missed.
 */
export function replayingStreamCommands(): TradingCommandArbitrary[] {
  return [
    ...streamTradingCommands(awaitStreamArbitrary(false)),
    streamDuplicateArbitrary,
    streamLateArbitrary,
    streamLateArbitrary,
    streamDropArbitrary,
    tradeWhileStreamDownArbitrary(NOTICED_STREAM_OUTAGES),
    healStreamArbitrary,
  ];
}

/**
 * Every stream fault kind: drops, duplicates, late frames, a silent half-open socket, an expired
 * subscription, refused reconnects. External trades land while the stream is down, since a fault
 * takes no time and the takers come right after it. Waits claim nothing (a silent socket looks
 * live until its pongs are missed); the heal period does, and is listed twice: converging after
 * the faults is what C4 is about.
 */
export function everyStreamFaultCommands(): TradingCommandArbitrary[] {
  return [
    ...streamTradingCommands(letStreamTimePassArbitrary),
    streamDropArbitrary,
    streamDuplicateArbitrary,
    streamLateArbitrary,
    streamSilentArbitrary,
    streamExpireArbitrary,
    streamRefuseArbitrary,
    tradeWhileStreamDownArbitrary(EVERY_STREAM_OUTAGE),
    tradeWhileStreamDownArbitrary(EVERY_STREAM_OUTAGE),
    healStreamArbitrary,
    healStreamArbitrary,
  ];
}
