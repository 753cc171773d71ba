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
});
