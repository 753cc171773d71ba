import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { AdapterEnvironment, AdapterFactory, AdapterKey, ExchangeAdapter } from '../../src/exchange/contract';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { describeFailure, TradingCommand } from './trading-command';

/** How long one creation takes (its loadMarkets included): long enough for gets to overlap it. */
const CREATION_MS = 50;
/** A maintenance window that outlasts every creation of a wave (the adapter's retries included). */
const VENUE_DOWN_MS = 120_000;

const keyOf = (index: number): AdapterKey => ({ exchange: 'binance', account: `desk-${index}`, environment: 'sim' });

interface Created {
  key: string;
  adapter: ExchangeAdapter;
  closes: number;
}

/**
 * F1: a fresh exchange factory (the module's, else the reference's) is asked for adapters by many
 * callers in one tick, for a few keys, while each creation takes time; with `venueDown` the venue
 * answers 503 for the whole first wave, so creations fail and a second wave must create afresh.
 * Each key must get one instance, shared by every caller that asked together, created once;
 * a failed creation is forgotten (the next get creates again); closeAll closes each instance
 * exactly once, and a get after it is refused.
 */
export class ConcurrentFactoryGetsCommand extends TradingCommand {
  constructor(
    private readonly gets: readonly number[],
    private readonly venueDown: boolean,
  ) {
    super();
  }

  // Always: a factory is built fresh by the command itself.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const origin = world.origin;
    if (origin === undefined) throw new RangeError('the world has no adapter module to build a factory from');
    const created: Created[] = [];
    const attempts = new Map<string, number>();
    const creating = (key: string): AdapterFactory => async (env) => {
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      await world.clock.sleep(CREATION_MS);
      const adapter = await origin.createAdapter(env);
      try {
        await adapter.loadMarkets();
      } catch (error) {
        // The creator's part: what it half built it closes; the factory's part is to forget it.
        await adapter.close();
        throw error;
      }
      const entry: Created = { key, adapter, closes: 0 };
      created.push(entry);
      const close = adapter.close.bind(adapter);
      adapter.close = async () => {
        entry.closes += 1;
        await close();
      };
      return adapter;
    };
    // Each key's own environment object: the factory passes it to createAdapter, which tells by it
    // whose creation this is.
    const environments = new Map<string, AdapterEnvironment>();
    const keyOfEnvironment = new WeakMap<AdapterEnvironment, string>();
    const environmentOf = (account: string): AdapterEnvironment => {
      const existing = environments.get(account);
      if (existing !== undefined) return existing;
      // Another account's adapter keeps no state of the run's adapter: no store of its own here.
      const env = { ...origin.environment, store: undefined };
      environments.set(account, env);
      keyOfEnvironment.set(env, account);
      return env;
    };
    const factory = origin.createExchangeFactory((env) => creating(keyOfEnvironment.get(env) ?? 'an unknown key')(env));
    const wave = async (indices: readonly number[]): Promise<Map<string, PromiseSettledResult<ExchangeAdapter>[]>> => {
      const calls = indices.map((index) => {
        const key = keyOf(index);
        return { key: key.account, call: factory.get(key, environmentOf(key.account)) };
      });
      const settled = await world.drive(Promise.allSettled(calls.map(({ call }) => call)));
      const byKey = new Map<string, PromiseSettledResult<ExchangeAdapter>[]>();
      calls.forEach(({ key }, position) => {
        const outcome = settled[position];
        if (outcome !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), outcome]);
      });
      return byKey;
    };

    if (this.venueDown) world.venue.nemesis.schedule({ kind: 'maintenance' }, { until: world.clock.now() + VENUE_DOWN_MS });
    const first = await wave(this.gets);
    judgeWave(first, attempts, created, 'the first wave');
    const failedKeys = [...first].filter(([, outcomes]) => outcomes.every((outcome) => outcome.status === 'rejected')).map(([key]) => key);
    if (this.venueDown) {
      world.venue.nemesis.heal();
      await world.clock.advance(VENUE_DOWN_MS);
      attempts.clear();
      const second = await wave(failedKeys.map((account) => Number(account.slice('desk-'.length))));
      judgeWave(second, attempts, created, 'the wave after the venue came back');
      for (const [key, outcomes] of second) {
        if (outcomes.some((outcome) => outcome.status === 'rejected')) throw new InvariantViolationError('F1', `${key}: a get after the venue came back failed: the failed creation was not forgotten`);
      }
    }
    await world.drive(factory.closeAll());
    const wrongCloses = created.find((entry) => entry.closes !== 1);
    if (wrongCloses !== undefined) throw new InvariantViolationError('F1', `closeAll closed ${wrongCloses.key}'s adapter ${wrongCloses.closes} times, not once`);
    let refused = false;
    try {
      const late = await world.drive(factory.get(keyOf(0), environmentOf(keyOf(0).account)));
      await world.drive(late.close());
    } catch {
      refused = true;
    }
    if (!refused) throw new InvariantViolationError('F1', 'a get after closeAll created an adapter nobody will close');
    absorbVenueEvents(model, world);
  }

  toString(): string {
    return `factoryGets(${this.gets.map((index) => `desk-${index}`).join(' ')}${this.venueDown ? ', venue down while creating' : ''})`;
  }
}

/** Every caller of one key in one wave got the same instance, created once; or all failed together. */
function judgeWave(byKey: Map<string, PromiseSettledResult<ExchangeAdapter>[]>, attempts: ReadonlyMap<string, number>, created: readonly Created[], wave: string): void {
  for (const [key, outcomes] of byKey) {
    const instances = new Set(outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])));
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [describeFailure(outcome.reason)] : []));
    if (instances.size > 1) throw new InvariantViolationError('F1', `${wave}: ${outcomes.length} concurrent gets of ${key} got ${instances.size} different adapters`);
    if (instances.size === 1 && failures.length > 0) throw new InvariantViolationError('F1', `${wave}: gets of ${key} that asked together split: one adapter and ${failures.length} failure(s) (${failures[0] ?? ''})`);
    const tries = attempts.get(key) ?? 0;
    if (tries !== 1) throw new InvariantViolationError('F1', `${wave}: ${outcomes.length} concurrent gets of ${key} started ${tries} creations, not one`);
    const live = created.filter((entry) => entry.key === key).length;
    if (live > 1) throw new InvariantViolationError('F1', `${wave}: ${live} adapters were created for ${key}`);
  }
}

export const concurrentFactoryGetsArbitrary = fc
  .record({ gets: fc.array(fc.nat(2), { minLength: 2, maxLength: 6 }), venueDown: fc.boolean() })
  .map(({ gets, venueDown }) => new ConcurrentFactoryGetsCommand(gets, venueDown));
