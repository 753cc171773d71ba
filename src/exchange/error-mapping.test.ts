import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import * as domain from '../domain/errors';
import { mapCcxtError } from './error-mapping';

describe('mapCcxtError', () => {
  const cases: Array<[Error, new (...args: never[]) => domain.TradepropError]> = [
    [new ccxt.InsufficientFunds('binance Account has insufficient balance for requested action.'), domain.InsufficientFundsError],
    [new ccxt.OrderNotFound('binance {"code":-2013,"msg":"Order does not exist."}'), domain.OrderNotFoundError],
    [new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'), domain.DuplicateOrderError],
    [new ccxt.DuplicateOrderId('binance duplicate'), domain.DuplicateOrderError],
    [new ccxt.InvalidOrder('binance {"code":-1013,"msg":"Filter failure: LOT_SIZE"}'), domain.OrderRejectedError],
    [new ccxt.OrderImmediatelyFillable('binance Order would immediately match and take.'), domain.OrderRejectedError],
    [new ccxt.BadRequest('binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}'), domain.OrderRejectedError],
    [new ccxt.BadSymbol('binance does not have market symbol X/Y'), domain.OrderRejectedError],
    [new ccxt.AuthenticationError('binance {"code":-1022,"msg":"Signature for this request is not valid."}'), domain.AuthenticationError],
    [new ccxt.PermissionDenied('binance permission'), domain.AuthenticationError],
    [new ccxt.InvalidNonce('binance {"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}'), domain.InvalidNonceError],
    [new ccxt.DDoSProtection('binance 429 Too Many Requests'), domain.RateLimitedError],
    [new ccxt.RateLimitExceeded('binance {"code":-1003}'), domain.RateLimitedError],
    [new ccxt.RequestTimeout('binance GET request timed out (10000 ms)'), domain.NetworkError],
    [new ccxt.NetworkError('binance fetch failed: ECONNRESET'), domain.NetworkError],
    [new ccxt.ExchangeNotAvailable('binance 503 Service Unavailable'), domain.ExchangeUnavailableError],
    [new ccxt.OnMaintenance('binance maintenance'), domain.ExchangeUnavailableError],
    [new ccxt.BadResponse('binance bad response'), domain.MalformedResponseError],
    [new ccxt.NullResponse('binance null'), domain.MalformedResponseError],
    [new ccxt.ExchangeError('binance {"code":-9999,"msg":"?"}'), domain.UnknownExchangeError],
    [new ccxt.OperationFailed('binance 503 -1001'), domain.ExchangeUnavailableError],
    [new TypeError("Cannot read properties of undefined (reading 'orderId')"), domain.MalformedResponseError],
    [new Error('something else'), domain.UnknownExchangeError],
  ];

  for (const [error, expected] of cases) {
    it(`${error.constructor.name} (${error.message.slice(0, 40)}) -> ${expected.name}`, () => {
      const mapped = mapCcxtError(error);
      expect(mapped).toBeInstanceOf(expected);
      expect(mapped.cause).toBe(error);
    });
  }

  it("says a TypeError from ccxt's parsers means the venue's answer could not be parsed, and keeps its text", () => {
    const mapped = mapCcxtError(new TypeError("Cannot read properties of undefined (reading 'orderId')"));
    expect(mapped.message).toContain("the venue's response could not be parsed");
    expect(mapped.message).toContain("reading 'orderId'");
  });

  it('passes tradeprop errors through untouched', () => {
    const refused = new domain.TransportRefusedError('https://example.com');
    expect(mapCcxtError(refused)).toBe(refused);
  });

  it('wraps a thrown non-error without losing it', () => {
    const mapped = mapCcxtError('plain string');
    expect(mapped).toBeInstanceOf(domain.UnknownExchangeError);
    expect(mapped.cause).toBe('plain string');
  });
});
