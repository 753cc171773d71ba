import { cannedBinanceClient } from '../canned-client';
import { createAndCancel, NO_LIMITS } from '../create-and-cancel';
/**
 * Where the gap between "ccxt alone + venue alone" and "ccxt + venue" comes from: interleaved
 * rounds of several modes, CPU time per pair and heap after each round. Signing the venue's
 * requests (node:crypto, about 5 us a pair) is inside the venue modes' time. GC time: run under
 * `node --trace-gc --import tsx` (the loops never yield to the event loop, so perf_hooks 'gc'
 * entries would arrive only at the end).
 * `npx tsx bench/tools/gap.ts [pairs] [rounds] [mode-filter]`
 */
import { RandomSource } from '../../src/clock/random';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { createVenue } from '../../src/venue';
import { binanceClient, type BinanceClient } from '../../src/venue/testing/ccxt-binance';
import { signedRequest } from '../../src/venue/testing/signed-request';

const pairs = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 5);
const only = process.argv[4];


function ccxtPair(exchange: BinanceClient, index: number): Promise<void> {
  return createAndCancel(exchange, `p-${index}`);
}

function newVenue() {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('gap'), limits: NO_LIMITS });
  const credentials = venue.control.createAccount('p');
  venue.control.deposit('p', 'USDT', '100000000');
  return { clock, venue, credentials };
}

function cannedClient(): Promise<BinanceClient> {
  return cannedBinanceClient('gap', (exchange) => ccxtPair(exchange, 0));
}

type Runner = (count: number) => Promise<void>;

async function canned(): Promise<Runner> {
  const exchange = await cannedClient();
  let next = 0;
  return async (count) => {
    for (let i = 0; i < count; i += 1) await ccxtPair(exchange, next++);
  };
}

function venueHandler() {
  const { clock, venue, credentials } = newVenue();
  let next = 0;
  const build = (index: number) => [
    signedRequest(credentials, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '20000', newClientOrderId: `v-${index}`, newOrderRespType: 'FULL', recvWindow: '10000' }, clock.now()),
    signedRequest(credentials, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: `v-${index}`, recvWindow: '10000' }, clock.now()),
  ];
  return { venue, prepare: (count: number) => Array.from({ length: count }, () => build(next++)) };
}

async function venueAlone(): Promise<Runner> {
  const { venue, prepare } = venueHandler();
  return async (count) => {
    const requests = prepare(count);
    for (const [create, cancel] of requests) {
      if (venue.handle(create!).status !== 200) throw new Error('create');
      if (venue.handle(cancel!).status !== 200) throw new Error('cancel');
    }
  };
}

/** ccxt on canned answers, and the venue handling a pre-signed pair after each ccxt pair: same work as both, no coupling. */
async function sideBySide(): Promise<Runner> {
  const exchange = await cannedClient();
  const { venue, prepare } = venueHandler();
  let next = 0;
  return async (count) => {
    const requests = prepare(count);
    for (const [create, cancel] of requests) {
      await ccxtPair(exchange, next++);
      if (venue.handle(create!).status !== 200) throw new Error('create');
      if (venue.handle(cancel!).status !== 200) throw new Error('cancel');
    }
  };
}

/** As side by side, but 100 ccxt pairs, then 100 venue pairs: the same work with better code locality. */
async function batched(): Promise<Runner> {
  const exchange = await cannedClient();
  const { venue, prepare } = venueHandler();
  let next = 0;
  return async (count) => {
    const requests = prepare(count);
    for (let from = 0; from < count; from += 100) {
      for (let i = from; i < Math.min(count, from + 100); i += 1) await ccxtPair(exchange, next++);
      for (let i = from; i < Math.min(count, from + 100); i += 1) {
        const [create, cancel] = requests[i]!;
        if (venue.handle(create!).status !== 200) throw new Error('create');
        if (venue.handle(cancel!).status !== 200) throw new Error('cancel');
      }
    }
  };
}

async function coupled(): Promise<Runner> {
  const { clock, venue, credentials } = newVenue();
  const exchange = binanceClient(venue, credentials, clock);
  await exchange.loadMarkets();
  let next = 0;
  return async (count) => {
    for (let i = 0; i < count; i += 1) await ccxtPair(exchange, next++);
  };
}

const modes: Array<[string, () => Promise<Runner>]> = [
  ['ccxt alone (canned)', canned],
  ['venue.handle alone', venueAlone],
  ['side by side', sideBySide],
  ['batched side by side', batched],
  ['ccxt + venue', coupled],
];
const chosen = modes.filter(([name]) => only === undefined || name.includes(only));
const runners = [];
for (const [name, setup] of chosen) {
  const run = await setup();
  await run(3000);
  runners.push({ name, run, cpu: [] as number[], heap: [] as number[] });
}
for (let round = 0; round < rounds; round += 1) {
  for (const runner of runners) {
    const start = process.cpuUsage();
    await runner.run(pairs);
    const used = process.cpuUsage(start);
    runner.cpu.push((used.user + used.system) / pairs);
    runner.heap.push(process.memoryUsage().heapUsed / 1e6);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
for (const r of runners) {
  console.log(`${r.name.padEnd(20)} CPU ${median(r.cpu).toFixed(1)} us/pair (rounds ${r.cpu.map((v) => v.toFixed(0)).join(' ')}); heap ${r.heap.map((v) => v.toFixed(0)).join(' ')} MB`);
}
