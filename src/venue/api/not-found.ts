/**
 * What Binance answers for a path it does not serve, or a method a path does not take: its
 * gateway's HTTP 404 with a small HTML page, not a `{code, msg}` JSON error (seen in ccxt issue
 * #18797 and python-binance #1316 for unknown paths). ccxt finds no JSON there and raises by the
 * status: ExchangeNotAvailable (base Exchange `httpExceptions['404']`). The venue treats an
 * unknown method on a known path the same way; it is always a response, never a thrown error.
 */
export const NOT_FOUND_STATUS = 404;
export const NOT_FOUND_CONTENT_TYPE = 'text/html';
export const NOT_FOUND_BODY = '<html><body><h2>404 Not found</h2></body></html>';
