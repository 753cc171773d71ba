import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/domain/errors';
import type { Balances } from '../../src/domain/balance';
import type { AdapterEnvironment } from '../../src/exchange/contract';
import { ReferenceAdapter } from '../../src/exchange/reference-adapter';
import { TransitionRecorder } from '../../models/transition-coverage';
import { noSecretInAnyOutput } from '../invariants/no-secret-leaks';
import { createRun } from '../world';

/** Quotes its secret, URL-encoded, in the cause of the error a balance query throws. */
class QuotesSecretInErrorsAdapter extends ReferenceAdapter {
  private readonly quoted: string;

  constructor(env: AdapterEnvironment) {
    super(env);
    this.quoted = encodeURIComponent(env.credentials.secret);
  }

  override fetchBalances(): Promise<Balances> {
    return Promise.reject(new NetworkError('balance query failed', { cause: new Error(`GET /api/v3/account?secret=${this.quoted}`) }));
  }
}

describe('S1 at run level reads every output the adapter has', () => {
  const start = () =>
    createRun({ seed: 7, deposits: [{ asset: 'USDT', amount: '1000' }] }, async (env) => new QuotesSecretInErrorsAdapter(env), [noSecretInAnyOutput], new TransitionRecorder(), { captureLogs: true });

  it('finds a secret in the cause of an error an adapter call threw, without quoting it', async () => {
    const { model, world } = await start();
    expect(noSecretInAnyOutput.check(model, world)).toBeUndefined();
    await world.drive(world.adapter.fetchBalances()).catch(() => undefined);
    const verdict = noSecretInAnyOutput.check(model, world);
    expect(verdict).toMatch(/^the API secret appears( \(encoded\))? in error 1 an adapter call threw, at offset \d+$/);
    expect(verdict).not.toContain(world.credentials?.secret);
    await world.adapter.close();
  });

  it('finds the API key in a trace row, the report and corpus text', async () => {
    const { model, world } = await start();
    world.trace.push({ step: 1, command: `login(${world.credentials?.apiKey ?? ''})`, model: '', adapter: '', difference: undefined });
    expect(noSecretInAnyOutput.check(model, world)).toMatch(/^the API key appears in trace row 1/);
    await world.adapter.close();
  });
});
