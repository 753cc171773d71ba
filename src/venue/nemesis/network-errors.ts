/**
 * What the network throws when the nemesis breaks a request, shaped as ccxt recognises it
 * (ccxt note, "Timeouts and connection faults"; base/Exchange.js fetch): `name` 'TimeoutError'
 * becomes RequestTimeout, `code` 'ECONNRESET' becomes NetworkError. They imitate platform
 * errors, so they stay outside tradeprop's own error set (src/domain/errors.ts).
 */
export class ResponseLostError extends Error {
  constructor(url: string, afterMs: number) {
    super(`no response to ${url} within ${afterMs} ms: the venue applied the request, its answer was lost`);
    // The name undici and AbortSignal.timeout() give a timed-out fetch.
    this.name = 'TimeoutError';
  }
}

export class ConnectionResetError extends Error {
  /** Node's errno name for a connection the peer reset. */
  readonly code = 'ECONNRESET';

  constructor(url: string) {
    super(`socket hang up: connection to ${url} reset before the venue read the request`);
    this.name = 'ConnectionResetError';
  }
}
