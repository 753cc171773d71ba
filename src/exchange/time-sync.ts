import type { Clock } from '../clock/clock';
import { InvalidNonceError } from '../domain/errors';

export interface TimeSyncSample {
  /** Venue time minus local time, in whole ms. */
  offsetMs: number;
  /** Local time from sending the request to receiving the answer. */
  roundTripMs: number;
  /** Local time the answer arrived. */
  at: number;
}

/**
 * The offset between the local clock and the venue's (invariant S3). Binance rejects a signed
 * request whose `timestamp` is more than `recvWindow` away from its server time with -1021
 * ("Timestamp for this request was 1000ms ahead of the server's time" / "outside of the
 * recvWindow"), so the adapter stamps requests with `now()` (ccxt's `milliseconds`) instead of
 * the raw local clock.
 *
 * Offset = serverTime - midpoint(local send time, local receive time): like NTP's one-exchange
 * estimate it assumes the request and the answer took equally long, so the error is at most half
 * the round trip.
 */
export class TimeSync {
  private offset = 0;
  private last: TimeSyncSample | undefined;

  constructor(private readonly clock: Clock) {}

  /** Asks the venue for its time (GET /api/v3/time) and adopts the measured offset. */
  async sync(fetchServerTime: () => Promise<number>): Promise<TimeSyncSample> {
    const sentAt = this.clock.now();
    const serverTime = await fetchServerTime();
    const receivedAt = this.clock.now();
    const sample: TimeSyncSample = { offsetMs: Math.round(serverTime - (sentAt + receivedAt) / 2), roundTripMs: receivedAt - sentAt, at: receivedAt };
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
    return { now: () => this.now(), sleep: (ms) => this.clock.sleep(ms) };
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
