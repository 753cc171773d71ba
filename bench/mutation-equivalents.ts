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
};
