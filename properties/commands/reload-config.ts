import fc from 'fast-check';
import { ConfigError, ConfigReloadRefusedError, InvariantViolationError } from '../../src/domain/errors';
import { parseAdapterSettings } from '../../src/exchange/config';
import type { TradingModel } from '../../models/trading-model';
import { brokenDocument, type Document } from '../configuration/config-arbitraries';
import { configEpochs } from '../invariants/effective-config';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, describeFailure } from './trading-command';

type Reload =
  | { kind: 'valid'; document: Document }
  /** `path`: the field the ConfigError must name (K1). */
  | { kind: 'invalid'; document: Document; path: string }
  /** A change only a new adapter may make: ConfigReloadRefusedError naming `path`. */
  | { kind: 'identity'; document: Document; path: string };

/**
 * Reloads the adapter's configuration in the middle of trading. A valid change must be taken
 * (the run's expected configuration moves on, for every later request); an invalid document must be refused
 * with a ConfigError naming the bad field (K1), and a change of environment, baseUrl or
 * credentials with ConfigReloadRefusedError; either refusal keeps the old configuration (K2,
 * checked after the step by the effective-config invariants).
 */
export class ReloadConfigCommand extends TradingCommand {
  constructor(private readonly reload: Reload) {
    super();
  }

  // Always: an operator reloads whenever; invalid documents included, which must be refused.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const adapter = world.adapter;
    if (adapter.reloadConfig === undefined) throw new InvariantViolationError('K2', 'the adapter cannot be reconfigured while it runs (ExchangeAdapter.reloadConfig is missing)');
    let refusal: unknown;
    try {
      adapter.reloadConfig(this.reload.document);
    } catch (error) {
      refusal = error;
    }
    absorbVenueEvents(model, world);
    if (this.reload.kind === 'valid') {
      if (refusal !== undefined) throw new InvariantViolationError('K2', `a valid configuration was refused: ${describeFailure(refusal)}`);
      configEpochs(world).push({ afterSeq: world.venue.control.events().at(-1)?.seq ?? 0, settings: parseAdapterSettings(this.reload.document) });
      return;
    }
    const expected = this.reload.kind === 'invalid' ? ConfigError : ConfigReloadRefusedError;
    const invariant = this.reload.kind === 'invalid' ? 'K1' : 'K2';
    if (!(refusal instanceof expected)) {
      throw new InvariantViolationError(invariant, `expected ${expected.name} naming ${this.reload.path}, got ${refusal === undefined ? 'the document accepted' : describeFailure(refusal)}`);
    }
    if (refusal.path !== this.reload.path) throw new InvariantViolationError(invariant, `the refusal names ${refusal.path || '(root)'}, the bad field is ${this.reload.path}`);
  }

  toString(): string {
    const where = this.reload.kind === 'valid' ? '' : ` bad ${this.reload.path}`;
    return `reloadConfig(${this.reload.kind}${where}: ${JSON.stringify(this.reload.document)})`;
  }
}

/** Identity fields as the run's adapter has them: a sim venue, credentials from the environment. */
const SAME_IDENTITY = { environment: 'sim', credentials: { source: 'env' } } as const;

/**
 * Valid changes within what keeps a run meaningful: every section may be left to its defaults,
 * limits stay above the heaviest single request (weight 20), so the limiter can always send, and
 * are often tight enough for a small burst of balance reads to meet them.
 */
const validChange: fc.Arbitrary<Document> = fc
  .record(
    {
      limits: fc.record({ weightPerMinute: fc.oneof(fc.integer({ min: 60, max: 120 }), fc.integer({ min: 60, max: 6000 })), ordersPer10s: fc.integer({ min: 2, max: 100 }), ordersPerDay: fc.integer({ min: 100, max: 200_000 }), queueSize: fc.integer({ min: 50, max: 1000 }) }, { requiredKeys: [] }),
      retry: fc
        .record({ maxAttempts: fc.integer({ min: 1, max: 8 }), baseDelayMs: fc.integer({ min: 1, max: 500 }), extraDelayMs: fc.integer({ min: 0, max: 5000 }), deadlineMs: fc.integer({ min: 1000, max: 60_000 }) })
        .map(({ extraDelayMs, ...retry }) => ({ ...retry, maxDelayMs: retry.baseDelayMs + extraDelayMs })),
      breaker: fc.record({ failureThreshold: fc.integer({ min: 1, max: 10 }), openMs: fc.integer({ min: 1, max: 60_000 }) }, { requiredKeys: [] }),
      features: fc.record({ timeSync: fc.boolean(), rateLimiter: fc.boolean(), circuitBreaker: fc.boolean() }, { requiredKeys: [] }),
      logLevel: fc.constantFrom('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    },
    { requiredKeys: [] },
  )
  .map((sections) => ({ ...sections, ...SAME_IDENTITY }));

const IDENTITY_CHANGES: ReadonlyArray<{ change: Document; path: string }> = [
  { change: { environment: 'sandbox' }, path: 'environment' },
  { change: { environment: 'live' }, path: 'environment' },
  { change: { baseUrl: 'http://127.0.0.1:8080' }, path: 'baseUrl' },
  { change: { credentials: { source: 'file', path: '/etc/tradeprop/keys.json' } }, path: 'credentials' },
];

export const reloadConfigArbitrary: fc.Arbitrary<ReloadConfigCommand> = fc.oneof(
  { weight: 3, arbitrary: validChange.map((document) => new ReloadConfigCommand({ kind: 'valid', document })) },
  {
    weight: 2,
    arbitrary: brokenDocument
      .filter(({ path }) => !['environment', 'baseUrl'].includes(path) && !path.startsWith('credentials'))
      .map(({ document, path }) => new ReloadConfigCommand({ kind: 'invalid', document: { ...document, ...SAME_IDENTITY }, path })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(validChange, fc.constantFrom(...IDENTITY_CHANGES)).map(([document, { change, path }]) => new ReloadConfigCommand({ kind: 'identity', document: { ...document, ...change }, path })),
  },
);
