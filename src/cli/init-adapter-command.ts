import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { projectRoot } from '../corpus/fingerprint';
import { UsageError } from '../domain/errors';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';

/**
 * `tradeprop init-adapter FILE`: writes the starting point of an adapter of your own, a typed
 * module that wraps the reference adapter and forwards every call (optional capabilities
 * included, through wrapAdapter), so it passes every property before you change anything.
 * Never overwrites a file.
 */
export function initAdapterCommand(file: string, output: CliOutput): ExitCode {
  const target = resolve(process.cwd(), file);
  if (!target.endsWith('.ts')) throw new UsageError(`init-adapter writes a TypeScript module: give a FILE ending in .ts, not "${file}"`);
  if (existsSync(target)) throw new UsageError(`init-adapter: ${file} exists already; it is never overwritten`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, adapterTemplate(importBase(target), relative(process.cwd(), target) || file), 'utf8');
  output.out(`wrote ${file}: the reference adapter, wrapped; it passes as it is.\nverify it:  npx tradeprop run --adapter ${relative(process.cwd(), target)}\n`);
  return EXIT.ok;
}

/** How FILE imports tradeprop's sources: a relative path to the project's src/exchange. */
function importBase(target: string): string {
  const path = relative(dirname(target), resolve(projectRoot(), 'src', 'exchange')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

export function adapterTemplate(exchange: string, shown: string): string {
  return `// An adapter of your own, verified by tradeprop:
//   npx tradeprop run --adapter ${shown}
// It starts as the reference adapter wrapped: it passes every property as it is. Replace the
// calls you implement in \`overrides\` below, one at a time, and run again after each. What
// every call must leave in orders() and balances() is in src/exchange/contract.ts.
import type { AdapterFactory, ExchangeAdapter } from '${exchange}/contract';
import { createAdapter as createReferenceAdapter } from '${exchange}/reference-adapter';
import { wrapAdapter, type AdapterOverrides } from '${exchange}/wrap-adapter';

export const createAdapter: AdapterFactory = async (env) => {
  // env: the venue's baseUrl and an in-process fetch for ccxt (fetchImplementation), the
  // account's credentials, the virtual clock and a seeded random stream. Use these, never
  // Date.now(), Math.random() or real timers: one seed must reproduce the whole run.
  const base: ExchangeAdapter = await createReferenceAdapter(env);

  const overrides: AdapterOverrides = {
    // Your code goes here. For example, to see every placement pass by:
    // place: async (intent) => {
    //   const view = await base.place(intent);
    //   return view;
    // },
  };

  // Forwards every call you do not override, metricsText, reloadConfig and
  // effectiveSettings included (the monitoring and configuration properties need them).
  return wrapAdapter(base, overrides);
};
`;
}
