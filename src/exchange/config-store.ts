import { ConfigReloadRefusedError } from '../domain/errors';
import { parseAdapterSettings, type AdapterConfig, type AdapterSettings } from './config';

export type ConfigListener = (next: AdapterConfig, previous: AdapterConfig) => void;

/**
 * The adapter's current configuration, hot-reloadable (invariant K2).
 *
 * Atomic: `reload` parses and checks the whole new document before it swaps one reference to a
 * frozen object, so a reader sees the old configuration or the new one, never a mix. A reader
 * that spans awaits (a request and its retries) should take `current()` once and keep it.
 *
 * What a reload may change: limits, retry, breaker, history, features, logLevel. What it may not change,
 * refused with ConfigReloadRefusedError and the old configuration kept: `environment`, `baseUrl`
 * and `credentials` (where the keys come from). Those decide which venue and account every
 * later request reaches; a change to them is a new adapter from the factory, never a live swap.
 * A reload never re-reads the credentials: the ones loaded at start stay.
 */
export class ConfigStore {
  private config: AdapterConfig;
  private readonly listeners = new Set<ConfigListener>();

  constructor(initial: AdapterConfig) {
    this.config = initial;
  }

  current(): AdapterConfig {
    return this.config;
  }

  /** The settings in effect, the credentials' source without their values: safe to show. */
  settings(): AdapterSettings {
    return { ...this.config, credentials: credentialSource(this.config) };
  }

  /** Called once per applied change, after the swap; returns the unsubscribe function. */
  subscribe(listener: ConfigListener): () => void {
    // A wrapper per call, so subscribing the same function twice still means two subscriptions.
    const entry: ConfigListener = (next, previous) => listener(next, previous);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /**
   * Applies a new configuration document. Throws ConfigError (invalid document) or
   * ConfigReloadRefusedError (a field only a new adapter may change); either way nothing changed
   * and no listener ran. A document equal to the current settings is not a change: no listener.
   * Every listener runs even if one throws; the first error is rethrown after all of them, the
   * new configuration staying in effect.
   */
  reload(input: unknown): AdapterConfig {
    const previous = this.config;
    const settings = parseAdapterSettings(input);
    assertSameIdentity(previous, settings);
    if (sameSettings(previous, settings)) return previous;
    const next = freezeNext(settings, previous);
    this.config = next;
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(next, previous);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
    return next;
  }
}

function assertSameIdentity(current: AdapterConfig, settings: AdapterSettings): void {
  if (settings.environment !== current.environment) throw new ConfigReloadRefusedError('environment');
  if (settings.baseUrl !== current.baseUrl) throw new ConfigReloadRefusedError('baseUrl');
  if (JSON.stringify(settings.credentials) !== JSON.stringify(credentialSource(current))) throw new ConfigReloadRefusedError('credentials');
}

/** The credentials' source as written in the document, without the values read from it. */
function credentialSource(config: AdapterConfig): AdapterSettings['credentials'] {
  const { apiKey: _apiKey, secret: _secret, ...source } = config.credentials;
  return source;
}

// zod's output keeps the schema's key order, so equal settings serialise equally.
function sameSettings(current: AdapterConfig, settings: AdapterSettings): boolean {
  return JSON.stringify({ ...current, credentials: credentialSource(current) }) === JSON.stringify(settings);
}

function freezeNext(settings: AdapterSettings, previous: AdapterConfig): AdapterConfig {
  const next: AdapterConfig = { ...settings, credentials: previous.credentials };
  // Object.freeze leaves a primitive as it is, so every value can go through it.
  for (const value of Object.values(next)) Object.freeze(value);
  return Object.freeze(next);
}
