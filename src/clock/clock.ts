/**
 * The one source of time in tradeprop. Everything that needs "now" or a delay takes a Clock,
 * so a run on the virtual clock is reproduced exactly from its seed.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the venue and ccxt's `milliseconds()` see it. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time, or as soon as `signal` aborts (its
   * timer then cleared): a loop that is told to stop leaves no timer behind (invariant F2).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A clock that is driven (VirtualClock) is told of real I/O in flight, so it neither jumps time
   * nor takes the wait for a hang while a socket is open; other clocks leave it out.
   */
  whileInFlight?<T>(io: Promise<T>): Promise<T>;
}
