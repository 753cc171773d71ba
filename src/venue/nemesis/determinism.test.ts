import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createVenue } from '../index';
import { binanceClient, createLimitOrder } from '../testing/ccxt-binance';

/**
 * A fixed session through ccxt under a seeded random fault plan. Client order ids are always
 * passed (ccxt's own come from Math.random); every answer or error is recorded as text.
 */
async function faultySession(seed: string): Promise<{ eventLog: string; outcomes: string[] }> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(seed) });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  const exchange = binanceClient(venue, credentials, clock);
  await exchange.loadMarkets();
  venue.nemesis.plan({
    until: clock.now() + 120_000,
    perRequest: { delay: 0.1, response_lost: 0.1, connection_reset: 0.1, server_error: 0.1, read_lag: 0.1, cancel_race: 0.2 },
    windows: { maintenance: 1, rate_limit_storm: 1, clock_jump: 1 },
    windowMs: { min: 2000, max: 8000 },
    maxClockJumpMs: 15_000,
  });
  const outcomes: string[] = [];
  const attempt = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      outcomes.push(JSON.stringify(await clock.run(work())));
    } catch (error: unknown) {
      outcomes.push(error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error));
    }
  };
  for (let step = 0; step < 12; step += 1) {
    const clientOrderId = `s-${step}`;
    await attempt(async () => (await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.01', String(29_000 + step), { clientOrderId })).info);
    await attempt(async () => (await exchange.fetchOrder('', 'BTC/USDT', { origClientOrderId: clientOrderId })).info);
    if (step % 3 === 0) venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004' });
    await attempt(async () => (await exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: clientOrderId })).info);
    await attempt(async () => (await exchange.fetchOpenOrders('BTC/USDT')).map((order) => order.info));
    await clock.advance(2500);
  }
  venue.nemesis.heal();
  await attempt(async () => (await exchange.fetchBalance()).info);
  return { eventLog: venue.control.eventLog(), outcomes };
}

describe('faults and determinism', () => {
  it('gives a byte-identical event log and identical answers for the same seed with a random fault plan active', async () => {
    const first = await faultySession('faulty-1');
    const second = await faultySession('faulty-1');
    expect(second.eventLog).toBe(first.eventLog);
    expect(second.outcomes).toEqual(first.outcomes);
    const kinds = new Set(first.eventLog.split('\n').flatMap((line) => (line.includes('"type":"fault"') ? [(JSON.parse(line) as { kind: string }).kind] : [])));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });

  it('draws a different plan from a different seed', async () => {
    const [a, b] = await Promise.all([faultySession('faulty-1'), faultySession('faulty-2')]);
    const faultLines = (log: string): string[] => log.split('\n').filter((line) => line.includes('"type":"fault"'));
    expect(faultLines(b.eventLog)).not.toEqual(faultLines(a.eventLog));
  });
});
