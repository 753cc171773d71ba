import { mutantKey } from './mutation-summary';

/**
 * Surviving mutants of src/exchange/ that no test can kill because they change nothing a caller
 * can observe, each with the reason. Listed, not excluded: they stay in Stryker's score.
 */
export const EQUIVALENT_MUTANTS: Readonly<Record<string, string>> = {
  [mutantKey('src/exchange/circuit-breaker.ts', 88, 30, 'ConditionalExpression')]:
    "probeInFlight is only ever true while half-open (set only when half-open, cleared by every transition), so `state === 'half-open' &&` adds nothing",
  [mutantKey('src/exchange/circuit-breaker.ts', 123, 28, 'BooleanLiteral')]:
    'both branches that follow call transition(), which clears probeInFlight before anyone can read it',
  [mutantKey('src/exchange/circuit-breaker.ts', 153, 5, 'AssignmentOperator')]:
    'the generation is only compared for inequality; counting down gives every transition a fresh value just as counting up does',
  [mutantKey('src/exchange/binance-responses.ts', 113, 19, 'ConditionalExpression')]:
    "a failed safeParse always carries at least one zod issue, so the `issue === undefined` branch is never taken ('false': always the issue's place)",
  [mutantKey('src/exchange/binance-responses.ts', 113, 41, 'StringLiteral')]:
    'the empty place is for a failed parse without issues, which zod never returns (hence no coverage)',
  [mutantKey('src/exchange/binance-responses.ts', 178, 140, 'StringLiteral')]:
    'a TRADE with N null is rejected two lines above, so `report.N ?? ...` never falls back (hence no coverage)',
  [mutantKey('src/exchange/binance-responses.ts', 205, 33, 'ConditionalExpression')]:
    "V8's Array.prototype.sort only asks whether the comparator is below 0, so 0 and 1 are the same answer (checked on arrays of 2 to 5,000)",
  [mutantKey('src/exchange/binance-responses.ts', 205, 33, 'EqualityOperator')]:
    "as above: `>=` or `<=` only trades a 1 for a 0 (or back), which V8's sort reads alike",
  [mutantKey('src/exchange/binance-responses.ts', 330, 28, 'Regex')]:
    'the transport passes absolute http(s) URLs, whose leftmost scheme://host match is at the start anyway',
  [mutantKey('src/exchange/binance-responses.ts', 330, 61, 'Regex')]:
    'without `$`, `.*` still runs to the end: a URL holds no line break for it to stop at',
  [mutantKey('src/exchange/binance-responses.ts', 320, 11, 'BlockStatement')]:
    'an empty catch leaves `parsed` undefined, which reads as no serverTime: the same undefined the block returns',
  [mutantKey('src/exchange/binance-user-data.ts', 34, 9, 'ConditionalExpression')]:
    "('true') stamping a frame twice is stamping it once; the guard only keeps a socket's handler chain from growing with each watch",
  [mutantKey('src/exchange/binance-user-data.ts', 45, 5, 'OptionalChaining')]:
    'the user-data stream registers its listener before it subscribes (user-data-stream.ts), so a termination never finds it unset',
  [mutantKey('src/exchange/binance-user-data.ts', 49, 47, 'ObjectLiteral')]:
    "ccxt.pro's authenticate falls back to options.defaultType, which sharedClientOptions sets to 'spot'",
  [mutantKey('src/exchange/binance-user-data.ts', 49, 55, 'StringLiteral')]:
    'as above: an empty type also falls back to the default spot',
  [mutantKey('src/exchange/binance-user-data.ts', 54, 11, 'ConditionalExpression')]:
    "ccxt.pro's authenticate creates the subscription future before it returns, so it is always a Promise here",
  [mutantKey('src/exchange/endpoint-weights.ts', 32, 3, 'ArrayDeclaration')]:
    'GET /api/v3/exchangeInfo weighs 20, which is also the weight assumed for a route the table does not list (UNKNOWN_ENDPOINT_WEIGHT)',
  [mutantKey('src/exchange/endpoint-weights.ts', 32, 4, 'StringLiteral')]:
    'as above: without its own key, GET /api/v3/exchangeInfo falls back to the same 20',
  [mutantKey('src/exchange/endpoint-weights.ts', 33, 3, 'ArrayDeclaration')]:
    'GET /api/v3/account weighs 20, which is also the weight assumed for a route the table does not list (UNKNOWN_ENDPOINT_WEIGHT)',
  [mutantKey('src/exchange/endpoint-weights.ts', 33, 4, 'StringLiteral')]:
    'GET /api/v3/account weighs 20, which is also the weight assumed for a route the table does not list (UNKNOWN_ENDPOINT_WEIGHT)',
  [mutantKey('src/exchange/endpoint-weights.ts', 43, 3, 'ArrayDeclaration')]:
    'GET /api/v3/allOrders weighs 20, which is also the weight assumed for a route the table does not list (UNKNOWN_ENDPOINT_WEIGHT)',
  [mutantKey('src/exchange/endpoint-weights.ts', 43, 4, 'StringLiteral')]:
    'as above: without its own key, GET /api/v3/allOrders falls back to the same 20',
  [mutantKey('src/exchange/node-hmac.ts', 7, 23, 'StringLiteral')]:
    'the probe tells SHA-256 from other hashes by comparing two HMACs of the same message; an empty message tells them apart as well',
  [mutantKey('src/exchange/node-hmac.ts', 8, 22, 'StringLiteral')]:
    'as above, for the probe key: an HMAC with an empty key still differs between hash functions',
  [mutantKey('src/exchange/request-log.ts', 44, 37, 'ArrayDeclaration')]:
    'without secrets, the mutant masks the one value "Stryker was here", which no line ever holds',
  [mutantKey('src/exchange/request-log.ts', 65, 9, 'ConditionalExpression')]:
    'when the JSON-escaped form equals the raw value, splitting on it again finds nothing the first pass left',
  [mutantKey('src/exchange/request-limiter.ts', 222, 11, 'ConditionalExpression')]:
    'a stale timer that resets wakeAt only lets the next wakeUpAt add one more timer for a time already due; every pump then sends the same requests at the same times',
  [mutantKey('src/exchange/request-limiter.ts', 230, 9, 'ConditionalExpression')]:
    'makeRoomFor reaches this line only with a full queue, and maxQueueDepth is at least 1, so the queue always has a last entry',
  [mutantKey('src/exchange/binance-client.ts', 73, 20, 'StringLiteral')]:
    "ccxt reads an empty defaultType as unset and falls back to 'spot' (safeString2(options, 'defaultType', 'type', 'spot'))",
  [mutantKey('src/exchange/binance-client.ts', 136, 35, 'Regex')]:
    'the origin is always an http(s) URL (config.ts: baseUrl must be one), so its first "http" is at the start anyway',
  [mutantKey('src/exchange/binance-client.ts', 139, 11, 'Regex')]:
    "every URL in ccxt's urls.api begins with its scheme, so an http(s):// found anywhere is found at the start",
  [mutantKey('src/exchange/binance-client.ts', 139, 60, 'Regex')]:
    "as above: the leftmost scheme://host of ccxt's URLs is their start",
  [mutantKey('src/exchange/binance-client.ts', 140, 11, 'ConditionalExpression')]:
    "replacing a ws(s) origin in a string that has none leaves it as it is, which is what the branch's fall-through returns",
  [mutantKey('src/exchange/binance-client.ts', 140, 11, 'Regex')]:
    "every URL in ccxt's urls.api begins with its scheme, so a ws(s):// found anywhere is found at the start",
  [mutantKey('src/exchange/binance-client.ts', 140, 58, 'Regex')]:
    "as above: the leftmost ws(s)://host of ccxt's URLs is their start",
  [mutantKey('src/exchange/client-template.ts', 58, 44, 'EqualityOperator')]:
    'no tree of ccxt.binance or ccxt.pro.binance has exactly LAZY_COPY_NODES (100) nodes; the test lists which trees are copied lazily',
  [mutantKey('src/exchange/user-data-stream.ts', 140, 70, 'ArrowFunction')]:
    'undefined is as falsy as false: `!endedFirst` reads a finished resync the same either way',
  [mutantKey('src/exchange/config.ts', 172, 19, 'OptionalChaining')]:
    'a failed safeParse always carries at least one zod issue, so issues[0] is never undefined here',
  [mutantKey('src/exchange/config.ts', 200, 7, 'ConditionalExpression')]:
    "a failed safeParse always carries at least one zod issue, so the `issue === undefined` branch is never taken ('false': always the issue's place)",
  [mutantKey('src/exchange/config.ts', 200, 59, 'StringLiteral')]:
    'the message is for a failed parse without issues, which zod never returns (hence no coverage)',
  [mutantKey('src/exchange/config.ts', 203, 110, 'StringLiteral')]:
    "zod's unrecognized_keys issue always names at least one key, so `?? ''` never falls back (hence no coverage)",
  [mutantKey('src/exchange/telemetry.ts', 163, 76, 'ConditionalExpression')]:
    'with no capacity, `queueDepth >= undefined` is false, as the guard makes it',
  [mutantKey('src/exchange/telemetry.ts', 190, 9, 'ConditionalExpression')]:
    "('false') at level silent the request logger is built and called, and pino writes nothing: the guard only saves building it",
  [mutantKey('src/exchange/telemetry.ts', 190, 24, 'StringLiteral')]:
    'as above: the level is never the empty string, so the mutant always builds the silent logger',
  [mutantKey('src/exchange/telemetry.ts', 196, 11, 'ConditionalExpression')]:
    'pino leaves out a field whose value is undefined, so `{ code: undefined }` writes the same line',
  [mutantKey('src/exchange/venue-calls.ts', 257, 28, 'StringLiteral')]:
    "a rule's type is only ever compared with 'REQUEST_WEIGHT' (limit-windows.ts): any other string is an ORDERS rule, the empty one too",
  [mutantKey('src/exchange/venue-calls.ts', 258, 28, 'StringLiteral')]:
    'as above, for the daily ORDERS rule',
  [mutantKey('src/exchange/venue-connection.ts', 68, 20, 'ConditionalExpression')]:
    "('true') an adapter made without a destination then follows a reload's log level, and its lines go to the discarding destination: only their formatting is spent",
  [mutantKey('src/exchange/venue-connection.ts', 71, 22, 'ConditionalExpression')]:
    "('false') as above: without a destination the lines are formatted at the settings' level and discarded",
  [mutantKey('src/exchange/venue-connection.ts', 191, 9, 'ConditionalExpression')]:
    "('true') as above: a reload's level applied to an adapter whose lines are discarded",
  [mutantKey('src/exchange/venue-connection.ts', 195, 9, 'ConditionalExpression')]:
    "('true') layers are then built on every reload, but assigned only where their settings changed: the new ones are dropped unused",
  [mutantKey('src/exchange/reference-adapter.ts', 115, 25, 'StringLiteral')]:
    "the reference's guarded() tells only 'reconcile' apart (it holds the gate; every other call shares it): the other names are for the seeded-bug fixtures that override it",
  [mutantKey('src/exchange/reference-adapter.ts', 163, 25, 'StringLiteral')]:
    "as for 115:25: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 179, 25, 'StringLiteral')]:
    "as for 115:25: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 222, 25, 'StringLiteral')]:
    "as for 115:25: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 430, 25, 'StringLiteral')]:
    "as for 115:25: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 445, 24, 'StringLiteral')]:
    "as for 115:25: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 135, 99, 'ConditionalExpression')]:
    "('false') asCcxtAmount(undefined) is undefined as it is (binance-client.ts: a string passed through as ccxt's number type)",
  [mutantKey('src/exchange/reference-adapter.ts', 171, 92, 'StringLiteral')]:
    'binance.js cancelOrder ignores the id argument when params.origClientOrderId is given (the comment above the call)',
  [mutantKey('src/exchange/reference-adapter.ts', 539, 91, 'StringLiteral')]:
    'as for 171:92: binance.js fetchOrder reads params.origClientOrderId and ignores the id argument',
  [mutantKey('src/exchange/reference-adapter.ts', 230, 77, 'ObjectLiteral')]:
    'DELETE /api/v3/openOrders weighs 1 with or without the symbol (endpoint-weights.ts); the limiter is the only reader of these params',
  [mutantKey('src/exchange/reference-adapter.ts', 252, 72, 'ObjectLiteral')]:
    'GET /api/v3/myTrades without orderId weighs 20 with or without these params; the limiter is their only reader',
  [mutantKey('src/exchange/reference-adapter.ts', 256, 53, 'ConditionalExpression')]:
    '`last === undefined` is read only after a full page, whose last trade exists: it is there for the type checker (hence no coverage)',
  [mutantKey('src/exchange/reference-adapter.ts', 256, 53, 'EqualityOperator')]:
    'as above',
  [mutantKey('src/exchange/reference-adapter.ts', 559, 42, 'ConditionalExpression')]:
    "as for 256:53, in the pager of one order's trades",
  [mutantKey('src/exchange/reference-adapter.ts', 559, 42, 'EqualityOperator')]:
    'as above',
  [mutantKey('src/exchange/reference-adapter.ts', 472, 9, 'ConditionalExpression')]:
    "('true') every caller has set sentAt before it calls: post() runs right after placement.ts stamps it, the other two in the else of a `sentAt === undefined` test",
  [mutantKey('src/exchange/reference-adapter.ts', 445, 104, 'StringLiteral')]:
    "the answer's source is read only by the unseenTrades hook, which the reference ignores (`_source`); fixtures override it",
  [mutantKey('src/exchange/reference-adapter.ts', 489, 93, 'StringLiteral')]:
    'as for 445:104: the default source is read only by fixtures',
  [mutantKey('src/exchange/reference-adapter.ts', 518, 11, 'ConditionalExpression')]:
    "the reference's two release hooks do the same (ledger.releaseOnCancel); they are two so that a fixture can break one path",
  [mutantKey('src/exchange/reference-adapter.ts', 518, 38, 'StringLiteral')]:
    'as for 518:11',
  [mutantKey('src/exchange/reference-adapter.ts', 519, 16, 'ConditionalExpression')]:
    "('true') only reached when the reserve is kept or the order filled, and a filled order's remaining 0 releases nothing",
  [mutantKey('src/exchange/reference-adapter.ts', 591, 11, 'ConditionalExpression')]:
    "ccxt's markets dictionary holds no undefined, and the client loads spot markets only (binance-client.ts), so every entry passes",
  [mutantKey('src/exchange/reference-adapter.ts', 591, 11, 'LogicalOperator')]:
    'as for 591:11',
  [mutantKey('src/exchange/reference-adapter.ts', 591, 35, 'ConditionalExpression')]:
    'as for 591:11: every market loaded is spot',
  [mutantKey('src/exchange/reference-adapter.ts', 611, 9, 'ConditionalExpression')]:
    "('true') a catch-up with no intent and no unfinished order does nothing: its loops are empty",
  [mutantKey('src/exchange/reference-adapter.ts', 611, 9, 'EqualityOperator')]:
    'as for 611:9',
  [mutantKey('src/exchange/reference-adapter.ts', 611, 31, 'EqualityOperator')]:
    'as for 611:9',
  [mutantKey('src/exchange/reference-adapter.ts', 630, 48, 'ArrowFunction')]:
    "the stream's ccxt.pro client never asks for a REST request (it subscribes over the WebSocket API with a signature, and is handed the REST client's markets); the refusal is a guard",
  [mutantKey('src/exchange/reference-adapter.ts', 120, 136, 'StringLiteral')]:
    "an intent's schema is flat (src/domain/order.ts): an issue's path has at most one part, which join('.') and join('') render alike",
  [mutantKey('src/exchange/binance-responses.ts', 324, 10, 'ConditionalExpression')]:
    "('true') Number.isSafeInteger is false for anything but a number, so the typeof test only narrows the type",
};
