import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface PremergeResult {
  command: string;
  seconds: number;
  /** The CLI's exit status; null when it was killed (see `signal`). */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last lines the CLI printed (its summary), for reading the result without rerunning. */
  outputTail: string[];
}

const TAIL_LINES = 12;

/** One CLI run of the premerge profile as it finished: its wall time, status and everything it printed. */
export interface PremergeRun {
  args: string[];
  seconds: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  output: string;
}

/**
 * The premerge profile through the CLI, in a child process, against an empty temporary corpus
 * (so nothing stored is replayed first), with `extraArgs` (a seed, a run count, a report format).
 */
export async function runPremerge(projectRoot: string, timeoutMs: number, extraArgs: readonly string[] = []): Promise<PremergeRun> {
  const corpus = await mkdtemp(path.join(os.tmpdir(), 'tradeprop-bench-corpus-'));
  const args = ['bin/tradeprop.js', 'run', '--profile', 'premerge', ...extraArgs, '--corpus', corpus];
  try {
    const start = process.hrtime.bigint();
    const outcome = await new Promise<{ code: number | null; signal: string | null; timedOut: boolean; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let timedOut = false;
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, timedOut, output });
      });
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { args: args.slice(0, -1), seconds, exitCode: outcome.code, signal: outcome.signal, timedOut: outcome.timedOut, output: outcome.output };
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}

/** Wall time of the whole premerge profile through the CLI. */
export async function measurePremerge(projectRoot: string, timeoutMs: number): Promise<PremergeResult> {
  const run = await runPremerge(projectRoot, timeoutMs);
  return {
    command: `node ${run.args.join(' ')} --corpus <empty temp dir>`,
    seconds: run.seconds,
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    outputTail: run.output.split('\n').filter((line) => line.trim() !== '').slice(-TAIL_LINES),
  };
}
