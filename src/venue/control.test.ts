import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { EXTERNAL_ACCOUNT } from './control';
import { createVenue } from './index';

describe('control.orders(account, since)', () => {
  it('lists only the orders after the first `since`, as the full list has them', () => {
    const venue = createVenue({ clock: new VirtualClock(), random: new RandomSource('orders-since') });
    for (const price of ['100', '101', '102']) venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price, quantity: '1' });
    const all = venue.control.orders(EXTERNAL_ACCOUNT);
    expect(all.map((order) => order.price)).toEqual(['100', '101', '102']);
    expect(venue.control.orders(EXTERNAL_ACCOUNT, 1)).toEqual(all.slice(1));
    expect(venue.control.orders(EXTERNAL_ACCOUNT, 3)).toEqual([]);
  });
});
