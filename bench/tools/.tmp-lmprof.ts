import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { RandomSource } from '../../src/clock/random';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { InMemoryStateStore } from '../../src/exchange/state-store';
import { createVenue } from '../../src/venue';
const session = new Session(); session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
const prep = [] as Array<{ clock: VirtualClock; env: Parameters<typeof createAdapter>[0] }>;
async function one(i: number, profile: boolean) {
  const clock = new VirtualClock();
  const random = new RandomSource(String(i));
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('trader');
  const env = { environment: 'sim' as const, clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch, store: new InMemoryStateStore() };
  if (profile) await session.post('Profiler.start');
  const adapter = await createAdapter(env);
  await clock.run(adapter.loadMarkets());
  if (profile) { const { profile: p } = await session.post('Profiler.stop'); return p; }
  await clock.run(adapter.close());
  return undefined;
}
for (let i = 0; i < 1500; i++) await one(i, false);
// profile many set-ups into one merged sample set: start once, run, stop.
await session.post('Profiler.start');
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
let s = cpu();
for (let i = 0; i < 2000; i++) await one(10000 + i, false);
const el = cpu() - s;
const { profile } = await session.post('Profiler.stop');
writeFileSync('/tmp/lm.cpuprofile', JSON.stringify(profile));
console.log('per set-up incl venue creation and close µs', (el / 2000).toFixed(0));
