import { describe, expect, it } from 'vitest';
import { signatureMatches, signatureOf, signedPayload } from './signature';

// The worked examples of Binance's "SIGNED endpoint examples for POST /api/v3/order".
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('request signatures (HMAC-SHA256 over query + body, signature removed)', () => {
  it('matches Binance\'s example with every parameter in the query string', () => {
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(signatureOf(SECRET, signedPayload(query, ''))).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  it('matches Binance\'s mixed example: query and body concatenated without a separator', () => {
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(signatureOf(SECRET, signedPayload(query, body))).toBe('0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77');
  });

  it('ignores the signature parameter itself and rejects a tampered payload', () => {
    const body = 'quantity=1&price=0.1&timestamp=1';
    const signature = signatureOf(SECRET, body);
    expect(signatureMatches(SECRET, '', `${body}&signature=${signature}`, signature)).toBe(true);
    expect(signatureMatches(SECRET, '', `quantity=2&price=0.1&timestamp=1&signature=${signature}`, signature)).toBe(false);
    expect(signatureMatches(SECRET, '', body, signature.toUpperCase())).toBe(false);
  });
});
