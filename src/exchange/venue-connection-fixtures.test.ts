import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { CircuitOpenError, InvalidNonceError } from '../domain/errors';
import type { OrderIntent } from '../domain/order';
import { createVenue, type Venue } from '../venue';
import { BreakerNeverHalfOpensAdapter } from '../../properties/fixtures/adapters/breaker-never-half-opens';
import { IgnoresRetryAfterAdapter } from '../../properties/fixtures/adapters/ignores-retry-after';
import { LogsRequestHeadersAdapter } from '../../properties/fixtures/adapters/logs-request-headers';
import { RetriesTimestampErrorWithoutResyncAdapter } from '../../properties/fixtures/adapters/retries-timestamp-error-without-resync';
import type { AdapterEnvironment } from './contract';
import { ReferenceAdapter } from './reference-adapter';
import { memorySink, type MemorySink } from './request-log';
import type { VenueConnectionOptions } from './venue-connection';

type AdapterClass = new (env: AdapterEnvironment, options?: VenueConnectionOptions) => ReferenceAdapter;

interface World {
  clock: VirtualClock;
  venue: Venue;
  env: AdapterEnvironment;
  adapter: ReferenceAdapter;
  log: MemorySink;
  run<T>(work: Promise<T>): Promise<T>;
}

/** `logged: false` leaves the adapter without a log destination (`log` then stays empty). */
async function start(Adapter: AdapterClass, { logged = true } = {}): Promise<World> {
  const clock = new VirtualClock();
  const random = new RandomSource('fixtures');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch };
  const log = memorySink();
  const adapter = new Adapter(env, logged ? { logDestination: log } : {});
  await clock.run(adapter.loadMarkets());
  return { clock, venue, env, adapter, log, run: (work) => clock.run(work) };
}

const buy: OrderIntent = { clientOrderId: 'tp-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' };
/** The requests after loadMarkets's, which end with its account read. */
const requestsAfterLoad = (venue: Venue) => {
  const requests = venue.control.events().flatMap((event) => (event.type === 'request' ? [event] : []));
  return requests.slice(requests.findIndex((event) => event.path === '/api/v3/account') + 1);
};

describe('the connection fixtures differ from the reference where their bug says', () => {
  it('ignores-retry-after: after a 429 with Retry-After 7 s it asks again sooner; the reference waits', async () => {
    for (const [Adapter, waitsAtLeast] of [[ReferenceAdapter, true], [IgnoresRetryAfterAdapter, false]] as const) {
      const w = await start(Adapter);
      const before = w.clock.now();
      w.venue.nemesis.schedule({ kind: 'rate_limit_storm', retryAfterSeconds: 7 }, { count: 1 });
      await w.run(w.adapter.fetchBalances());
      const [retried] = requestsAfterLoad(w.venue);
      expect((retried?.at ?? before) - before >= 7_000).toBe(waitsAtLeast);
    }
  });

  it('retries-timestamp-error-without-resync: a skewed venue clock fails the retry too; the reference resyncs first', async () => {
    const good = await start(ReferenceAdapter);
    const bad = await start(RetriesTimestampErrorWithoutResyncAdapter);
    for (const w of [good, bad]) w.venue.nemesis.schedule({ kind: 'clock_jump', offsetMs: -20_000 });
    expect((await good.run(good.adapter.place(buy))).status).toBe('open');
    await expect(bad.run(bad.adapter.place(buy))).rejects.toBeInstanceOf(InvalidNonceError);
    expect(requestsAfterLoad(bad.venue).map((event) => `${event.method} ${event.path} ${event.status}`)).toEqual(['POST /api/v3/order 400', 'POST /api/v3/order 400']);
  });

  it('logs-request-headers: the API key reaches the log; never with the reference', async () => {
    const good = await start(ReferenceAdapter);
    const bad = await start(LogsRequestHeadersAdapter);
    expect(good.log.lines.join('\n')).not.toContain(good.env.credentials.apiKey);
    expect(bad.log.lines.join('\n')).toContain(bad.env.credentials.apiKey);
  });

  it('with no log destination, lines go nowhere, a fixture\'s own writes included, and every call still works', async () => {
    const written: string[] = [];
    const stdoutWrite = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    const fsWrite = vi.spyOn(fs, 'writeSync').mockImplementation((fd: number, chunk: unknown) => (fd === 1 ? written.push(String(chunk)) : 0));
    try {
      for (const Adapter of [ReferenceAdapter, LogsRequestHeadersAdapter]) {
        const w = await start(Adapter, { logged: false });
        expect((await w.run(w.adapter.place(buy))).status, Adapter.name).toBe('open');
      }
    } finally {
      stdoutWrite.mockRestore();
      fsWrite.mockRestore();
    }
    expect(written.filter((chunk) => chunk.includes('"msg":"request'))).toEqual([]);
  });

  it('breaker-never-half-opens: after a healed outage and the open window it still refuses; the reference probes and recovers', async () => {
    for (const [Adapter, recovers] of [[ReferenceAdapter, true], [BreakerNeverHalfOpensAdapter, false]] as const) {
      const w = await start(Adapter);
      w.venue.nemesis.schedule({ kind: 'maintenance' });
      await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
      w.venue.nemesis.heal();
      await w.run(w.clock.sleep(60_000));
      const outcome = await w.run(w.adapter.fetchBalances()).then(() => 'answered', (error: unknown) => error);
      if (recovers) expect(outcome).toBe('answered');
      else expect(outcome).toBeInstanceOf(CircuitOpenError);
    }
  });
});
