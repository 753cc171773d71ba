export { createVenue, type VenueOptions } from './venue';
export { VenueConfigSchema, parseVenueConfig, type VenueConfig } from './config';
export { BINANCE_ORIGIN } from './transport/in-process';
export { EXTERNAL_ACCOUNT } from './control';
export type { VenueHttpRequest, VenueHttpResponse } from './api/http-message';
export type * from './types';
