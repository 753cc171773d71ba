import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { runChecked, venueActions, type VenueWorld } from './venue-world';

/**
 * Binance's documented REQUEST_WEIGHT of each route the world calls (spot REST docs, "Weight"),
 * kept here independently of the venue's own table so a wrong weight there is caught.
 */
function documentedWeight(route: string, params: URLSearchParams): number {
  switch (route) {
    case 'GET /api/v3/ping':
    case 'GET /api/v3/time':
    case 'POST /api/v3/order':
    case 'DELETE /api/v3/order':
    case 'DELETE /api/v3/openOrders':
      return 1;
    case 'GET /api/v3/order':
      return 4;
    case 'GET /api/v3/openOrders':
      return params.has('symbol') ? 6 : 80;
    case 'GET /api/v3/exchangeInfo':
    case 'GET /api/v3/account':
    case 'GET /api/v3/allOrders':
      return 20;
    case 'GET /api/v3/myTrades':
      return params.has('orderId') ? 5 : 20;
    default:
      throw new RangeError(`no documented weight for ${route}`);
  }
}

/**
 * The weight the venue counted in every REQUEST_WEIGHT window equals the sum of the weights of
 * the requests the event log shows in that window for that IP, and each request's logged weight
 * is Binance's documented one for what was sent (0 only when answered 418 while banned).
 */
function checkWeights({ venue, exchanges }: VenueWorld): void {
  const requests = venue.control.events().flatMap((event) => (event.type === 'request' ? [event] : []));
  expect(requests.length).toBe(exchanges.length);
  requests.forEach((event, index) => {
    const exchange = exchanges[index];
    if (exchange === undefined) return;
    const params = new URLSearchParams(exchange.request.query);
    for (const [name, value] of new URLSearchParams(exchange.request.body)) params.append(name, value);
    const expected = event.status === 418 ? 0 : documentedWeight(exchange.route, params);
    expect({ seq: event.seq, route: exchange.route, weight: event.weight }).toEqual({ seq: event.seq, route: exchange.route, weight: expected });
  });
  for (const window of venue.control.weightWindows()) {
    const inWindow = requests.filter((event) => event.ip === window.subject && event.at >= window.start && event.at < window.end);
    const sum = inWindow.reduce((total, event) => total + event.weight, 0);
    expect({ window: `${window.subject} ${window.interval} ${window.start}`, count: window.count }).toEqual({ window: `${window.subject} ${window.interval} ${window.start}`, count: sum });
  }
  // And no request fell outside every window: each weighted request was counted somewhere.
  for (const event of requests) {
    if (event.weight === 0) continue;
    const counted = venue.control.weightWindows().some((window) => window.subject === event.ip && event.at >= window.start && event.at < window.end);
    expect({ seq: event.seq, counted }).toEqual({ seq: event.seq, counted: true });
  }
}

test.prop([venueActions], { seed: 4_601, numRuns: 40 })('the weight counted in any window equals the weights of the requests in it', async (actions) => {
  await runChecked('venue-weights', actions, checkWeights);
});
