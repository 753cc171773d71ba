import { fc, test } from '@fast-check/vitest';
import { binance } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { nodeCryptoHmac } from './node-hmac';

type CcxtHmac = binance['hmac'];
type Message = Parameters<CcxtHmac>[0];
type Secret = Parameters<CcxtHmac>[1];
type HashFunction = Parameters<CcxtHmac>[2];

/** The hash function binance.js really signs with, caught from a plain ccxt signing an order. */
function binanceSigning(): { ccxtHmac: CcxtHmac; sha256: HashFunction; signature: string; request: Message; secret: Secret } {
  const exchange = new binance({ apiKey: 'key', secret: 'ccxt-secret' });
  const ccxtHmac = exchange.hmac;
  let caught: { hash: HashFunction; request: Message; secret: Secret } | undefined;
  exchange.hmac = (request, secret, hash, digest) => {
    caught = { hash, request, secret };
    return ccxtHmac(request, secret, hash, digest);
  };
  const signed = exchange.sign('order', 'private', 'POST', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001', price: '20000' });
  if (caught === undefined) throw new Error('binance.sign did not call hmac');
  const signature = /signature=([0-9a-f]{64})/.exec(String(signed.body))?.[1];
  if (signature === undefined) throw new Error(`no signature in ${String(signed.body)}`);
  return { ccxtHmac, sha256: caught.hash, signature, request: caught.request, secret: caught.secret };
}

const { ccxtHmac, sha256, signature, request: orderQuery, secret: orderSecret } = binanceSigning();

describe('nodeCryptoHmac', () => {
  it('signs an order exactly as plain ccxt.binance does', () => {
    expect(nodeCryptoHmac(ccxtHmac)(orderQuery, orderSecret, sha256)).toBe(signature);
  });

  it("probes each hash function once per process: a second client signs without calling ccxt's HMAC", () => {
    // A hash function this process has not probed yet: binance.js's SHA-256 under another identity.
    const sha256Twin = Object.assign((message: Uint8Array) => sha256(message), sha256) as HashFunction;
    let ccxtCalls = 0;
    const counting: CcxtHmac = (request, key, hash, digest) => {
      ccxtCalls += 1;
      return ccxtHmac(request, key, hash, digest);
    };
    expect(nodeCryptoHmac(counting)(orderQuery, orderSecret, sha256Twin)).toBe(signature);
    expect(ccxtCalls).toBe(1);
    expect(nodeCryptoHmac(counting)(orderQuery, orderSecret, sha256Twin)).toBe(signature);
    expect(ccxtCalls).toBe(1);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 600 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), fc.boolean()], { numRuns: 500, seed: 20261124 })(
    "gives ccxt's own SHA-256 hex digest for any text or bytes, without calling ccxt once SHA-256 was probed",
    (message, secret, asBytes) => {
      nodeCryptoHmac(ccxtHmac)('probe', 'secret', sha256);
      let ccxtCalls = 0;
      const counting: CcxtHmac = (request, key, hash, digest) => {
        ccxtCalls += 1;
        return ccxtHmac(request, key, hash, digest);
      };
      const fast = nodeCryptoHmac(counting);
      const request = asBytes ? new TextEncoder().encode(message) : message;
      const key = asBytes ? new TextEncoder().encode(secret) : secret;
      const first = fast(request, key, sha256);
      expect(fast(request, key, sha256)).toBe(first);
      expect(ccxtCalls).toBe(0);
      expect(first).toBe(ccxtHmac(request, key, sha256));
    },
  );

  it('leaves other digests and hash functions to ccxt', () => {
    const calls: string[] = [];
    const recording: CcxtHmac = (request, key, hash, digest) => {
      calls.push(`${hash === sha256 ? 'sha256' : 'other'} ${digest ?? 'hex'}`);
      return hash === sha256 ? ccxtHmac(request, key, hash, digest) : 'ccxt-answer';
    };
    const fast = nodeCryptoHmac(recording);
    expect(fast('m', 's', sha256, 'base64')).toBe(ccxtHmac('m', 's', sha256, 'base64'));
    const notSha256 = Object.assign(() => new Uint8Array(32), sha256);
    expect(fast('m', 's', notSha256)).toBe('ccxt-answer');
    expect(fast('m2', 's', notSha256)).toBe('ccxt-answer');
    expect(calls).toEqual(['sha256 base64', 'other hex', 'other hex', 'other hex']);
  });
});
