/** Where creating an adapter and loading its markets goes: `npx tsx bench/tools/creation-cost.ts [n]`. */
import { VirtualClock } from '../../src/clock/virtual-clock';
import { createBinanceClient } from '../../src/exchange/binance-client';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { RandomSource } from '../../src/clock/random';
import { InMemoryStateStore } from '../../src/exchange/state-store';
import { createVenue } from '../../src/venue';

const n = Number(process.argv[2] ?? 300);
const now = (): bigint => process.hrtime.bigint();
const ms = (start: bigint): number => Number(now() - start) / 1e6;
async function round(): Promise<Record<string, number>> {
  const out = { client: 0, adapter: 0, loadMarkets: 0, loadMarketsCpu: 0, close: 0, venue: 0 };
  for (let i = 0; i < n; i += 1) {
    let t = now();
    const clock = new VirtualClock();
    const random = new RandomSource(String(i));
    const venue = createVenue({ clock, random });
    const credentials = venue.control.createAccount('trader');
    out.venue += ms(t);
    const env = { environment: 'sim' as const, clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch, store: new InMemoryStateStore() };
    t = now();
    createBinanceClient(env);
    out.client += ms(t);
    t = now();
    const adapter = await createAdapter(env);
    out.adapter += ms(t);
    t = now();
    const cpu = process.cpuUsage();
    await clock.run(adapter.loadMarkets());
    out.loadMarkets += ms(t);
    const used = process.cpuUsage(cpu);
    out.loadMarketsCpu += (used.user + used.system) / 1000;
    t = now();
    await clock.run(adapter.close());
    out.close += ms(t);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, +(v / n).toFixed(3)]));
}
for (let r = 0; r < 3; r += 1) console.log(await round());
