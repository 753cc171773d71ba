import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../clock/virtual-clock';
import { InvalidNonceError, NetworkError } from '../domain/errors';
import { isTimestampError, MAX_LEAD_MS, TimeSync } from './time-sync';

describe('TimeSync', () => {
  it('starts with no offset', () => {
    const clock = new VirtualClock();
    const sync = new TimeSync(clock);
    expect(sync.now()).toBe(VIRTUAL_EPOCH_MS);
    expect(sync.lastSync()).toBeUndefined();
  });

  it('measures offset = server time - midpoint of send and receive', async () => {
    const clock = new VirtualClock();
    const sync = new TimeSync(clock);
    const venueAhead = 3_000;
    // The request takes 100 ms to arrive and the answer 100 ms to return.
    const fetchServerTime = async (): Promise<number> => {
      await clock.sleep(100);
      const serverTime = clock.now() + venueAhead;
      await clock.sleep(100);
      return serverTime;
    };
    const sample = await clock.run(sync.sync(fetchServerTime));
    expect(sample).toEqual({ offsetMs: venueAhead, roundTripMs: 200, at: VIRTUAL_EPOCH_MS + 200 });
    expect(sync.now()).toBe(clock.now() + venueAhead);
    expect(sync.venueClock().now()).toBe(clock.now() + venueAhead);
  });

  it.each([
    { request: 3_000, answer: 0 },
    { request: 0, answer: 3_000 },
    { request: 9_000, answer: 1 },
    { request: 40, answer: 60 },
  ])('never puts a stamp $request ms request / $answer ms answer more than MAX_LEAD_MS ahead, nor further behind than the round trip', async ({ request, answer }) => {
    const clock = new VirtualClock();
    const sync = new TimeSync(clock);
    const venueAhead = 12_000;
    const fetchServerTime = async (): Promise<number> => {
      await clock.sleep(request);
      const serverTime = clock.now() + venueAhead;
      await clock.sleep(answer);
      return serverTime;
    };
    const sample = await clock.run(sync.sync(fetchServerTime));
    expect(sample.offsetMs - venueAhead).toBeLessThanOrEqual(MAX_LEAD_MS);
    expect(venueAhead - sample.offsetMs).toBeLessThanOrEqual(request + answer);
    expect(sample.roundTripMs).toBe(request + answer);
  });

  it('adopts a reading taken from another answer exactly as a sync measuring the same times', () => {
    const clock = new VirtualClock();
    const sync = new TimeSync(clock);
    const sentAt = VIRTUAL_EPOCH_MS + 50;
    const sample = sync.adopt({ sentAt, serverTime: sentAt + 100 + 3_000, receivedAt: sentAt + 200 });
    expect(sample).toEqual({ offsetMs: 3_000, roundTripMs: 200, at: sentAt + 200 });
    expect(sync.lastSync()).toEqual(sample);
    expect(sync.now()).toBe(clock.now() + 3_000);
  });

  it('errs by at most half the round trip when the paths are uneven', async () => {
    const clock = new VirtualClock();
    const sync = new TimeSync(clock);
    const fetchServerTime = async (): Promise<number> => {
      await clock.sleep(300);
      return clock.now() - 5_000;
    };
    const sample = await clock.run(sync.sync(fetchServerTime));
    expect(Math.abs(sample.offsetMs - -5_000)).toBeLessThanOrEqual(sample.roundTripMs / 2);
  });

  it('sleeps on the local clock through venueClock(): the offset shifts readings, not waits', async () => {
    const clock = new VirtualClock();
    const sync = new TimeSync(clock);
    await clock.run(sync.sync(async () => clock.now() + 3_000));
    const venueClock = sync.venueClock();
    const before = venueClock.now();
    await clock.run(venueClock.sleep(250));
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS + 250);
    expect(venueClock.now() - before).toBe(250);
  });

  it('recognises -1021 as a timestamp error, nothing else', () => {
    expect(isTimestampError(new InvalidNonceError('Timestamp for this request is outside of the recvWindow.'))).toBe(true);
    expect(isTimestampError(new NetworkError('reset'))).toBe(false);
    expect(isTimestampError('-1021')).toBe(false);
  });
});
