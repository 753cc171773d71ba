import { createHmac } from 'node:crypto';
import type { binance } from 'ccxt';

type CcxtHmac = binance['hmac'];
type HashFunction = Parameters<CcxtHmac>[2];

const PROBE_MESSAGE = 'symbol=BTCUSDT&side=BUY&timestamp=1700000000000';
const PROBE_SECRET = 'tradeprop-hmac-probe';

function sha256Hex(message: string | Uint8Array, secret: string | Uint8Array): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/**
 * What the probe found for each hash function, once per process: ccxt's hash functions are
 * module-level values every client shares, and its JavaScript HMAC, which the probe runs, cost
 * a client's first signed request as much as the rest of its signing.
 */
const isSha256 = new WeakMap<HashFunction, boolean>();

/**
 * ccxt's `hmac`, with SHA-256 hex digests computed by node:crypto instead of ccxt's JavaScript
 * @noble/hashes and hex encoder: the same signature for about a fifth of ccxt's CPU time per
 * order (bench/README.md). A hash function counts as SHA-256 only once ccxt's own hmac and
 * node:crypto gave the same digest for a probe with it; anything else, and every other digest
 * encoding, is left to ccxt. Strings are UTF-8 in both, as ccxt's `utf8Bytes` makes them.
 */
export function nodeCryptoHmac(ccxtHmac: CcxtHmac): CcxtHmac {
  return (request, secret, hash, digest = 'hex') => {
    if (digest !== 'hex') return ccxtHmac(request, secret, hash, digest);
    let known = isSha256.get(hash);
    if (known === undefined) {
      known = ccxtHmac(PROBE_MESSAGE, PROBE_SECRET, hash, 'hex') === sha256Hex(PROBE_MESSAGE, PROBE_SECRET);
      isSha256.set(hash, known);
    }
    return known ? sha256Hex(request, secret) : ccxtHmac(request, secret, hash, digest);
  };
}
