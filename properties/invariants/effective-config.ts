import { parseAdapterSettings, type AdapterSettings } from '../../src/exchange/config';
import type { TradingWorld } from '../world';
import type { InvariantCheck } from './invariant-check';

/** One configuration the adapter must be running on, for the requests after venue event `afterSeq`. */
export interface ConfigEpoch {
  afterSeq: number;
  settings: AdapterSettings;
}

const epochsByRun = new WeakMap<TradingWorld, ConfigEpoch[]>();

/** What the run has configured so far: the start's defaults, then each accepted reload. */
export function configEpochs(world: TradingWorld): ConfigEpoch[] {
  let epochs = epochsByRun.get(world);
  if (epochs === undefined) {
    epochs = [{ afterSeq: 0, settings: parseAdapterSettings({ environment: 'sim' }) }];
    epochsByRun.set(world, epochs);
  }
  return epochs;
}

export function expectedSettings(world: TradingWorld): AdapterSettings {
  const epochs = configEpochs(world);
  const latest = epochs[epochs.length - 1];
  if (latest === undefined) throw new RangeError('a run always has its starting configuration');
  return latest.settings;
}

/**
 * K2, as the adapter reports it: the settings in effect are exactly those of the last reload it
 * accepted (the start's, before any), never a refused document's nor a mix of two.
 */
export const effectiveSettingsAreTheLastAccepted: InvariantCheck = {
  invariant: 'K2',
  check(_model, world) {
    const adapter = world.adapter;
    if (adapter.effectiveSettings === undefined || adapter.reloadConfig === undefined) {
      return 'the adapter cannot be reconfigured while it runs (ExchangeAdapter.reloadConfig / effectiveSettings are missing)';
    }
    const actual = JSON.stringify(adapter.effectiveSettings());
    const expected = JSON.stringify(expectedSettings(world));
    return actual === expected ? undefined : `the adapter runs on ${actual}, the last accepted configuration is ${expected}`;
  },
};

/** Binance's REQUEST_WEIGHT interval: fixed one-minute windows on the venue clock. */
const WEIGHT_WINDOW_MS = 60_000;

/**
 * K2, in behaviour: in every one-minute window, the weight of the requests sent under one
 * configuration with the rate limiter on stays within that configuration's
 * `limits.weightPerMinute` (a limiter that carries earlier counts over stays lower still). So a
 * reload the adapter reports but does not give its limiter is caught by the venue's own counts
 * (its 'request' events, as for R2).
 */
export const limitsOfTheConfigurationInEffectHold: InvariantCheck = {
  invariant: 'K2',
  check(_model, world) {
    const epochs = configEpochs(world);
    const weights = new Map<string, { weight: number; epoch: ConfigEpoch }>();
    for (const event of world.venue.control.events()) {
      if (event.type !== 'request') continue;
      const index = epochs.findLastIndex((candidate) => candidate.afterSeq < event.seq);
      const epoch = epochs[index];
      if (epoch === undefined || !epoch.settings.features.rateLimiter) continue;
      const key = `${event.ip} ${Math.floor(event.at / WEIGHT_WINDOW_MS) * WEIGHT_WINDOW_MS} configuration ${index}`;
      weights.set(key, { weight: (weights.get(key)?.weight ?? 0) + event.weight, epoch });
    }
    for (const [key, { weight, epoch }] of weights) {
      if (weight > epoch.settings.limits.weightPerMinute) {
        return `the venue counted weight ${weight} in the minute window ${key}, above its limit ${epoch.settings.limits.weightPerMinute}`;
      }
    }
    return undefined;
  },
};
