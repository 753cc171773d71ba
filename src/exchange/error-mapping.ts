import {
  AuthenticationError as CcxtAuthenticationError,
  BadRequest,
  BadResponse,
  BaseError,
  DDoSProtection,
  DuplicateOrderId,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidNonce,
  InvalidOrder,
  NetworkError as CcxtNetworkError,
  OperationFailed,
  OrderNotFound,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import {
  AuthenticationError,
  DuplicateOrderError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidNonceError,
  MalformedResponseError,
  NetworkError,
  OrderNotFoundError,
  OrderRejectedError,
  RateLimitedError,
  TradepropError,
  UnknownExchangeError,
} from '../domain/errors';

/**
 * Translates whatever a ccxt call threw into tradeprop's closed set of errors, keeping the
 * original as `cause`. Never swallows: every input yields an error to throw.
 *
 * ccxt's classes form a hierarchy (node_modules/ccxt/js/src/base/errorHierarchy.js), so the
 * subclasses are tested before their parents: OrderNotFound and DuplicateOrderId before
 * InvalidOrder; DDoSProtection, RateLimitExceeded, ExchangeNotAvailable, InvalidNonce and
 * RequestTimeout before NetworkError. How Binance answers reach these classes is ccxt's
 * binance.js handleErrors (see shared/notes/ccxt-binance.md, "Error mapping").
 */
export function mapCcxtError(error: unknown): TradepropError {
  // Our own errors (a transport refusing an origin, a filter refused locally) pass through:
  // ccxt rethrows what its fetchImplementation throws unless it looks like a network failure.
  if (error instanceof TradepropError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  if (error instanceof BaseError) {
    if (error instanceof InsufficientFunds) return new InsufficientFundsError(message, options);
    if (error instanceof OrderNotFound) return new OrderNotFoundError(message, options);
    // Binance answers a reused newClientOrderId with -2010 "Duplicate order sent.", which ccxt
    // raises as a plain InvalidOrder; DuplicateOrderId is ccxt's own class for the same thing.
    if (error instanceof DuplicateOrderId || (error instanceof InvalidOrder && /duplicate order/i.test(message))) {
      return new DuplicateOrderError(message, options);
    }
    if (error instanceof InvalidOrder || error instanceof BadRequest) return new OrderRejectedError(message, options);
    if (error instanceof CcxtAuthenticationError) return new AuthenticationError(message, options);
    if (error instanceof InvalidNonce) return new InvalidNonceError(message, options);
    // HTTP 418 and 429 both arrive as DDoSProtection; ccxt drops Retry-After, so no delay here.
    if (error instanceof DDoSProtection || error instanceof RateLimitExceeded) return new RateLimitedError(message, undefined, options);
    if (error instanceof ExchangeNotAvailable) return new ExchangeUnavailableError(message, options);
    if (error instanceof RequestTimeout || error instanceof CcxtNetworkError) return new NetworkError(message, options);
    if (error instanceof BadResponse) return new MalformedResponseError(message, options);
    // BadResponse's and NetworkError's parent: Binance's 503 -1001 "Internal error; unable to
    // process your request" (shared/notes/ccxt-binance.md), whose execution status is unknown, as for any 5xx.
    if (error instanceof OperationFailed) return new ExchangeUnavailableError(message, options);
    return new UnknownExchangeError(message, options);
  }
  // A 200 whose body is not JSON reaches ccxt's parsers as `undefined`, and parseOrder then
  // throws a plain TypeError (shared/notes/ccxt-binance.md): the venue's answer was malformed.
  if (error instanceof TypeError) return new MalformedResponseError(`the venue's response could not be parsed: ${message}`, options);
  return new UnknownExchangeError(message, options);
}
