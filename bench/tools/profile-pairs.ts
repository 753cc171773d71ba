import { cannedBinanceClient } from '../canned-client';
import { createAndCancel, NO_LIMITS } from '../create-and-cancel';
/**
 * Where a ccxt create+cancel pair spends its CPU time: ccxt against a canned transport (the
 * floor), ccxt against the venue, and the venue alone on replayed requests. Not part of
 * `npm run bench`; run with `npx tsx bench/tools/profile-pairs.ts [pairs] [rounds]`, optionally
 * under `node --cpu-prof --import tsx`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { RandomSource } from '../../src/clock/random';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { createVenue } from '../../src/venue';
import { binanceClient, type BinanceClient } from '../../src/venue/testing/ccxt-binance';
import { signedRequest } from '../../src/venue/testing/signed-request';

const pairs = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 3);
const only = process.argv[4];

async function loop(exchange: BinanceClient, from: number, count: number): Promise<void> {
  for (let index = from; index < from + count; index += 1) {
    await createAndCancel(exchange, `p-${index}`);
  }
}

/** With PROFILE=<file>, the timed rounds (not the warm-up or module loading) go to a .cpuprofile. */
const profileFile = process.env.PROFILE;
const session = new Session();
session.connect();

async function cpuMicros<T>(work: () => Promise<T>): Promise<number> {
  if (profileFile !== undefined) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL_US ?? 100) });
    await session.post('Profiler.start');
  }
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  if (profileFile !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  return used.user + used.system;
}

type Round = () => Promise<number>;

async function withVenue(): Promise<Round> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('profile'), limits: NO_LIMITS });
  const credentials = venue.control.createAccount('p');
  venue.control.deposit('p', 'USDT', '100000000');
  const exchange = binanceClient(venue, credentials, clock);
  await exchange.loadMarkets();
  await loop(exchange, 0, 500);
  let next = 500;
  return async () => {
    const micros = await cpuMicros(() => loop(exchange, next, pairs));
    next += pairs;
    return micros / pairs;
  };
}

/** ccxt against canned answers: captured from the venue once, replayed for every request. */
async function cannedOnly(): Promise<Round> {
  const exchange = await cannedBinanceClient('profile', (setup) => loop(setup, 0, 1));
  await loop(exchange, 0, 500);
  return async () => (await cpuMicros(() => loop(exchange, 0, pairs))) / pairs;
}

/** The venue alone: signed create and cancel requests built up front, then handled. */
async function venueOnly(): Promise<Round> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('profile'), limits: NO_LIMITS });
  const credentials = venue.control.createAccount('p');
  venue.control.deposit('p', 'USDT', '100000000');
  const build = (index: number) => [
    signedRequest(credentials, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '20000', newClientOrderId: `v-${index}`, newOrderRespType: 'FULL', recvWindow: '10000' }, clock.now()),
    signedRequest(credentials, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: `v-${index}`, recvWindow: '10000' }, clock.now()),
  ];
  let next = 0;
  const run = (count: number) => {
    const requests = Array.from({ length: count }, (_, i) => build(next + i)).flat();
    next += count;
    return async () => {
      for (const request of requests) {
        const response = venue.handle(request);
        if (response.status !== 200) throw new Error(response.body);
      }
    };
  };
  await run(500)();
  return async () => (await cpuMicros(run(pairs))) / pairs;
}

// Rounds of the chosen modes interleaved, so a busy shared machine slows them all alike.
const modes: Array<[string, () => Promise<Round>]> = [
  ['ccxt alone (canned)', cannedOnly],
  ['venue.handle alone', venueOnly],
  ['ccxt + venue', withVenue],
];
const chosen = modes.filter(([name]) => only === undefined || name.includes(only));
const runners = await Promise.all(chosen.map(async ([name, setup]) => [name, await setup(), [] as number[]] as const));
for (let round = 0; round < rounds; round += 1) {
  for (const [, runner, samples] of runners) samples.push(await runner());
}
for (const [name, , samples] of runners) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  console.log(`${name.padEnd(20)} median ${median.toFixed(1)} us CPU a pair (${(1e6 / median).toFixed(0)} pairs per CPU s); rounds ${samples.map((v) => v.toFixed(0)).join(' ')}`);
}
