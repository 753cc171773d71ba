import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { ConfigError, ConfigReloadRefusedError } from '../domain/errors';
import { createVenue } from '../venue';
import { parseAdapterSettings } from './config';
import { createReferenceAdapter } from './reference-adapter';
import { memorySink } from './request-log';

async function started() {
  const clock = new VirtualClock();
  const random = new RandomSource('reload');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '1000');
  const log = memorySink();
  const adapter = await createReferenceAdapter({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch }, { logDestination: log });
  await clock.run(adapter.loadMarkets());
  return { clock, venue, adapter, log };
}

const START = parseAdapterSettings({ environment: 'sim' });

describe('a hot reload of the reference adapter', () => {
  it('applies a valid document to later requests: the settings, the limiter and the log level', async () => {
    const { clock, venue, adapter, log } = await started();
    const document = { environment: 'sim', limits: { weightPerMinute: 60 }, logLevel: 'warn' };
    adapter.reloadConfig(document);
    expect(adapter.effectiveSettings()).toEqual(parseAdapterSettings(document));
    const linesBefore = log.lines.length;
    const startedAt = clock.now();
    // Five balance reads weigh 100: with 60 a minute, the limiter holds some to the next minute.
    await clock.run(Promise.all(Array.from({ length: 5 }, () => adapter.fetchBalances())));
    expect(clock.now() - startedAt).toBeGreaterThan(0);
    const weights = new Map<number, number>();
    for (const event of venue.control.events()) if (event.type === 'request' && event.at >= startedAt) weights.set(Math.floor(event.at / 60_000), (weights.get(Math.floor(event.at / 60_000)) ?? 0) + event.weight);
    expect([...weights.values()].every((weight) => weight <= 60)).toBe(true);
    // Successful requests log at info: silent at warn.
    expect(log.lines.length).toBe(linesBefore);
  });

  it('refuses an invalid document naming the bad field, and keeps the old settings', async () => {
    const { adapter } = await started();
    expect(() => adapter.reloadConfig({ environment: 'sim', retry: { maxAttempts: 0 } })).toThrow(expect.objectContaining({ path: 'retry.maxAttempts' }));
    expect(() => adapter.reloadConfig({ environment: 'sim', limits: { weightPerMinut: 10 } })).toThrow(ConfigError);
    expect(adapter.effectiveSettings()).toEqual(START);
  });

  it('refuses to change the environment, the origin or the credentials', async () => {
    const { adapter } = await started();
    for (const [document, path] of [
      [{ environment: 'sandbox' }, 'environment'],
      [{ environment: 'sim', baseUrl: 'http://127.0.0.1:9000' }, 'baseUrl'],
      [{ environment: 'sim', credentials: { source: 'file', path: '/keys.json' } }, 'credentials'],
    ] as const) {
      expect(() => adapter.reloadConfig(document)).toThrow(new ConfigReloadRefusedError(path));
    }
    expect(adapter.effectiveSettings()).toEqual(START);
  });
});
