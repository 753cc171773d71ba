import { describe, expect, it } from 'vitest';
import { ENV } from '../verifier/protocol';
import { applyWorkerEnvironment, workerEnvironment } from './worker-environment';

describe('the worker environment', () => {
  it('carries every setting as the protocol variables', () => {
    const env = workerEnvironment({
      profile: 'extended',
      seed: 123,
      runs: 50,
      adapter: '/abs/adapter.ts',
      corpusDir: '/abs/corpus',
      deadline: 1_700_000_000_000,
      share: { workers: 2, properties: 16 },
      progressFile: '/tmp/p.jsonl',
    });
    expect(env).toEqual({
      [ENV.profile]: 'extended',
      [ENV.seed]: '123',
      [ENV.runs]: '50',
      [ENV.adapter]: '/abs/adapter.ts',
      [ENV.corpusDir]: '/abs/corpus',
      [ENV.deadline]: '1700000000000',
      [ENV.share]: '2/16',
      [ENV.progress]: '/tmp/p.jsonl',
    });
  });

  it('sends a replay target as JSON and can turn corpus writing off', () => {
    const env = workerEnvironment({ profile: 'replay', saveCorpus: false, replay: { property: 'p', seed: 1, path: '0:1', replayPath: 'AB' } });
    expect(env[ENV.saveCorpus]).toBe('0');
    expect(JSON.parse(env[ENV.replay] ?? '')).toEqual({ property: 'p', seed: 1, path: '0:1', replayPath: 'AB' });
  });

  it('clears protocol variables left in the shell, so the command line alone decides', () => {
    const target: NodeJS.ProcessEnv = { [ENV.seed]: '999', [ENV.adapter]: '/old.ts', PATH: '/bin' };
    applyWorkerEnvironment(workerEnvironment({ profile: 'premerge' }), target);
    expect(target).toEqual({ [ENV.profile]: 'premerge', PATH: '/bin' });
  });
});
