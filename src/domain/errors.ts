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
  | 'CONFIG_RELOAD_REFUSED'
  | 'CORPUS_INVALID'
  | 'REPORT_INVALID'
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
  | 'OUTCOME_UNKNOWN'
  | 'CIRCUIT_OPEN'
  | 'QUEUE_FULL'
  | 'QUEUE_CLOSED'
  | 'NEVER_SETTLED'
  | 'STATE_CORRUPT'
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

/** A hot reload tried to change what only a new adapter may change (invariant K2). */
export class ConfigReloadRefusedError extends TradepropError {
  readonly code = 'CONFIG_RELOAD_REFUSED' as const;
  readonly retryable = false;
  constructor(readonly path: string) {
    super(`configuration field ${path} cannot change on reload; create a new adapter for it`);
  }
}

export class CorpusError extends TradepropError {
  readonly code = 'CORPUS_INVALID' as const;
  readonly retryable = false;
  constructor(readonly file: string, problem: string) {
    super(`corpus file ${file}: ${problem}; fix or delete the file`);
  }
}

/** A saved run report given as input (`checklist --report-json`) that cannot be read or is off-schema. */
export class ReportFileError extends TradepropError {
  readonly code = 'REPORT_INVALID' as const;
  readonly retryable = false;
  constructor(readonly file: string, problem: string) {
    super(`report file ${file}: ${problem}; give a tradeprop-report.json written by tradeprop run --report json --save-report DIR`);
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
  constructor(readonly filter: 'PRICE_FILTER' | 'LOT_SIZE' | 'MARKET_LOT_SIZE' | 'NOTIONAL' | 'SYMBOL', message: string) {
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

/**
 * An adapter's persisted state (AdapterEnvironment.store) holds an entry it cannot read: the
 * adapter refuses to start rather than forget an order. Restore the store from a backup, or
 * remove the entry named once its order has been checked at the venue by hand.
 */
export class StateCorruptError extends TradepropError {
  readonly code = 'STATE_CORRUPT' as const;
  readonly retryable = false;
  constructor(readonly key: string, problem: string) {
    super(`persisted adapter state ${key}: ${problem}; restore the store or check that order at the venue and remove the entry`);
  }
}

/** Anything the mapping does not know, wrapped with its cause: never swallowed. */
export class UnknownExchangeError extends TradepropError {
  readonly code = 'UNKNOWN_EXCHANGE_ERROR' as const;
  readonly retryable = false;
}

/**
 * A placement whose outcome the adapter could not learn within its retry budget: the venue may
 * or may not hold the order (invariant O4). Retryable: placing the same intent again (same
 * client order id) resumes the lookup and never sends a second order; `reconcile` resolves it too.
 */
export class PlacementUnknownError extends TradepropError {
  readonly code = 'OUTCOME_UNKNOWN' as const;
  readonly retryable = true;
  constructor(readonly clientOrderId: string, message: string, options?: { cause?: unknown }) {
    super(`placement of ${clientOrderId}: ${message}`, options);
  }
}

/**
 * The circuit breaker refused a call without sending it: the venue failed too often lately
 * (invariant C2). Not retryable by the retry layer: a retry loop must not spin on an open
 * breaker; the caller may try again after `probeAt`, when one probe is let through.
 */
export class CircuitOpenError extends TradepropError {
  readonly code = 'CIRCUIT_OPEN' as const;
  readonly retryable = false;
  constructor(readonly breaker: string, readonly probeAt: number) {
    super(`circuit breaker ${breaker} is open after repeated venue failures; the next probe is allowed at ${probeAt}`);
  }
}

/**
 * The request limiter's bounded queue is full. Not retryable: the queue is full because the
 * venue's limits are saturated, so retrying would only add load; the caller must shed work.
 */
export class QueueFullError extends TradepropError {
  readonly code = 'QUEUE_FULL' as const;
  readonly retryable = false;
  constructor(readonly maxDepth: number, readonly request: string) {
    super(`request queue is full (${maxDepth} waiting), ${request} was not sent; slow down or raise the queue depth`);
  }
}

/** The request limiter was closed (adapter shut down) while the request still waited to be sent. */
export class QueueClosedError extends TradepropError {
  readonly code = 'QUEUE_CLOSED' as const;
  readonly retryable = false;
  constructor(readonly reason: string, readonly request: string) {
    super(`${request} was not sent: the request queue was closed (${reason})`);
  }
}

/** Errors that mean "the user must fix the input": the CLI's exit code 2. */
export function isInputError(error: unknown): error is UsageError | ConfigError | ConfigReloadRefusedError | CorpusError | ReportFileError | AdapterLoadError | UnknownPropertyError {
  return (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof ConfigReloadRefusedError ||
    error instanceof CorpusError ||
    error instanceof ReportFileError ||
    error instanceof AdapterLoadError ||
    error instanceof UnknownPropertyError
  );
}

// ---- verification outcomes ----

/**
 * Adapter work driven on the virtual clock that can never settle (nothing pending could settle
 * it: no timer, no request in flight) or was still pending after the virtual time allowed.
 */
export class CallNeverSettledError extends TradepropError {
  readonly code = 'NEVER_SETTLED' as const;
  readonly retryable = false;
  constructor(readonly reason: string) {
    super(`never settled: ${reason}`);
  }
}

/** An invariant failed during a model-based run: the message is the counterexample's verdict. */
export class InvariantViolationError extends TradepropError {
  readonly code = 'INVARIANT_VIOLATED' as const;
  readonly retryable = false;
  constructor(readonly invariant: string, readonly difference: string) {
    super(`${invariant} violated: ${difference}`);
  }
}
