/**
 * Where an adapter's set-up goes, phase by phase (createAdapter; loadMarkets: venue time, ccxt's
 * loadMarkets with its exchangeInfo request, market parsing, account balances):
 * `npx tsx bench/tools/set-up-phases.ts [n]`. CPU microseconds per adapter, median of 5 rounds.
 */
import ccxt from 'ccxt';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { RandomSource } from '../../src/clock/random';
import { ReferenceAdapter, createAdapter } from '../../src/exchange/reference-adapter';
import { InMemoryStateStore } from '../../src/exchange/state-store';
import { createVenue } from '../../src/venue';

const n = Number(process.argv[2] ?? 400);
const spent: Record<string, number> = {};
// CPU time, not wall: the figures stay comparable on a machine busy with other work.
const now = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const add = (phase: string, start: number): void => void (spent[phase] = (spent[phase] ?? 0) + now() - start);

function timeMethod(prototype: object, name: string, phase: string): void {
  const methods = prototype as Record<string, (...args: unknown[]) => unknown>;
  const original = methods[name];
  if (original === undefined) throw new RangeError(`no method ${name}`);
  methods[name] = async function (this: unknown, ...args: unknown[]) {
    const start = now();
    try {
      return await original.apply(this, args);
    } finally {
      add(phase, start);
    }
  };
}
timeMethod(ReferenceAdapter.prototype, 'syncTime', 'loadMarkets: venue time');
timeMethod(ccxt.binance.prototype, 'loadMarkets', 'loadMarkets: ccxt loadMarkets');
timeMethod(ReferenceAdapter.prototype, 'fetchVenueBalances', 'loadMarkets: balances');
timeMethod(ReferenceAdapter.prototype, 'resumeFromStore', 'loadMarkets: resume from store');
timeMethod(ReferenceAdapter.prototype, 'loadMarketsAndBalances', 'loadMarkets: all inside the operation');

async function round(): Promise<Record<string, number>> {
  for (const key of Object.keys(spent)) delete spent[key];
  for (let i = 0; i < n; i += 1) {
    const clock = new VirtualClock();
    const random = new RandomSource(String(i));
    const venue = createVenue({ clock, random });
    const credentials = venue.control.createAccount('trader');
    const env = { environment: 'sim' as const, clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch, store: new InMemoryStateStore() };
    let start = now();
    const adapter = await createAdapter(env);
    add('createAdapter', start);
    start = now();
    await clock.run(adapter.loadMarkets());
    add('loadMarkets', start);
    await clock.run(adapter.close());
  }
  return Object.fromEntries(Object.entries(spent).map(([phase, micros]) => [phase, micros / n]));
}

const rounds: Array<Record<string, number>> = [];
for (let r = 0; r < 5; r += 1) rounds.push(await round());
const phases = Object.keys(rounds[0] ?? {});
for (const phase of phases) {
  const values = rounds.map((entry) => entry[phase] ?? 0).sort((a, b) => a - b);
  console.log(`${phase.padEnd(32)} ${(values[2] ?? 0).toFixed(0).padStart(6)} µs`);
}
