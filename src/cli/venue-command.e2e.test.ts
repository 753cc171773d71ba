import { spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { projectRoot } from '../corpus/fingerprint';
import { DEFAULT_MARKETS } from '../domain/market';
import { signatureOf } from '../venue/api/signature';
import { startVenue, type StartedVenue } from './testing/start-venue';

/**
 * Acceptance 4 of issue 4, through the real launcher: `tradeprop venue --port 0` prints its base
 * URL, key and secret, answers plain and signed HTTP requests, and stops cleanly on SIGTERM.
 * (Node's fetch stands in for curl, which CI does not install; the README shows the curl lines.)
 */
const root = projectRoot();
const launcher = join(root, 'bin', 'tradeprop.js');

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('tradeprop venue', () => {
  let venue: StartedVenue;
  let baseUrl = '';

  beforeAll(async () => {
    venue = await startVenue(['--port', '0', '--seed', '42']);
    baseUrl = venue.fields['base URL'] ?? '';
  });
  afterAll(() => {
    if (venue.child.exitCode === null) venue.child.kill('SIGKILL');
  });

  it('prints its seed, a loopback base URL on the picked port, the funded account, key and secret', () => {
    expect(venue.fields).toMatchObject({
      seed: '42',
      port: expect.stringMatching(/^[1-9]\d*$/),
      account: 'test (100000 USDT, 10 BTC, 100 ETH)',
      'API key': expect.stringMatching(/^[0-9a-z]{64}$/),
      secret: expect.stringMatching(/^[0-9a-z]{64}$/),
    });
    expect(baseUrl).toBe(`http://127.0.0.1:${venue.fields.port}`);
  });

  it('answers GET /api/v3/time with the system time', async () => {
    const before = Date.now();
    const response = await fetch(`${baseUrl}/api/v3/time`);
    const body = (await response.json()) as { serverTime: number };
    expect(response.status).toBe(200);
    expect(body.serverTime).toBeGreaterThanOrEqual(before - 5);
    expect(body.serverTime).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('answers GET /api/v3/exchangeInfo with its markets', async () => {
    const response = await fetch(`${baseUrl}/api/v3/exchangeInfo`);
    const body = (await response.json()) as { symbols: Array<{ symbol: string; status: string }> };
    expect(response.status).toBe(200);
    expect(body.symbols.map((symbol) => [symbol.symbol, symbol.status])).toEqual([
      ['BTCUSDT', 'TRADING'],
      ['ETHUSDT', 'TRADING'],
      ['ETHBTC', 'TRADING'],
    ]);
  });

  it('accepts a signed order and shows the reserve in the signed account', async () => {
    const apiKey = venue.fields['API key'] ?? '';
    const secret = venue.fields.secret ?? '';
    const order = `symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=20000&newClientOrderId=curl-1&timestamp=${Date.now()}`;
    const placed = await fetch(`${baseUrl}/api/v3/order`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': apiKey, 'content-type': 'application/x-www-form-urlencoded' },
      body: `${order}&signature=${signatureOf(secret, order)}`,
    });
    expect(placed.status).toBe(200);
    expect(await placed.json()).toMatchObject({ symbol: 'BTCUSDT', clientOrderId: 'curl-1', status: 'NEW', origQty: '0.01000000', price: '20000.00000000' });

    const query = `omitZeroBalances=true&timestamp=${Date.now()}`;
    const account = await fetch(`${baseUrl}/api/v3/account?${query}&signature=${signatureOf(secret, query)}`, { headers: { 'X-MBX-APIKEY': apiKey } });
    const balances = ((await account.json()) as { balances: Array<{ asset: string; free: string; locked: string }> }).balances;
    expect(balances.find((balance) => balance.asset === 'USDT')).toEqual({ asset: 'USDT', free: '99800.00000000', locked: '200.00000000' });
  });

  it('rejects a tampered signature with -1022', async () => {
    const order = `symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=20000&timestamp=${Date.now()}`;
    const response = await fetch(`${baseUrl}/api/v3/order`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': venue.fields['API key'] ?? '' },
      body: `${order.replace('0.01', '0.02')}&signature=${signatureOf(venue.fields.secret ?? '', order)}`,
    });
    expect([response.status, await response.json()]).toEqual([400, { code: -1022, msg: 'Signature for this request is not valid.' }]);
  });

  it('serves the user-data stream on loopback: a listenKey stream pushes the executionReport of an order placed over REST', async () => {
    const apiKey = venue.fields['API key'] ?? '';
    const secret = venue.fields.secret ?? '';
    expect(venue.fields['user data']).toBe(`${baseUrl.replace(/^http/, 'ws')}/ws-api/v3 (WebSocket API), /ws/<listenKey> (POST /api/v3/userDataStream)`);
    const created = await fetch(`${baseUrl}/api/v3/userDataStream`, { method: 'POST', headers: { 'X-MBX-APIKEY': apiKey } });
    const { listenKey } = (await created.json()) as { listenKey: string };
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/${listenKey}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const firstFrame = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
    const order = `symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.02&price=90000&newClientOrderId=stream-1&timestamp=${Date.now()}`;
    await fetch(`${baseUrl}/api/v3/order`, { method: 'POST', headers: { 'X-MBX-APIKEY': apiKey }, body: `${order}&signature=${signatureOf(secret, order)}` });
    expect(JSON.parse(await firstFrame)).toMatchObject({ e: 'executionReport', s: 'BTCUSDT', c: 'stream-1', S: 'SELL', o: 'LIMIT', q: '0.02000000', p: '90000.00000000', x: 'NEW', X: 'NEW' });
    socket.close();
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    const exited = exitOf(venue.child);
    venue.child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(venue.stdout()).toContain('tradeprop venue: stopped on SIGTERM');
  });
});

describe('tradeprop venue on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradeprop-venue-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runBriefly(args: string[]) {
    return spawnSync(process.execPath, [launcher, 'venue', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  }

  const [defaultMarket] = DEFAULT_MARKETS;
  const zeroTickMarket = { ...defaultMarket, priceFilter: { ...defaultMarket?.priceFilter, tickSize: '0' } };

  it.each([
    ['a fee rate of 1 or more', { fees: { maker: '1.5', taker: '0.001' } }, /^tradeprop: configuration field fees\.maker: /],
    ['a market with a zero tick', { markets: [zeroTickMarket] }, /^tradeprop: configuration field markets\.0\.priceFilter\.tickSize: must be above zero/],
  ])('exits 2 with one line naming the field for %s', (_case, config, message) => {
    const file = join(dir, 'venue.json');
    writeFileSync(file, JSON.stringify(config));
    const result = runBriefly(['--port', '0', '--config', file]);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(result.status).toBe(2);
  });

  it.each([
    ['a file that is not JSON', ['--config', 'README.md'], /^tradeprop: configuration field \(root\): README\.md is not valid JSON/],
    ['a missing file', ['--config', 'nope.json'], /^tradeprop: --config nope\.json cannot be read \(ENOENT\)/],
    ['a port out of range', ['--port', '70000'], /^tradeprop: --port must be an integer from 0 to 65535/],
  ])('exits 2 with one line for %s', (_case, args, message) => {
    const result = runBriefly(args);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(result.status).toBe(2);
  });
});
