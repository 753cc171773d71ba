import type { Clock } from '../clock/clock';
import { InvalidNonceError } from '../domain/errors';

/** How far ahead of the venue a stamp may be put, at most: half Binance's 1000 ms allowance. */
export const MAX_LEAD_MS = 500;

export interface TimeSyncSample {
  /** Venue time minus local time, in whole ms. */
  offsetMs: number;
  /** Local time from sending the request to receiving the answer. */
  roundTripMs: number;
  /** Local time the answer arrived. */
  at: number;
}

/** One answer that carried the venue's time, with the local times of its request and answer. */
export interface VenueTimeReading {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}

/**
 * The offset between the local clock and the venue's (invariant S3). Binance rejects a signed
 * request whose `timestamp` is more than `recvWindow` away from its server time with -1021
 * ("Timestamp for this request was 1000ms ahead of the server's time" / "outside of the
 * recvWindow"), so the adapter stamps requests with `now()` (ccxt's `milliseconds`) instead of
 * the raw local clock.
 *
 * The venue read its clock at some instant between our send and our receive, so the true offset
 * lies in [serverTime - receivedAt, serverTime - sentAt]. NTP's midpoint of that interval is off
 * by half the delay when the delay is one-sided (a slow request, a fast answer: JKorf/Binance.Net
 * #139), and Binance's window is lopsided: a timestamp may lag up to recvWindow but may lead by
 * less than 1000 ms. So the estimate is the midpoint, but never more than `MAX_LEAD_MS` above the
 * interval's low end: the stamp can then lead the venue by at most that, whichever way the
 * delay fell, and lags by at most the round trip.
 */
export class TimeSync {
  private offset = 0;
  private last: TimeSyncSample | undefined;

  constructor(private readonly clock: Clock) {}

  /** Asks the venue for its time (GET /api/v3/time) and adopts the measured offset. */
  async sync(fetchServerTime: () => Promise<number>): Promise<TimeSyncSample> {
    const sentAt = this.clock.now();
    const serverTime = await fetchServerTime();
    return this.adopt({ sentAt, serverTime, receivedAt: this.clock.now() });
  }

  /** Adopts the offset measured by an answer that carried the venue's time (exchangeInfo's too). */
  adopt({ sentAt, serverTime, receivedAt }: VenueTimeReading): TimeSyncSample {
    const roundTripMs = receivedAt - sentAt;
    const lowestOffset = serverTime - receivedAt;
    const sample: TimeSyncSample = { offsetMs: Math.floor(lowestOffset + Math.min(roundTripMs / 2, MAX_LEAD_MS)), roundTripMs, at: receivedAt };
    this.offset = sample.offsetMs;
    this.last = sample;
    return sample;
  }

  /** Venue time as best known: the local clock plus the measured offset. */
  now(): number {
    return this.clock.now() + this.offset;
  }

  offsetMs(): number {
    return this.offset;
  }

  /** The last measurement, for health(); undefined before the first sync. */
  lastSync(): TimeSyncSample | undefined {
    return this.last;
  }

  /** The local clock seen through the offset: sleeps unchanged, `now()` in venue time. */
  venueClock(): Clock {
    return { now: () => this.now(), sleep: (ms, signal) => this.clock.sleep(ms, signal) };
  }
}

/**
 * -1021 (InvalidNonceError): the request's timestamp was outside recvWindow. Retrying it as it
 * is fails again, so the adapter resyncs (`TimeSync.sync`) before the one retry it allows,
 * never retries blindly (InvalidNonceError is not `retryable` for that reason).
 */
export function isTimestampError(error: unknown): error is InvalidNonceError {
  return error instanceof InvalidNonceError;
}
