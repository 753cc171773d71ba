import { parseAdapterSettings } from '../../src/exchange/config';

/**
 * config.ts's defaults, which the adapter under test runs with (the verifier gives it no
 * configuration): fault commands wait out its breaker's open window, and the resilience checks
 * hold it to its breaker and retry settings.
 */
export const DEFAULT_ADAPTER_SETTINGS = parseAdapterSettings({ environment: 'sim' });
