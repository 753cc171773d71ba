import { cannedBinanceClient } from '../canned-client';
import { createAndCancel, NO_LIMITS } from '../create-and-cancel';
/**
 * Where one in-process ccxt create+cancel pair spends its time. Not part of `npm run bench`;
 * `npx tsx bench/tools/breakdown-pair.ts [pairs] [rounds]`.
 *
 * 1. The bench's in-process loop (the same ccxt configuration, venue.fetch's code path: a
 *    createInProcessFetch over the venue's handler with its nemesis), timed in place with
 *    hrtime: wall time inside the fetch, inside the venue's handler, and the rest (ccxt).
 * 2. ccxt alone on canned answers (the floor), interleaved with 1.
 * 3. The venue's pieces on the requests ccxt really sent, each in a tight loop: params,
 *    authentication (HMAC included), endpoint parameters, the engine's place+cancel, response
 *    bodies with JSON.stringify. Tight loops run with hot caches: these are lower bounds.
 * Medians over rounds; CPU time includes V8's GC threads.
 */
import { RandomSource } from '../../src/clock/random';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { dec } from '../../src/domain/decimal';
import type { FetchLike } from '../../src/exchange/contract';
import { createVenue } from '../../src/venue';
import type { VenueHttpRequest } from '../../src/venue/api/http-message';
import { authenticate } from '../../src/venue/api/authenticate';
import { ApiKeyRegistry } from '../../src/venue/api/api-keys';
import { CancelParamsSchema, NewOrderParamsSchema, parseEndpointParams, readParams } from '../../src/venue/api/params';
import { cancelOrderBody, newOrderBody } from '../../src/venue/api/responses';
import { MatchingEngine } from '../../src/venue/engine/engine';
import { binanceClient, type BinanceClient } from '../../src/venue/testing/ccxt-binance';
import { createInProcessFetch } from '../../src/venue/transport/in-process';

const pairs = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 5);
const now = (): bigint => process.hrtime.bigint();
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function pair(exchange: BinanceClient, index: number): Promise<void> {
  return createAndCancel(exchange, `b-${index}`);
}

function freshVenue(name: string) {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(name), limits: NO_LIMITS });
  const credentials = venue.control.createAccount('b');
  venue.control.deposit('b', 'USDT', '100000000');
  return { clock, venue, credentials };
}

// 1. ccxt -> venue in-process, timed in place.
const coupled = freshVenue('breakdown');
let inFetch = 0n;
let inHandle = 0n;
const captured: VenueHttpRequest[] = [];
const timedHandle = (request: VenueHttpRequest) => {
  if (captured.length < 2) captured.push(request);
  const start = now();
  const response = coupled.venue.handle(request);
  inHandle += now() - start;
  return response;
};
const inner = createInProcessFetch(timedHandle, { nemesis: coupled.venue.nemesis });
const timedFetch: FetchLike = async (url, init) => {
  const start = now();
  const response = await inner(url, init);
  inFetch += now() - start;
  return response;
};
const exchange = binanceClient({ ...coupled.venue, fetch: timedFetch }, coupled.credentials, coupled.clock);
await exchange.loadMarkets();
captured.length = 0;
let next = 0;
for (; next < 3000; next += 1) await pair(exchange, next);

// 2. ccxt on canned answers.
const floor = await cannedBinanceClient('breakdown-floor', (recorder) => pair(recorder, 0));
for (let i = 0; i < 3000; i += 1) await pair(floor, i);

const cpu: Record<string, number[]> = { coupled: [], floor: [] };
const wall: Record<string, number[]> = { coupled: [], fetch: [], handle: [], floor: [] };
for (let round = 0; round < rounds; round += 1) {
  inFetch = 0n;
  inHandle = 0n;
  let cpuStart = process.cpuUsage();
  let start = now();
  for (let i = 0; i < pairs; i += 1) await pair(exchange, next++);
  wall.coupled!.push(Number(now() - start) / 1000 / pairs);
  let used = process.cpuUsage(cpuStart);
  cpu.coupled!.push((used.user + used.system) / pairs);
  wall.fetch!.push(Number(inFetch) / 1000 / pairs);
  wall.handle!.push(Number(inHandle) / 1000 / pairs);
  cpuStart = process.cpuUsage();
  start = now();
  for (let i = 0; i < pairs; i += 1) await pair(floor, i);
  wall.floor!.push(Number(now() - start) / 1000 / pairs);
  used = process.cpuUsage(cpuStart);
  cpu.floor!.push((used.user + used.system) / pairs);
}

// 3. The venue's pieces on the requests ccxt sent (the first create and cancel of the warm-up).
const [create, cancel] = captured;
if (create === undefined || cancel === undefined) throw new Error('no requests captured');
const keys = new ApiKeyRegistry();
keys.register(coupled.credentials.apiKey, { account: 'b', secret: coupled.credentials.secret, uid: 1 });
const engine = new MatchingEngine({ markets: coupled.venue.markets, makerRate: dec('0.001'), takerRate: dec('0.001'), now: () => coupled.clock.now() });
engine.openAccount('b');
engine.deposit('b', 'USDT', dec('100000000'));
const market = coupled.venue.markets.find((m) => m.id === 'BTCUSDT');
if (market === undefined) throw new Error('no BTCUSDT');
const createParams = readParams(create.query, create.body);
const cancelParams = readParams(cancel.query, cancel.body);
let engineIndex = 0;
let lastOrder: ReturnType<MatchingEngine['placeOrder']> | undefined;
const pieces: Array<[string, () => unknown]> = [
  ['readParams (create+cancel)', () => [readParams(create.query, create.body), readParams(cancel.query, cancel.body)]],
  ['authenticate: key, signed params, HMAC, window (create+cancel)', () => [authenticate(create, createParams, keys, coupled.clock.now()), authenticate(cancel, cancelParams, keys, coupled.clock.now())]],
  ['endpoint params (create+cancel)', () => [parseEndpointParams(NewOrderParamsSchema, createParams), parseEndpointParams(CancelParamsSchema, cancelParams)]],
  [
    'engine place + cancel (events, snapshots included)',
    () => {
      engineIndex += 1;
      const placed = engine.placeOrder({ account: 'b', market, side: 'buy', type: 'LIMIT', timeInForce: 'GTC', price: dec('20000'), quantity: dec('0.001'), clientOrderId: `e-${engineIndex}` });
      if (!placed.ok) throw new Error(placed.reason);
      lastOrder = placed;
      return engine.cancel('b', market, { orderId: placed.value.order.orderId });
    },
  ],
  [
    'response bodies + JSON.stringify (create+cancel)',
    () => {
      if (lastOrder === undefined || !lastOrder.ok) throw new Error('no order');
      const order = lastOrder.value.order;
      return [JSON.stringify(newOrderBody(order, [], 'FULL', 1)), JSON.stringify(cancelOrderBody(order, 'x', 1))];
    },
  ],
];
const isolated: Array<[string, number]> = [];
for (const [label, work] of pieces) {
  for (let i = 0; i < 5000; i += 1) work();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = now();
    for (let i = 0; i < pairs; i += 1) work();
    samples.push(Number(now() - start) / 1000 / pairs);
  }
  isolated.push([label, median(samples)]);
}

const f = (value: number): string => value.toFixed(1).padStart(6);
const total = median(wall.coupled!);
const fetch = median(wall.fetch!);
const handle = median(wall.handle!);
console.log(`ccxt -> venue in-process, median of ${rounds} x ${pairs} pairs (us a pair):`);
console.log(`${f(median(cpu.coupled!))} CPU (${(1e6 / median(cpu.coupled!)).toFixed(0)} pairs per CPU s); ${f(total)} wall (${(1e6 / total).toFixed(0)} pairs/s)`);
console.log(`${f(total - fetch)} in ccxt, outside the fetch (request building, signing, parsing, promises)`);
console.log(`${f(fetch - handle)} in the in-process transport (URL, headers, nemesis check, response object)`);
console.log(`${f(handle)} in venue.handle (limits, routing, auth, params, engine, bodies, event log)`);
console.log(`ccxt alone on canned answers: ${f(median(cpu.floor!))} CPU, ${f(median(wall.floor!))} wall (${(1e6 / median(wall.floor!)).toFixed(0)} pairs/s)`);
console.log(`coupled ccxt share minus the floor: ${f(total - fetch - median(wall.floor!))} (the same ccxt code, slower beside the venue)`);
console.log('venue pieces alone, tight loops (lower bounds):');
for (const [label, value] of isolated) console.log(`${f(value)}  ${label}`);
