import { z } from 'zod';
import { deepFreeze } from '../domain/deep-freeze';
import { ConfigError, LiveEnvironmentRefusedError } from '../domain/errors';
import type { Credentials } from './contract';
import { Secret } from './secret';

/** Binance spot testnet (https://developers.binance.com/docs/binance-spot-api-docs/testnet). */
export const SANDBOX_ORIGIN = 'https://testnet.binance.vision';

// One message per field, written here rather than taken from zod: zod's own texts vary between
// versions, and a message built from our words cannot echo an input value (invariant S1). A
// schema's `error` also words the issues of its checks (.int(), .regex(), .min()).
const positiveInt = (): z.ZodNumber => z.number({ error: 'must be a positive integer' }).int().positive();
const flag = (): z.ZodBoolean => z.boolean({ error: 'must be true or false' });
const variableName = (): z.ZodString =>
  z.string({ error: 'must be an environment variable name' }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

/**
 * Where the API key and secret come from. Never inline in the configuration document: a
 * configuration file gets copied, logged and committed; the secret stays in the environment or
 * in a file of its own, JSON `{ "apiKey": "...", "secret": "..." }`.
 */
const DEFAULT_VARIABLE = { apiKey: 'TRADEPROP_API_KEY', secret: 'TRADEPROP_API_SECRET' } as const;

const CredentialSourceSchema = z
  .discriminatedUnion(
    'source',
    [
      z.strictObject({
        source: z.literal('env'),
        apiKeyVariable: variableName().default(DEFAULT_VARIABLE.apiKey),
        secretVariable: variableName().default(DEFAULT_VARIABLE.secret),
      }),
      z.strictObject({ source: z.literal('file'), path: z.string({ error: 'must be a file path' }).min(1) }),
    ],
    { error: "must be 'env' or 'file'" },
  )
  .prefault({ source: 'env' });

/**
 * The adapter's configuration document, every field but `environment` defaulted. `environment`
 * has no default on purpose: which venue orders go to is never assumed.
 */
export const AdapterConfigSchema = z.strictObject({
  /** sim: the in-process venue; sandbox: Binance spot testnet; live: refused by the suite (S4). */
  environment: z.enum(['sim', 'sandbox', 'live'], { error: "must be 'sim', 'sandbox' or 'live'" }),
  /** REST origin; default: the simulated venue for sim, SANDBOX_ORIGIN for sandbox. */
  baseUrl: z.url({ error: 'must be an http(s) URL', protocol: /^https?$/ }).optional(),
  credentials: CredentialSourceSchema,
  /** Binance spot's published limits (GET /api/v3/exchangeInfo rateLimits) as defaults. */
  limits: z
    .strictObject({
      weightPerMinute: positiveInt().default(6000),
      ordersPer10s: positiveInt().default(100),
      ordersPerDay: positiveInt().default(200_000),
      /** Requests waiting for the limiter; one more is a typed error, not unbounded memory. */
      queueSize: positiveInt().default(1000),
    })
    .prefault({}),
  /**
   * How reads (queries, lookups, time sync) are retried. Placements keep placement.ts's own
   * policy, whose deadline is bound to the time a lost order needs to settle (exactly once).
   * Six attempts: one more than the breaker's default threshold, so a read that meets an outage
   * ends on CIRCUIT_OPEN (the outage named) rather than on its fifth 5xx.
   */
  retry: z
    .strictObject({
      /** Attempts in all, the first included. */
      maxAttempts: positiveInt().default(6),
      baseDelayMs: positiveInt().default(100),
      maxDelayMs: positiveInt().default(2_000),
      /** No attempt starts after this much time since the first (virtual clock). */
      deadlineMs: positiveInt().default(30_000),
    })
    .refine((retry) => retry.maxDelayMs >= retry.baseDelayMs, { error: 'must not be below retry.baseDelayMs', path: ['maxDelayMs'] })
    .prefault({}),
  breaker: z
    .strictObject({
      /** Consecutive failures that open the breaker. */
      failureThreshold: positiveInt().default(5),
      /** How long it stays open before one half-open probe. */
      openMs: positiveInt().default(30_000),
    })
    .prefault({}),
  /**
   * What the adapter keeps of orders that ended (filled, canceled, expired): the `endedOrders`
   * that ended last stay in `orders()`, older ones are forgotten, so what it holds is bounded by
   * its open orders plus this history however long it runs (invariant P2).
   */
  history: z
    .strictObject({
      endedOrders: positiveInt().default(1000),
    })
    .prefault({}),
  features: z
    .strictObject({
      timeSync: flag().default(true),
      rateLimiter: flag().default(true),
      circuitBreaker: flag().default(true),
    })
    .prefault({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be a pino level name' }).default('info'),
});

/** The document as written (defaults optional). */
export type AdapterConfigInput = z.input<typeof AdapterConfigSchema>;
/** Everything but the credentials' values: what a hot reload may change (see config-store.ts). */
export type AdapterSettings = z.output<typeof AdapterConfigSchema>;

/** What the environment variables or the credentials file must hold. */
const credentialValue = () => z.string({ error: 'must be a string of at least 8 characters' }).min(8).transform((text) => new Secret(text));
const CredentialValuesSchema = z.object({ apiKey: credentialValue(), secret: credentialValue() });

export type ResolvedCredentials = AdapterSettings['credentials'] & z.output<typeof CredentialValuesSchema>;

export interface AdapterConfig extends Omit<AdapterSettings, 'credentials'> {
  readonly credentials: ResolvedCredentials;
}

export type ReadTextFile = (path: string) => string;

/**
 * Parses the document, then reads the credentials it points at. The result is frozen, so a
 * reader holding it sees one configuration for as long as it keeps it. Any problem is a
 * ConfigError naming the first bad field (invariant K1) and never containing a value read.
 */
export function loadAdapterConfig(input: unknown, env: NodeJS.ProcessEnv, readFile?: ReadTextFile): AdapterConfig {
  const settings = parseAdapterSettings(input);
  return deepFreeze({ ...settings, credentials: { ...settings.credentials, ...resolveCredentials(settings.credentials, env, readFile) } });
}

/** The document alone, credentials not read: what a hot reload checks first. */
export function parseAdapterSettings(input: unknown): AdapterSettings {
  const parsed = AdapterConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw configErrorOf(parsed.error.issues, '');
}

/** Each environment's defaults, parsed once per process: frozen, so the adapters that share them cannot change them. */
const DEFAULT_SETTINGS = new Map<AdapterSettings['environment'], AdapterSettings>();

/** The settings of a document that names only the environment (what `createAdapter` runs with). */
export function defaultAdapterSettings(environment: AdapterSettings['environment']): AdapterSettings {
  let settings = DEFAULT_SETTINGS.get(environment);
  if (settings === undefined) {
    settings = deepFreeze(parseAdapterSettings({ environment }));
    DEFAULT_SETTINGS.set(environment, settings);
  }
  return settings;
}

/** Refuses `live` before anything is built (invariant S4). */
export function assertNotLive(config: { readonly environment: AdapterSettings['environment'] }): void {
  if (config.environment === 'live') throw new LiveEnvironmentRefusedError();
}

/** The plain strings the ccxt client signs with: the one place a Secret is revealed. */
export function credentialsForSigning(config: AdapterConfig): Credentials {
  return { apiKey: config.credentials.apiKey.reveal(), secret: config.credentials.secret.reveal() };
}

/** `baseUrl` when set, otherwise the environment's own origin (`simOrigin` for the in-process venue). */
export function baseUrlOf(config: Pick<AdapterSettings, 'environment' | 'baseUrl'>, simOrigin: string): string {
  if (config.baseUrl !== undefined) return config.baseUrl;
  return config.environment === 'sandbox' ? SANDBOX_ORIGIN : simOrigin;
}

function resolveCredentials(source: AdapterSettings['credentials'], env: NodeJS.ProcessEnv, readFile: ReadTextFile | undefined): z.output<typeof CredentialValuesSchema> {
  if (source.source === 'env') {
    const parsed = CredentialValuesSchema.safeParse({ apiKey: env[source.apiKeyVariable], secret: env[source.secretVariable] });
    if (parsed.success) return parsed.data;
    const field = parsed.error.issues[0]?.path[0] === 'secret' ? 'secret' : 'apiKey';
    const name = field === 'secret' ? source.secretVariable : source.apiKeyVariable;
    // A configured name is not echoed: a key pasted where its variable's name belongs would be.
    const variable = name === DEFAULT_VARIABLE[field] ? name : `named by credentials.${field}Variable`;
    throw new ConfigError(`credentials.${field}`, `environment variable ${variable} must be set to at least 8 characters`);
  }
  if (readFile === undefined) throw new ConfigError('credentials.path', 'no file reader was given to read the credentials file');
  let text: string;
  try {
    text = readFile(source.path);
  } catch {
    // The reader's error is dropped, not attached as a cause: only the path is known to be safe.
    throw new ConfigError('credentials.path', `cannot read ${source.path}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be the secret itself.
    throw new ConfigError('credentials.path', `${source.path} is not JSON of the form {"apiKey": "...", "secret": "..."}`);
  }
  const parsed = CredentialValuesSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw configErrorOf(parsed.error.issues, 'credentials');
}

function configErrorOf(issues: readonly z.core.$ZodIssue[], prefix: string): ConfigError {
  const issue = issues[0];
  if (issue === undefined) return new ConfigError(prefix, 'is invalid');
  const path = issue.path.map(String);
  // An unknown key (a typo such as `retry.maxAtempts`) names itself, not its parent object.
  if (issue.code === 'unrecognized_keys') return new ConfigError(joinPath(prefix, [...path, issue.keys[0] ?? '']), 'is not a known field');
  return new ConfigError(joinPath(prefix, path), issue.message);
}

function joinPath(prefix: string, path: readonly string[]): string {
  return [prefix, ...path].filter((part) => part !== '').join('.');
}
