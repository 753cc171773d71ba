import { describe, expect, it } from 'vitest';
import { RandomSource } from '../clock/random';
import { VirtualClock } from '../clock/virtual-clock';
import { ConfigError } from '../domain/errors';
import { DEFAULT_MARKETS } from '../domain/market';
import { createVenue, parseVenueConfig } from './index';
import { BINANCE_RATE_LIMITS } from './limits/limits-config';

const pathOfError = (input: unknown): string => {
  try {
    parseVenueConfig(input);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.path;
    throw error;
  }
  throw new Error('accepted');
};

describe('venue configuration', () => {
  it('defaults to DEFAULT_MARKETS and 0.001 maker/taker fees', () => {
    expect(parseVenueConfig({})).toEqual({
      markets: [...DEFAULT_MARKETS],
      fees: { maker: '0.001', taker: '0.001' },
      limits: { rateLimits: [...BINANCE_RATE_LIMITS], ipBan: { firstMs: 120_000, maxMs: 259_200_000 } },
    });
  });

  it('refuses a bad field with its path (K1)', () => {
    const [btc] = DEFAULT_MARKETS;
    expect(pathOfError({ fees: { maker: '0.001', taker: '1e-3' } })).toBe('fees.taker');
    expect(pathOfError({ fees: { maker: '1.5', taker: '0.001' } })).toBe('fees.maker');
    expect(pathOfError({ markets: [{ ...btc, priceFilter: { minPrice: '0.01', maxPrice: '100', tickSize: '0' } }] })).toBe('markets.0.priceFilter.tickSize');
    expect(pathOfError({ markets: [btc, btc] })).toBe('markets.1.id');
    expect(pathOfError({ markets: [] })).toBe('markets');
  });

  it('createVenue throws ConfigError for bad markets or fees', () => {
    expect(() => createVenue({ clock: new VirtualClock(), random: new RandomSource('x'), fees: { maker: 'abc', taker: '0' } })).toThrow(ConfigError);
  });
});
