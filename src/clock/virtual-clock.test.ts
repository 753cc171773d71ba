import { describe, expect, it } from 'vitest';
import { VirtualClock, VIRTUAL_EPOCH_MS } from './virtual-clock';
import { RandomSource } from './random';

describe('VirtualClock', () => {
  it('moves only when advanced', async () => {
    const clock = new VirtualClock();
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS);
    await clock.advance(1500);
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS + 1500);
  });

  it('jumps to the next deadline when every task waits on a timer', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    const work = (async () => {
      await Promise.all([
        clock.sleep(300_000).then(() => order.push('five minutes')),
        clock.sleep(10).then(() => order.push('ten ms')),
      ]);
      return clock.now();
    })();
    await expect(clock.run(work)).resolves.toBe(VIRTUAL_EPOCH_MS + 300_000);
    expect(order).toEqual(['ten ms', 'five minutes']);
  });

  it('rethrows what the driven work throws', async () => {
    const clock = new VirtualClock();
    const work = clock.sleep(5).then(() => {
      throw new Error('boom');
    });
    await expect(clock.run(work)).rejects.toThrow('boom');
  });
});

describe('RandomSource', () => {
  it('gives the same values for the same seed and stream name', () => {
    const a = new RandomSource('42').stream('ids');
    const b = new RandomSource('42').stream('ids');
    expect([a.token(12), a.int(0, 1000)]).toEqual([b.token(12), b.int(0, 1000)]);
  });

  it('keeps named streams independent', () => {
    const source = new RandomSource('42');
    const alone = source.stream('ids').token(16);
    const other = new RandomSource('42');
    other.stream('jitter').token(100);
    expect(other.stream('ids').token(16)).toBe(alone);
    expect(source.stream('jitter').token(16)).not.toBe(alone);
  });

  it('rejects work that nothing pending could ever settle, at once and without moving time', async () => {
    const clock = new VirtualClock();
    const never = new Promise<void>(() => undefined);
    await expect(clock.run(never)).rejects.toMatchObject({ code: 'NEVER_SETTLED', message: expect.stringContaining('nothing pending could settle it') });
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS);
  });

  it('rejects work that waits on a timer, then on nothing', async () => {
    const clock = new VirtualClock();
    const work = clock.sleep(1_000).then(() => new Promise<void>(() => undefined));
    await expect(clock.run(work)).rejects.toMatchObject({ code: 'NEVER_SETTLED' });
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS + 1_000);
  });

  it('rejects work still pending past its virtual limit, and lets work that settles at the limit through', async () => {
    const clock = new VirtualClock();
    const endless = (async () => {
      for (;;) await clock.sleep(60_000);
    })();
    await expect(clock.run(endless, { limitMs: 300_000 })).rejects.toThrow('still pending after 300000 ms of virtual time');
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS + 360_000);
    await expect(clock.run(clock.sleep(300_000).then(() => 'done'), { limitMs: 300_000 })).resolves.toBe('done');
  });

  it('waits for I/O in flight however long no timer is pending', async () => {
    const clock = new VirtualClock();
    // I/O that takes many more event-loop turns than the idle allowance.
    const io = (async () => {
      for (let turn = 0; turn < 100; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      return 'answer';
    })();
    await expect(clock.run(clock.whileInFlight(io))).resolves.toBe('answer');
  });
});

