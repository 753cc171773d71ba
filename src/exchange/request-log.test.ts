import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import { createRequestLogger, maskKnownValues, memorySink, REDACTED_PATHS } from './request-log';
import { MASKED, Secret } from './secret';

function logger(options: { secrets?: Secret[]; level?: 'debug' | 'warn'; base?: Record<string, string> } = {}) {
  const clock = new VirtualClock(1_700_000_000_000);
  const sink = memorySink();
  return { clock, sink, log: createRequestLogger({ clock, destination: sink, ...options }) };
}

describe('createRequestLogger', () => {
  it('censors every credential field by name, with no known secret to scan for (S1)', () => {
    const { log, sink } = logger();
    log.info(
      {
        headers: { 'x-mbx-apikey': 'h-lower', 'X-MBX-APIKEY': 'h-upper', authorization: 'a-lower', Authorization: 'a-upper', accept: 'json' },
        params: { signature: 'p-sig', apiKey: 'p-key', secret: 'p-secret', symbol: 'BTCUSDT' },
        apiKey: 'top-key',
        secret: 'top-secret',
        signature: 'top-sig',
        options: { apiKey: 'nested-key', secret: 'nested-secret', signature: 'nested-sig' },
      },
      'request',
    );
    const [line] = sink.lines;
    for (const value of ['h-lower', 'h-upper', 'a-lower', 'a-upper', 'p-sig', 'p-key', 'p-secret', 'top-key', 'top-secret', 'top-sig', 'nested-key', 'nested-secret', 'nested-sig']) {
      expect(line, value).not.toContain(value);
    }
    const [record] = sink.records();
    expect(record).toMatchObject({
      headers: { 'x-mbx-apikey': MASKED, 'X-MBX-APIKEY': MASKED, authorization: MASKED, Authorization: MASKED, accept: 'json' },
      params: { signature: MASKED, apiKey: MASKED, secret: MASKED, symbol: 'BTCUSDT' },
      apiKey: MASKED,
      secret: MASKED,
      signature: MASKED,
      options: { apiKey: MASKED, secret: MASKED, signature: MASKED },
      msg: 'request',
    });
  });

  it('names the header case Binance uses and the one Node lowercases it to', () => {
    expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['headers["x-mbx-apikey"]', 'headers["X-MBX-APIKEY"]']));
  });

  it('masks known secret values wherever they appear in free text, raw or JSON-escaped', () => {
    const { log, sink } = logger({ secrets: [new Secret('k3y-value'), new Secret('se"cr\\et')] });
    log.warn({ url: 'https://venue/api?apiKey=k3y-value&x=1' }, 'refused: secret se"cr\\et was wrong, key k3y-value');
    const [line] = sink.lines;
    expect(line).not.toContain('k3y-value');
    expect(line).not.toContain('se\\"cr\\\\et');
    expect(sink.records()[0]).toMatchObject({ url: `https://venue/api?apiKey=${MASKED}&x=1`, msg: `refused: secret ${MASKED} was wrong, key ${MASKED}` });
  });

  it('ignores an empty secret instead of masking between every character', () => {
    const { log, sink } = logger({ secrets: [new Secret('')] });
    log.info('plain text');
    expect(sink.records()[0]).toMatchObject({ msg: 'plain text' });
  });

  it('stamps lines with the injected clock, carries the base fields and no pid or hostname', async () => {
    const { log, sink, clock } = logger({ base: { exchange: 'binance', account: 'main' } });
    log.info('first');
    await clock.advance(1_500);
    log.info('second');
    const records = sink.records();
    expect(records.map((record) => record['time'])).toEqual([1_700_000_000_000, 1_700_000_001_500]);
    for (const record of records) {
      expect(record).toMatchObject({ exchange: 'binance', account: 'main' });
      expect(Object.keys(record)).not.toContain('pid');
      expect(Object.keys(record)).not.toContain('hostname');
    }
    const bare = logger();
    bare.log.info('no base');
    expect(Object.keys(bare.sink.records()[0] ?? {}).sort()).toEqual(['level', 'msg', 'time']);
  });

  it('writes info and above by default; a level option moves the threshold', () => {
    const quiet = logger();
    quiet.log.debug('hidden');
    quiet.log.info('shown');
    expect(quiet.sink.records().map((record) => record['msg'])).toEqual(['shown']);
    const verbose = logger({ level: 'debug' });
    verbose.log.debug('now shown');
    expect(verbose.sink.records().map((record) => record['msg'])).toEqual(['now shown']);
    const strict = logger({ level: 'warn' });
    strict.log.info('hidden');
    strict.log.warn('shown');
    expect(strict.sink.records().map((record) => record['msg'])).toEqual(['shown']);
  });
});

describe('maskKnownValues', () => {
  it('replaces every occurrence of each value and leaves other text alone', () => {
    expect(maskKnownValues('a-b a-b c', ['a-b'])).toBe(`${MASKED} ${MASKED} c`);
    expect(maskKnownValues('quote \\"q\\" and "q"', ['"q"'])).toBe(`quote ${MASKED} and ${MASKED}`);
    expect(maskKnownValues('nothing here', ['absent'])).toBe('nothing here');
  });
});

describe('memorySink', () => {
  it('keeps one entry per non-empty line of a chunk', () => {
    const sink = memorySink();
    sink.write('{"a":1}\n\n{"b":2}\n');
    expect(sink.lines).toEqual(['{"a":1}', '{"b":2}']);
    expect(sink.records()).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
