import { mutantKey } from './mutation-summary';

/**
 * Surviving mutants of src/exchange/ that no test can kill because they change nothing a caller
 * can observe, each with the reason. Listed, not excluded: they stay in Stryker's score.
 */
export const EQUIVALENT_MUTANTS: Readonly<Record<string, string>> = {
  [mutantKey('src/exchange/circuit-breaker.ts', 'BooleanLiteral', "this.probeInFlight = ⟦false⟧;")]:
    'both branches that follow call transition(), which clears probeInFlight before anyone can read it',
  [mutantKey('src/exchange/circuit-breaker.ts', 'AssignmentOperator', "⟦this.generation += 1⟧;")]:
    'the generation is only compared for inequality; counting down gives every transition a fresh value just as counting up does',
  [mutantKey('src/exchange/binance-responses.ts', 'ConditionalExpression', "const where = ⟦issue === undefined⟧ ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;")]:
    "a failed safeParse always carries at least one zod issue, so the `issue === undefined` branch is never taken ('false': always the issue's place)",
  [mutantKey('src/exchange/binance-responses.ts', 'StringLiteral', "const where = issue === undefined ? ⟦''⟧ : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;")]:
    'the empty place is for a failed parse without issues, which zod never returns (hence no coverage)',
  [mutantKey('src/exchange/binance-responses.ts', 'StringLiteral', "fills: isTrade ? [{ tradeId: String(report.t), price: report.L, quantity: report.l, commission: report.n, commissionAsset: report.N ?? ⟦''⟧ }] : [],")]:
    'a TRADE with N null is rejected two lines above, so `report.N ?? ...` never falls back (hence no coverage)',
  [mutantKey('src/exchange/binance-responses.ts', 'ConditionalExpression', "return difference < 0n ? -1 : ⟦difference > 0n⟧ ? 1 : 0;")]:
    "V8's Array.prototype.sort only asks whether the comparator is below 0, so 0 and 1 are the same answer (checked on arrays of 2 to 5,000)",
  [mutantKey('src/exchange/binance-responses.ts', 'EqualityOperator', "return difference < 0n ? -1 : ⟦difference > 0n⟧ ? 1 : 0;")]:
    "as above: `>=` or `<=` only trades a 1 for a 0 (or back), which V8's sort reads alike",
  [mutantKey('src/exchange/binance-responses.ts', 'Regex', "const path = url.replace(⟦/^[a-z]+:\\/\\/[^/]+/⟧, '').replace(/[?#].*$/, '');")]:
    'the transport passes absolute http(s) URLs, whose leftmost scheme://host match is at the start anyway',
  [mutantKey('src/exchange/binance-responses.ts', 'Regex', "const path = url.replace(/^[a-z]+:\\/\\/[^/]+/, '').replace(⟦/[?#].*$/⟧, '');")]:
    'without `$`, `.*` still runs to the end: a URL holds no line break for it to stop at',
  [mutantKey('src/exchange/binance-responses.ts', 'BlockStatement', "} catch ⟦{…⟧")]:
    'an empty catch leaves `parsed` undefined, which reads as no serverTime: the same undefined the block returns',
  [mutantKey('src/exchange/binance-user-data.ts', 'ConditionalExpression', "if (⟦!watched.has(wsClient)⟧) {")]:
    "('true') stamping a frame twice is stamping it once; the guard only keeps a socket's handler chain from growing with each watch",
  [mutantKey('src/exchange/binance-user-data.ts', 'OptionalChaining', "⟦subscriptionEnded?.()⟧;")]:
    'the user-data stream registers its listener before it subscribes (user-data-stream.ts), so a termination never finds it unset',
  [mutantKey('src/exchange/binance-user-data.ts', 'ObjectLiteral', "const subscribing = client.authenticate(⟦{ type: 'spot' }⟧);")]:
    "ccxt.pro's authenticate falls back to options.defaultType, which sharedClientOptions sets to 'spot'",
  [mutantKey('src/exchange/binance-user-data.ts', 'StringLiteral', "const subscribing = client.authenticate({ type: ⟦'spot'⟧ });")]:
    'as above: an empty type also falls back to the default spot',
  [mutantKey('src/exchange/binance-user-data.ts', 'ConditionalExpression', "if (⟦future instanceof Promise⟧) future.catch(() => undefined);")]:
    "ccxt.pro's authenticate creates the subscription future before it returns, so it is always a Promise here",
  [mutantKey('src/exchange/endpoint-weights.ts', 'ArrayDeclaration', "⟦['GET /api/v3/allOrders', 20]⟧,")]:
    'GET /api/v3/allOrders weighs 20, which is also the weight assumed for a route the table does not list (UNKNOWN_ENDPOINT_WEIGHT)',
  [mutantKey('src/exchange/endpoint-weights.ts', 'StringLiteral', "[⟦'GET /api/v3/allOrders'⟧, 20],")]:
    'as above: without its own key, GET /api/v3/allOrders falls back to the same 20',
  [mutantKey('src/exchange/node-hmac.ts', 'StringLiteral', "const PROBE_MESSAGE = ⟦'symbol=BTCUSDT&side=BUY&timestamp=1700000000000'⟧;")]:
    'the probe tells SHA-256 from other hashes by comparing two HMACs of the same message; an empty message tells them apart as well',
  [mutantKey('src/exchange/node-hmac.ts', 'StringLiteral', "const PROBE_SECRET = ⟦'tradeprop-hmac-probe'⟧;")]:
    'as above, for the probe key: an HMAC with an empty key still differs between hash functions',
  [mutantKey('src/exchange/request-log.ts', 'ConditionalExpression', "if (⟦escaped !== value⟧) masked = masked.split(escaped).join(MASKED);")]:
    'when the JSON-escaped form equals the raw value, splitting on it again finds nothing the first pass left',
  [mutantKey('src/exchange/request-limiter.ts', 'ConditionalExpression', "if (⟦this.wakeAt === at⟧) this.wakeAt = Number.POSITIVE_INFINITY;")]:
    'a stale timer that resets wakeAt only lets the next wakeUpAt add one more timer for a time already due; every pump then sends the same requests at the same times',
  [mutantKey('src/exchange/request-limiter.ts', 'ConditionalExpression', "if (⟦lowest === undefined⟧ || lowest.rank <= entry.rank) return false;")]:
    'makeRoomFor reaches this line only with a full queue, and maxQueueDepth is at least 1, so the queue always has a last entry',
  [mutantKey('src/exchange/binance-client.ts', 'Regex', "const wsOrigin = origin.replace(⟦/^http/⟧, 'ws');")]:
    'the origin is always an http(s) URL (config.ts: baseUrl must be one), so its first "http" is at the start anyway',
  [mutantKey('src/exchange/binance-client.ts', 'Regex', "if (⟦/^https?:\\/\\//⟧.test(value)) return value.replace(/^https?:\\/\\/[^/]+/, origin);")]:
    "every URL in ccxt's urls.api begins with its scheme, so an http(s):// found anywhere is found at the start",
  [mutantKey('src/exchange/binance-client.ts', 'Regex', "if (/^https?:\\/\\//.test(value)) return value.replace(⟦/^https?:\\/\\/[^/]+/⟧, origin);")]:
    "as above: the leftmost scheme://host of ccxt's URLs is their start",
  [mutantKey('src/exchange/binance-client.ts', 'ConditionalExpression', "if (⟦/^wss?:\\/\\//.test(value)⟧) return value.replace(/^wss?:\\/\\/[^/]+/, wsOrigin);")]:
    "replacing a ws(s) origin in a string that has none leaves it as it is, which is what the branch's fall-through returns",
  [mutantKey('src/exchange/binance-client.ts', 'Regex', "if (⟦/^wss?:\\/\\//⟧.test(value)) return value.replace(/^wss?:\\/\\/[^/]+/, wsOrigin);")]:
    "every URL in ccxt's urls.api begins with its scheme, so a ws(s):// found anywhere is found at the start",
  [mutantKey('src/exchange/binance-client.ts', 'Regex', "if (/^wss?:\\/\\//.test(value)) return value.replace(⟦/^wss?:\\/\\/[^/]+/⟧, wsOrigin);")]:
    "as above: the leftmost ws(s)://host of ccxt's URLs is their start",
  [mutantKey('src/exchange/client-template.ts', 'EqualityOperator', "else if (typeof value !== 'function') (⟦dataNodes(value) > LAZY_COPY_NODES⟧ ? lazyData : data).push([key, value]);")]:
    'no tree of ccxt.binance or ccxt.pro.binance has exactly LAZY_COPY_NODES (100) nodes; the test lists which trees are copied lazily',
  [mutantKey('src/exchange/user-data-stream.ts', 'ArrowFunction', "const endedFirst = await Promise.race([this.deps.resync().then(⟦() => false⟧), ended.then(() => true)]);")]:
    'undefined is as falsy as false: `!endedFirst` reads a finished resync the same either way',
  [mutantKey('src/exchange/config.ts', 'OptionalChaining', "const field = ⟦parsed.error.issues[0]?.path⟧[0] === 'secret' ? 'secret' : 'apiKey';")]:
    'a failed safeParse always carries at least one zod issue, so issues[0] is never undefined here',
  [mutantKey('src/exchange/config.ts', 'ConditionalExpression', "if (⟦issue === undefined⟧) return new ConfigError(prefix, 'is invalid');")]:
    "a failed safeParse always carries at least one zod issue, so the `issue === undefined` branch is never taken ('false': always the issue's place)",
  [mutantKey('src/exchange/config.ts', 'StringLiteral', "if (issue === undefined) return new ConfigError(prefix, ⟦'is invalid'⟧);")]:
    'the message is for a failed parse without issues, which zod never returns (hence no coverage)',
  [mutantKey('src/exchange/config.ts', 'StringLiteral', "if (issue.code === 'unrecognized_keys') return new ConfigError(joinPath(prefix, [...path, issue.keys[0] ?? ⟦''⟧]), 'is not a known field');")]:
    "zod's unrecognized_keys issue always names at least one key, so `?? ''` never falls back (hence no coverage)",
  [mutantKey('src/exchange/telemetry.ts', 'ConditionalExpression', "const degraded = breaker === 'half-open' || this.lastRequestFailed || (⟦capacity !== undefined⟧ && queueDepth >= capacity);")]:
    'with no capacity, `queueDepth >= undefined` is false, as the guard makes it',
  [mutantKey('src/exchange/telemetry.ts', 'ConditionalExpression', "if (⟦this.level === 'silent'⟧) return;")]:
    "('false') at level silent the request logger is built and called, and pino writes nothing: the guard only saves building it",
  [mutantKey('src/exchange/telemetry.ts', 'StringLiteral', "if (this.level === ⟦'silent'⟧) return;")]:
    'as above: the level is never the empty string, so the mutant always builds the silent logger',
  [mutantKey('src/exchange/telemetry.ts', 'ConditionalExpression', "...(⟦code === undefined⟧ ? {} : { code }),")]:
    'pino leaves out a field whose value is undefined, so `{ code: undefined }` writes the same line',
  [mutantKey('src/exchange/venue-calls.ts', 'StringLiteral', "{ rateLimitType: ⟦'ORDERS'⟧, intervalMs: 10_000, limit: limits.ordersPer10s },")]:
    "a rule's type is only ever compared with 'REQUEST_WEIGHT' (limit-windows.ts): any other string is an ORDERS rule, the empty one too",
  [mutantKey('src/exchange/venue-calls.ts', 'StringLiteral', "{ rateLimitType: ⟦'ORDERS'⟧, intervalMs: 86_400_000, limit: limits.ordersPerDay },")]:
    'as above, for the daily ORDERS rule',
  [mutantKey('src/exchange/venue-connection.ts', 'ConditionalExpression', "this.logging = ⟦destination !== undefined⟧;")]:
    "('true') an adapter made without a destination then follows a reload's log level, and its lines go to the discarding destination: only their formatting is spent",
  [mutantKey('src/exchange/venue-connection.ts', 'ConditionalExpression', "const logLevel = ⟦destination === undefined⟧ ? 'silent' : settings.logLevel;")]:
    "('false') as above: without a destination the lines are formatted at the settings' level and discarded",
  [mutantKey('src/exchange/venue-connection.ts', 'ConditionalExpression', "if (⟦this.logging⟧) this.telemetry.setLevel(next.logLevel);")]:
    "('true') as above: a reload's level applied to an adapter whose lines are discarded",
  [mutantKey('src/exchange/venue-connection.ts', 'ConditionalExpression', "if (⟦limiterChanged || breakerChanged⟧) {")]:
    "('true') layers are then built on every reload, but assigned only where their settings changed: the new ones are dropped unused",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "return this.guarded(⟦'place'⟧, () => this.inOperation(intent.clientOrderId, () => this.placeIntent(intent)));")]:
    "the reference's guarded() tells only 'reconcile' apart (it holds the gate; every other call shares it): the other names are for the seeded-bug fixtures that override it",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "return this.guarded(⟦'cancel'⟧, () => this.cancelNow(symbol, clientOrderId));")]:
    "as for guarded('place') above: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "return this.guarded(⟦'fetchOrder'⟧, () => this.inOperation(clientOrderId, async () => this.refreshOrder(await this.marketOf(symbol), clientOrderId)));")]:
    "as for guarded('place') above: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "return this.guarded(⟦'cancelAll'⟧, () => this.cancelAllNow(symbol));")]:
    "as for guarded('place') above: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "return this.guarded(⟦'stream'⟧, () => this.inOperation('stream-resync', () => this.catchUpOrders()));")]:
    "as for guarded('place') above: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "await this.guarded(⟦'stream'⟧, () => this.inOperation(id, () => this.applyVenueOrder(market, parsed, 'stream')));")]:
    "as for guarded('place') above: a guarded call's name other than 'reconcile'",
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "this.exchange.createOrder(market.symbol, args.type, args.side, asCcxtAmount(args.amount), ⟦args.price === undefined⟧ ? undefined : asCcxtAmount(args.price), args.params),")]:
    "('false') asCcxtAmount(undefined) is undefined as it is (binance-client.ts: a string passed through as ccxt's number type)",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "const canceled = await this.send(ROUTES.cancelOrder, () => this.exchange.cancelOrder(⟦''⟧, market.symbol, { origClientOrderId: clientOrderId }));")]:
    'binance.js cancelOrder ignores the id argument when params.origClientOrderId is given (the comment above the call)',
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "const fetched = await this.readCall(ROUTES.queryOrder, () => this.exchange.fetchOrder(⟦''⟧, market.symbol, { origClientOrderId: clientOrderId }));")]:
    "as above: binance.js fetchOrder reads params.origClientOrderId and ignores the id argument",
  [mutantKey('src/exchange/reference-adapter.ts', 'ObjectLiteral', "canceled = await this.send({ ...ROUTES.cancelAllOpenOrders, params: ⟦{ symbol: market.id }⟧ }, () => this.exchange.cancelAllOrders(market.symbol));")]:
    'DELETE /api/v3/openOrders weighs 1 with or without the symbol (endpoint-weights.ts); the limiter is the only reader of these params',
  [mutantKey('src/exchange/reference-adapter.ts', 'ObjectLiteral', "const page = await this.readCall({ ...ROUTES.myTrades, params: ⟦{ symbol: market.id, fromId }⟧ }, () => this.exchange.fetchMyTrades(market.symbol, undefined, MY_TRADES_LIMIT, params));")]:
    'GET /api/v3/myTrades without orderId weighs 20 with or without these params; the limiter is their only reader',
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "fromId = parsed.length < MY_TRADES_LIMIT || ⟦last === undefined⟧ ? undefined : String(BigInt(last.tradeId) + 1n);")]:
    '`last === undefined` is read only after a full page, whose last trade exists: it is there for the type checker (hence no coverage)',
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "fromId = page.length < pageSize || ⟦last === undefined⟧ ? undefined : String(BigInt(last.tradeId) + 1n);")]:
    "as above, in the pager of one order's trades",
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "if (⟦state.sentAt !== undefined⟧) this.rememberIntent(clientOrderId, { symbol: market.symbol, sentAt: state.sentAt, mustExist: state.mustExist });")]:
    "('true') every caller has set sentAt before it calls: post() runs right after placement.ts stamps it, the other two in the else of a `sentAt === undefined` test",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "await this.guarded('stream', () => this.inOperation(id, () => this.applyVenueOrder(market, parsed, ⟦'stream'⟧)));")]:
    "the answer's source is read only by the unseenTrades hook, which the reference ignores (`_source`); fixtures override it",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "private async applyVenueOrder(market: Market, parsed: ParsedOrder, source: AnswerSource = ⟦'rest'⟧): Promise<OrderView> {")]:
    'as above: the default source is read only by fixtures',
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "if (⟦keepsReserve && status === 'expired'⟧) this.releaseExpiredReserve(ledgerOrder, remaining);")]:
    "the reference's two release hooks do the same (ledger.releaseOnCancel); they are two so that a fixture can break one path",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "if (keepsReserve && status === ⟦'expired'⟧) this.releaseExpiredReserve(ledgerOrder, remaining);")]:
    'as above',
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "else if (⟦keepsReserve⟧) this.releaseUnfilledReserve(ledgerOrder, remaining);")]:
    "('true') only reached when the reserve is kept or the order filled, and a filled order's remaining 0 releases nothing",
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "if (⟦market !== undefined && market.spot === true⟧) markets.set(market.symbol, parseMarket(market.info, market.symbol));")]:
    "ccxt's markets dictionary holds no undefined, and the client loads spot markets only (binance-client.ts), so every entry passes",
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "if (⟦market !== undefined⟧ && market.spot === true) markets.set(market.symbol, parseMarket(market.info, market.symbol));")]:
    "as above: ccxt's markets dictionary holds no undefined",
  [mutantKey('src/exchange/reference-adapter.ts', 'LogicalOperator', "if (⟦market !== undefined && market.spot === true⟧) markets.set(market.symbol, parseMarket(market.info, market.symbol));")]:
    'as above',
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "if (market !== undefined && ⟦market.spot === true⟧) markets.set(market.symbol, parseMarket(market.info, market.symbol));")]:
    'as above: every market loaded is spot',
  [mutantKey('src/exchange/reference-adapter.ts', 'ConditionalExpression', "if (⟦intents.length > 0 || this.tracker.unfinishedOrders().length > 0⟧) await this.catchUpOrders(markets);")]:
    "('true') a catch-up with no intent and no unfinished order does nothing: its loops are empty",
  [mutantKey('src/exchange/reference-adapter.ts', 'EqualityOperator', "if (⟦intents.length > 0⟧ || this.tracker.unfinishedOrders().length > 0) await this.catchUpOrders(markets);")]:
    'as above',
  [mutantKey('src/exchange/reference-adapter.ts', 'EqualityOperator', "if (intents.length > 0 || ⟦this.tracker.unfinishedOrders().length > 0⟧) await this.catchUpOrders(markets);")]:
    'as above',
  [mutantKey('src/exchange/reference-adapter.ts', 'ArrowFunction', "const REST_STAYS_WITH_THE_LIMITER: FetchLike = ⟦(url) => Promise.reject(new TransportRefusedError(url))⟧;")]:
    "the stream's ccxt.pro client never asks for a REST request (it subscribes over the WebSocket API with a signature, and is handed the REST client's markets); the refusal is a guard",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "if (!checked.success) throw new OrderRejectedError(`invalid order intent: ${checked.error.issues.map((issue) => `${issue.path.join(⟦'.'⟧)}: ${issue.message}`).join('; ')}; nothing was sent`);")]:
    "an intent's schema is flat (src/domain/order.ts): an issue's path has at most one part, which join('.') and join('') render alike",
  [mutantKey('src/exchange/binance-responses.ts', 'ConditionalExpression', "return ⟦typeof serverTime === 'number'⟧ && Number.isSafeInteger(serverTime) && serverTime >= 0 ? serverTime : undefined;")]:
    "('true') Number.isSafeInteger is false for anything but a number, so the typeof test only narrows the type",
  [mutantKey('src/exchange/reference-adapter.ts', 'StringLiteral', "return this.guarded('stream', () => this.inOperation(⟦'stream-resync'⟧, () => this.catchUpOrders()));")]:
    "every request of a catch-up is about one order and runs under that order's id (reference-adapter.restart.test.ts); the resync's own operation only keeps its requests out of whatever operation the stream runs in",
  [mutantKey('src/exchange/reference-adapter.ts', 'MethodExpression', "const newInAnswer = sumDecimals(⟦fills.filter((fill) => !this.tracker.hasTrade(id, fill.tradeId))⟧.map((fill) => dec(fill.quantity)));")]:
    "fills come only in a POST answer, which lists every fill behind its executedQty: a fill the stream brought first is then in filledBefore too, and the sum reaches executedQty with or without it",
  [mutantKey('src/exchange/limit-windows.ts', 'ArrayDeclaration', "return { rules, usage: ⟦[]⟧, retryAfterUntil: 0, bannedUntil: 0 };")]:
    "usage is read only through usedAt, whose `usage.start === windowStart(...)` is false for a string, and written only whole, one entry per rule",
};
