import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import type { Clock } from '../clock/clock';
import { MASKED, type Secret } from './secret';

/**
 * Fields that carry credentials when a request's headers or params are logged. Binance sends
 * the API key in the `X-MBX-APIKEY` header and the HMAC in the `signature` parameter (Binance
 * spot API docs, "Endpoint security type"); ccxt names them `apiKey` / `secret` in its options.
 */
export const REDACTED_PATHS: readonly string[] = [
  'headers["x-mbx-apikey"]',
  'headers["X-MBX-APIKEY"]',
  'headers.authorization',
  'headers.Authorization',
  'params.signature',
  'params.apiKey',
  'params.secret',
  'apiKey',
  'secret',
  'signature',
  '*.apiKey',
  '*.secret',
  '*.signature',
];

export interface RequestLogOptions {
  clock: Clock;
  /** Where JSON lines go: a file stream in a run, `memorySink()` in tests; never stdout by default. */
  destination: DestinationStream;
  level?: Level | 'silent' | undefined;
  /** Fields on every line, e.g. { exchange, account, environment }. */
  base?: Record<string, string> | undefined;
  /** Known credential values, masked wherever they would still appear in a line. */
  secrets?: readonly Secret[] | undefined;
}

/**
 * A pino logger on the injected clock. Three layers keep secrets out of a line (invariant S1):
 * the Secret type serialises as `***`; pino's `redact` censors the credential fields above; and
 * the final line is scanned for the known secret values, in case one arrived inside free text
 * (an error message quoting a request, a URL).
 */
export function createRequestLogger(options: RequestLogOptions): Logger {
  const known = (options.secrets ?? []).map((secret) => secret.reveal()).filter((value) => value !== '');
  return pino(
    {
      level: options.level ?? 'info',
      // pino's default timestamp reads the wall clock; a run's log must replay byte for byte.
      timestamp: () => `,"time":${options.clock.now()}`,
      // No pid or hostname: they differ between machines and would break replayed logs.
      base: options.base ?? null,
      redact: { paths: [...REDACTED_PATHS], censor: MASKED },
      hooks: { streamWrite: (line) => maskKnownValues(line, known) },
    },
    options.destination,
  );
}

/** Replaces every occurrence of a known value, raw or as JSON escapes it, with `***`. */
export function maskKnownValues(text: string, values: readonly string[]): string {
  let masked = text;
  for (const value of values) {
    masked = masked.split(value).join(MASKED);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) masked = masked.split(escaped).join(MASKED);
  }
  return masked;
}

export interface MemorySink extends DestinationStream {
  readonly lines: string[];
  /** The lines parsed as JSON objects. */
  records(): Array<Record<string, unknown>>;
}

/** An in-memory destination for tests and properties: pino writes each line synchronously. */
export function memorySink(): MemorySink {
  const lines: string[] = [];
  return {
    lines,
    write(chunk: string): void {
      lines.push(...chunk.split('\n').filter((line) => line !== ''));
    },
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
