/**
 * The closed set of errors tradeprop raises. Each has a stable `code` (for reports, logs and
 * scripts), a `retryable` verdict (only the retry layer reads it) and a message that says what
 * to do. Add a class here rather than throwing anything else.
 */
export abstract class TradepropError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'CORPUS_INVALID'
  | 'ADAPTER_LOAD_FAILED'
  | 'PROPERTY_UNKNOWN'
  | 'LIVE_REFUSED'
  | 'TRANSPORT_REFUSED'
  | 'FILTER_VIOLATION'
  | 'INSUFFICIENT_FUNDS'
  | 'ORDER_NOT_FOUND'
  | 'DUPLICATE_ORDER'
  | 'ORDER_REJECTED'
  | 'AUTHENTICATION_FAILED'
  | 'INVALID_NONCE'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'EXCHANGE_UNAVAILABLE'
  | 'MALFORMED_RESPONSE'
  | 'UNKNOWN_EXCHANGE_ERROR'
  | 'INVARIANT_VIOLATED';

// ---- input and usage: the user must change something; the CLI exits 2 on these ----

export class UsageError extends TradepropError {
  readonly code = 'USAGE' as const;
  readonly retryable = false;
}

export class ConfigError extends TradepropError {
  readonly code = 'CONFIG_INVALID' as const;
  readonly retryable = false;
  constructor(readonly path: string, problem: string) {
    super(`configuration field ${path || '(root)'}: ${problem}`);
  }
}

export class CorpusError extends TradepropError {
  readonly code = 'CORPUS_INVALID' as const;
  readonly retryable = false;
  constructor(readonly file: string, problem: string) {
    super(`corpus file ${file}: ${problem}; fix or delete the file`);
  }
}

export class AdapterLoadError extends TradepropError {
  readonly code = 'ADAPTER_LOAD_FAILED' as const;
  readonly retryable = false;
  constructor(readonly module: string, problem: string, options?: { cause?: unknown }) {
    super(`adapter module ${module}: ${problem}`, options);
  }
}

export class UnknownPropertyError extends TradepropError {
  readonly code = 'PROPERTY_UNKNOWN' as const;
  readonly retryable = false;
  constructor(readonly property: string, known: readonly string[]) {
    super(`unknown property "${property}"; known properties: ${known.join(', ')}`);
  }
}

export class LiveEnvironmentRefusedError extends TradepropError {
  readonly code = 'LIVE_REFUSED' as const;
  readonly retryable = false;
  constructor() {
    super('tradeprop never sends orders to a live environment; use sim or sandbox');
  }
}

export class TransportRefusedError extends TradepropError {
  readonly code = 'TRANSPORT_REFUSED' as const;
  readonly retryable = false;
  constructor(readonly url: string) {
    super(`refused a request to ${url}: only the simulated venue can be reached`);
  }
}

// ---- exchange outcomes: what the adapter reports to the trading system ----

export class FilterViolationError extends TradepropError {
  readonly code = 'FILTER_VIOLATION' as const;
  readonly retryable = false;
  constructor(readonly filter: 'PRICE_FILTER' | 'LOT_SIZE' | 'NOTIONAL' | 'SYMBOL', message: string) {
    super(message);
  }
}

export class InsufficientFundsError extends TradepropError {
  readonly code = 'INSUFFICIENT_FUNDS' as const;
  readonly retryable = false;
}

export class OrderNotFoundError extends TradepropError {
  readonly code = 'ORDER_NOT_FOUND' as const;
  readonly retryable = false;
}

export class DuplicateOrderError extends TradepropError {
  readonly code = 'DUPLICATE_ORDER' as const;
  readonly retryable = false;
}

export class OrderRejectedError extends TradepropError {
  readonly code = 'ORDER_REJECTED' as const;
  readonly retryable = false;
}

export class AuthenticationError extends TradepropError {
  readonly code = 'AUTHENTICATION_FAILED' as const;
  readonly retryable = false;
}

export class InvalidNonceError extends TradepropError {
  readonly code = 'INVALID_NONCE' as const;
  /** Retryable only after a time resync, never blindly (invariant S3). */
  readonly retryable = false;
}

export class RateLimitedError extends TradepropError {
  readonly code = 'RATE_LIMITED' as const;
  readonly retryable = true;
  constructor(message: string, readonly retryAfterMs?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class NetworkError extends TradepropError {
  readonly code = 'NETWORK' as const;
  readonly retryable = true;
}

export class ExchangeUnavailableError extends TradepropError {
  readonly code = 'EXCHANGE_UNAVAILABLE' as const;
  readonly retryable = true;
}

export class MalformedResponseError extends TradepropError {
  readonly code = 'MALFORMED_RESPONSE' as const;
  readonly retryable = false;
}

/** Anything the mapping does not know, wrapped with its cause: never swallowed. */
export class UnknownExchangeError extends TradepropError {
  readonly code = 'UNKNOWN_EXCHANGE_ERROR' as const;
  readonly retryable = false;
}

/** Errors that mean "the user must fix the input": the CLI's exit code 2. */
export function isInputError(error: unknown): error is UsageError | ConfigError | CorpusError | AdapterLoadError | UnknownPropertyError {
  return (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof CorpusError ||
    error instanceof AdapterLoadError ||
    error instanceof UnknownPropertyError
  );
}

// ---- verification outcomes ----

/** An invariant failed during a model-based run: the message is the counterexample's verdict. */
export class InvariantViolationError extends TradepropError {
  readonly code = 'INVARIANT_VIOLATED' as const;
  readonly retryable = false;
  constructor(readonly invariant: string, readonly difference: string) {
    super(`${invariant} violated: ${difference}`);
  }
}
