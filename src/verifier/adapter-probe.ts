import { RandomSource } from '../clock/random';
import { VirtualClock } from '../clock/virtual-clock';
import { AdapterLoadError, CallNeverSettledError } from '../domain/errors';
import type { AdapterFactory, ExchangeAdapter } from '../exchange/contract';
import { createVenue } from '../venue';

/** What every adapter must have (src/exchange/contract.ts); the optional capabilities aside. */
const REQUIRED_METHODS = ['loadMarkets', 'place', 'cancel', 'fetchOrder', 'cancelAll', 'fetchOpenOrders', 'fetchMyTrades', 'fetchBalances', 'reconcile', 'orders', 'balances', 'close'] as const;

/**
 * Calls the factory once, on a throwaway in-process venue, before any property runs: a factory
 * that throws, rejects or returns something that is not an adapter is bad input (the CLI exits 2
 * with one line) rather than a counterexample that would then replay in every later run. A
 * factory that never settles passes here: the runs report it as a P1 counterexample.
 */
export async function probeAdapterFactory(spec: string, createAdapter: AdapterFactory): Promise<void> {
  const clock = new VirtualClock();
  const random = new RandomSource('adapter-probe');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('probe');
  let created: unknown;
  try {
    created = await clock.run(
      Promise.resolve().then(() => createAdapter({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch, log: undefined })),
    );
  } catch (error) {
    if (error instanceof CallNeverSettledError) return;
    throw new AdapterLoadError(spec, `createAdapter threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const missing = REQUIRED_METHODS.filter((method) => typeof (created as Partial<Record<string, unknown>> | null)?.[method] !== 'function');
  if (created === null || typeof created !== 'object' || missing.length > 0) {
    const what = created === null || typeof created !== 'object' ? String(created) : `an object without ${missing.join(', ')}`;
    throw new AdapterLoadError(spec, `createAdapter returned ${what}, not an adapter (src/exchange/contract.ts)`);
  }
  await clock.run((created as ExchangeAdapter).close()).catch(() => undefined);
}
