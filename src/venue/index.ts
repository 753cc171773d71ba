export { createVenue, type VenueOptions } from './venue';
export { VenueConfigSchema, parseVenueConfig, type VenueConfig } from './config';
export { BINANCE_ORIGIN } from './transport/in-process';
export { EXTERNAL_ACCOUNT } from './control';
export type { VenueHttpRequest, VenueHttpResponse } from './api/http-message';
export type * from './types';
export { BINANCE_RATE_LIMITS, LimitsConfigSchema, type LimitsConfig, type LimitsConfigInput, type RateLimitRule } from './limits/limits-config';
export type { LimitWindow } from './limits/fixed-windows';
export type { AccountLimitState, IpLimitState, LimitsSnapshot } from './limits/rate-limiter';
