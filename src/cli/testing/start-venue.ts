import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../corpus/fingerprint';

export interface StartedVenue {
  child: ChildProcessWithoutNullStreams;
  /** The banner's `key: value` lines ("base URL", "API key", "secret", ...). */
  fields: Record<string, string>;
  stdout: () => string;
}

/** Spawns `tradeprop venue ARGS` from the project root and resolves once its banner is printed. */
export function startVenue(args: string[]): Promise<StartedVenue> {
  const root = projectRoot();
  const child = spawn(process.execPath, [join(root, 'bin', 'tradeprop.js'), 'venue', ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`venue exited early (${code}): ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('stop with')) return;
      const fields: Record<string, string> = {};
      for (const line of stdout.split('\n')) {
        const [, name, value] = /^([A-Za-z ]+): (.+)$/.exec(line) ?? [];
        if (name !== undefined && value !== undefined) fields[name] = value;
      }
      resolve({ child, fields, stdout: () => stdout });
    });
  });
}
