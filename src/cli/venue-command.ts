import { readFileSync } from 'node:fs';
import { RandomSource } from '../clock/random';
import { SystemClock } from '../clock/system-clock';
import { ConfigError, UsageError } from '../domain/errors';
import type { Market } from '../domain/market';
import { parseVenueConfig } from '../venue/config';
import { startLoopbackServer, type LoopbackServer } from '../venue/transport/http-server';
import { createVenue } from '../venue/venue';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';
import { parseSeed } from './options';

export interface VenueCommandOptions {
  port?: string;
  config?: string;
  seed?: string;
}

/** The one test account the standalone venue opens. */
export const TEST_ACCOUNT = 'test';
/** What the test account starts with; any other asset a configured market lists gets OTHER_ASSET_FUNDING. */
export const TEST_FUNDING: Readonly<Record<string, string>> = { USDT: '100000', BTC: '10', ETH: '100' };
const OTHER_ASSET_FUNDING = '1000';

/**
 * `tradeprop venue`: the simulated Binance spot venue over loopback HTTP on the system clock (real
 * time is right here: a client outside tradeprop talks to it at its own pace). Prints the seed,
 * base URL, the test account's key and secret (this is a local simulator: showing its own
 * generated test key is the point) and serves until SIGINT or SIGTERM, then exits 0.
 */
export async function venueCommand(options: VenueCommandOptions, output: CliOutput, stopSignal: Promise<string> = nextStopSignal()): Promise<ExitCode> {
  const port = parsePort(options.port ?? '0');
  const seed = options.seed === undefined ? freshSeed() : parseSeed(options.seed);
  const config = options.config === undefined ? parseVenueConfig({}) : parseVenueConfig(readConfigFile(options.config));
  const venue = createVenue({ clock: new SystemClock(), random: new RandomSource(String(seed)), markets: config.markets, fees: config.fees });
  const credentials = venue.control.createAccount(TEST_ACCOUNT);
  const funding = fundingFor(venue.markets);
  for (const [asset, amount] of funding) venue.control.deposit(TEST_ACCOUNT, asset, amount);

  const server = await listen(venue, port, output);
  output.out(
    [
      'tradeprop venue: a simulated Binance spot venue on the system clock',
      `seed: ${seed}`,
      `base URL: ${server.baseUrl}`,
      `port: ${server.port}`,
      `user data: ${server.baseUrl.replace(/^http/, 'ws')}/ws-api/v3 (WebSocket API), /ws/<listenKey> (POST /api/v3/userDataStream)`,
      `markets: ${venue.markets.map((market) => market.symbol).join(', ')}`,
      `account: ${TEST_ACCOUNT} (${funding.map(([asset, amount]) => `${amount} ${asset}`).join(', ')})`,
      `API key: ${credentials.apiKey}`,
      `secret: ${credentials.secret}`,
      'stop with Ctrl-C (SIGINT) or SIGTERM',
      '',
    ].join('\n'),
  );
  const signal = await stopSignal;
  await server.close();
  output.out(`tradeprop venue: stopped on ${signal}\n`);
  return EXIT.ok;
}

function listen(venue: ReturnType<typeof createVenue>, port: number, output: CliOutput): Promise<LoopbackServer> {
  return startLoopbackServer(venue, {
    port,
    // The user-data stream beside the REST API: ws://127.0.0.1:PORT/ws-api/v3 and /ws/<listenKey>.
    acceptWebSocket: venue.stream.accept,
    // The client got -1000; the operator sees the error (no request data: it may hold a signature).
    onInternalError: (error) => output.err(`tradeprop venue: internal error answered with -1000: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') throw new UsageError(`--port ${port} is already in use; pick another or --port 0 for a free one`);
    throw error;
  });
}

function nextStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got "${raw}"`);
  return port;
}

/** The CLI edge may read global randomness (src/determinism-sources.test.ts); the seed is printed, so a session can be repeated. */
function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    throw new UsageError(`--config ${file} cannot be read (${error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'})`);
  }
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    throw new ConfigError('', `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Every asset the markets list, in first-seen order, with its starting amount. */
export function fundingFor(markets: readonly Market[]): Array<[asset: string, amount: string]> {
  const assets = [...new Set(markets.flatMap((market) => [market.quote, market.base]))];
  return assets.map((asset) => [asset, TEST_FUNDING[asset] ?? OTHER_ASSET_FUNDING]);
}
