import { describe, expect, it } from 'vitest';
import { asCcxtAmount } from '../../exchange/binance-client';
import { watchOrdersStarted } from '../testing/watch-orders-started';
import { PING_INTERVAL_MS } from './liveness';
import type { StreamFault } from './stream-faults';
import { ccxtProWorld } from '../testing/ccxt-pro-world';

/** Long enough for ccxt's keepAlive to give up on a silent connection (at most 4 x 180 s). */
const SILENT_TIMEOUT_LIMIT_MS = 30 * 60_000;

interface SessionLog {
  credentials: { apiKey: string; secret: string };
  events: string;
  frames: string;
  /** How each awaited call ended, in order. */
  outcomes: string[];
}

/**
 * One scripted session of the real ccxt.pro.binance against a venue that records frames:
 * subscribe, REST orders filled partly and fully by other traders, a cancel, an IOC expiry, and
 * every stream fault once, each followed by the reconnect or resubscription ccxt makes.
 */
async function session(seed: string): Promise<SessionLog> {
  const { clock, venue, credentials, exchange } = await ccxtProWorld(seed, { btc: '2', recordFrames: true });

  const outcomes: string[] = [];
  const settle = async (label: string, work: Promise<unknown>, limitMs?: number): Promise<void> => {
    const outcome = await clock.run(work, { limitMs }).then(
      () => 'ok',
      (error: unknown) => (error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)),
    );
    outcomes.push(`${label}: ${outcome}`);
  };
  const pause = (ms: number): Promise<void> => clock.run(clock.sleep(ms));
  const inject = (fault: StreamFault): void => venue.nemesis.injectStreamFault('alice', fault);
  // Every order names its client order id: ccxt would otherwise draw one from Math.random.
  const place = (id: string, side: 'buy' | 'sell', amount: string, price: string, params: Record<string, string> = {}): Promise<void> =>
    settle(`place ${id}`, exchange.createOrder('BTC/USDT', 'limit', side, asCcxtAmount(amount), asCcxtAmount(price), { newClientOrderId: id, ...params }));

  let { watch } = await watchOrdersStarted(clock, exchange);
  await place('a-1', 'buy', '0.01', '30000');
  await settle('watch NEW a-1', watch);
  ({ watch } = await watchOrdersStarted(clock, exchange));
  venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004', limitPrice: '30000' });
  await settle('watch a-1 partly filled', watch);
  await pause(10);
  venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.006', limitPrice: '30000' });
  // Long enough for the venue's pings (every 20 s) and ccxt's answers.
  await pause(2 * PING_INTERVAL_MS + 10);
  await place('a-2', 'sell', '0.5', '40000');
  await settle('cancel a-2', exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: 'a-2' }));
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.001', price: '30000' });
  await place('a-3', 'buy', '0.003', '30000', { timeInForce: 'IOC' });
  await pause(10);

  inject({ kind: 'stream_duplicate', count: 2 });
  await place('a-4', 'buy', '0.002', '29000');
  await pause(10);
  inject({ kind: 'stream_late', delayMs: 3_000 });
  await place('a-5', 'buy', '0.002', '29500');
  venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.002', limitPrice: '29500' });
  await pause(3_010);

  ({ watch } = await watchOrdersStarted(clock, exchange));
  inject({ kind: 'stream_expire' });
  await pause(10);
  // The pending watch waits on: ccxt subscribes again on the same connection for the next one.
  const resubscribed = (await watchOrdersStarted(clock, exchange)).watch;
  await place('a-6', 'buy', '0.002', '28000');
  await settle('watch after expire', watch);
  await settle('watch resubscribed', resubscribed);

  ({ watch } = await watchOrdersStarted(clock, exchange));
  inject({ kind: 'stream_drop', mode: 'close' });
  await settle('watch through drop close', watch);
  ({ watch } = await watchOrdersStarted(clock, exchange));
  venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.002', limitPrice: '29000' });
  await settle('watch a-4 filled after reconnect', watch);

  ({ watch } = await watchOrdersStarted(clock, exchange));
  inject({ kind: 'stream_drop', mode: 'reset' });
  await settle('watch through drop reset', watch);
  inject({ kind: 'stream_refuse', durationMs: 5_000 });
  await settle('watch while refused', (await watchOrdersStarted(clock, exchange)).watch);
  await pause(5_000);
  ({ watch } = await watchOrdersStarted(clock, exchange));
  inject({ kind: 'stream_silent' });
  await settle('cancel a-6 while silent', exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: 'a-6' }));
  await settle('watch through silence', watch, SILENT_TIMEOUT_LIMIT_MS);
  ({ watch } = await watchOrdersStarted(clock, exchange));
  await place('a-7', 'sell', '0.001', '45000');
  await settle('watch after silence', watch);
  await clock.run(exchange.close());

  return { credentials, events: JSON.stringify(venue.control.events()), frames: JSON.stringify(venue.stream.frames()), outcomes };
}

describe('the same seed gives a byte-identical event log, frames included', () => {
  it('replays a session of ccxt.pro.binance through every stream fault byte for byte; another seed changes the credentials in the frames', async () => {
    const first = await session('frames-determinism');
    const second = await session('frames-determinism');
    expect(second.events).toBe(first.events);
    expect(second.frames).toBe(first.frames);
    expect(second.outcomes).toEqual(first.outcomes);

    // Not a trivial log: every execution type, every stream fault and its traces, the reconnects.
    for (const trace of ['"x\\":\\"NEW', '"x\\":\\"TRADE', '"x\\":\\"CANCELED', '"x\\":\\"EXPIRED', 'eventStreamTerminated', '1001 going away', '"kind":"terminate"', '"kind":"refused","text":"503"', '"kind":"ping"', '"kind":"pong"']) {
      expect(first.frames, trace).toContain(trace);
    }
    for (const kind of ['stream_drop', 'stream_duplicate', 'stream_late', 'stream_silent', 'stream_expire', 'stream_refuse']) expect(first.events).toContain(`"kind":"${kind}"`);
    expect(first.outcomes).toContain('watch a-4 filled after reconnect: ok');
    expect(first.outcomes.find((line) => line.startsWith('watch through silence'))).toMatch(/RequestTimeout/);
    expect(first.outcomes.find((line) => line.startsWith('watch while refused'))).toMatch(/503/);

    // The seed draws the account's API key and secret: the subscribe requests carry them.
    const other = await session('frames-determinism-2');
    expect(other.frames).not.toBe(first.frames);
    expect(first.frames).toContain(first.credentials.apiKey);
    expect(other.frames).toContain(other.credentials.apiKey);
    expect(other.frames).not.toContain(first.credentials.apiKey);
    const withoutCredentials = (log: SessionLog): string => log.frames.replace(/\\"(apiKey|signature)\\":\\"[0-9a-z]+\\"/g, '\\"$1\\":\\"-\\"');
    expect(withoutCredentials(other)).toBe(withoutCredentials(first));
    expect(other.events).toBe(first.events);
  });
});
