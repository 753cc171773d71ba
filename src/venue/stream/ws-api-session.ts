import type { ApiKeyRegistry } from '../api/api-keys';
import { apiErrors, BinanceReject } from '../api/errors';
import type { VenueSocket } from './socket';
import type { UserDataSource } from './user-data-hub';
import { errorFrame, eventFrame, MalformedRequest, parseRequest, successFrame, wsApiErrors, type ParamValue, type WsApiRequest } from './ws-api-protocol';
import { authenticateWsRequest } from './ws-api-signature';

/** "A single session can handle a maximum of 65,535 total subscriptions over its lifetime." */
export const MAX_SUBSCRIPTION_IDS = 65_535;

export interface WsApiSessionDeps {
  keys: ApiKeyRegistry;
  hub: UserDataSource;
  /** The API's clock: serverTime and the recvWindow check (a nemesis clock jump moves it). */
  apiNow: () => number;
  /** The venue's clock, which stamps events (eventStreamTerminated's `E`). */
  eventNow: () => number;
}

interface Subscription {
  account: string;
  stop: () => void;
}

type Params = Readonly<Record<string, ParamValue>>;
type Method = (params: Params) => unknown;

const NO_PARAMS: ReadonlySet<string> = new Set();

/**
 * One connection to /ws-api/v3: the requests ccxt uses for spot user data
 * (userDataStream.subscribe.signature, as its pro/binance.js ensureUserDataStreamWsSubscribeSignature
 * sends it) plus ping, time, session.* and userDataStream.unsubscribe (web-socket-api.md).
 * Session logon needs an Ed25519 key (docs: "Only Ed25519 keys are supported"); the venue
 * issues HMAC keys only, so session.logon and userDataStream.subscribe are always refused.
 */
export class WsApiSession {
  private readonly connectedSince: number;
  private readonly subscriptions = new Map<number, Subscription>();
  private nextSubscriptionId = 0;
  private ended = false;
  private readonly methods: ReadonlyMap<string, Method>;

  constructor(
    private readonly socket: VenueSocket,
    private readonly deps: WsApiSessionDeps,
  ) {
    this.connectedSince = deps.eventNow();
    this.methods = new Map<string, Method>([
      ['ping', (params) => this.withoutParams(params, {})],
      ['time', (params) => this.withoutParams(params, { serverTime: this.deps.apiNow() })],
      ['userDataStream.subscribe.signature', (params) => this.subscribeWithSignature(params)],
      ['userDataStream.subscribe', () => this.refuseUnlessLoggedOn()],
      ['userDataStream.unsubscribe', (params) => this.unsubscribe(params)],
      ['session.logon', (params) => this.logon(params)],
      ['session.status', (params) => this.withoutParams(params, this.status())],
      // "If the connection is not authenticated, this request does nothing"; it never is here.
      ['session.logout', (params) => this.withoutParams(params, this.status())],
      ['session.subscriptions', (params) => this.withoutParams(params, [...this.subscriptions.keys()].map((subscriptionId) => ({ subscriptionId })))],
    ]);
  }

  /** One text frame from the client: exactly one answer frame, after any events it caused. */
  receive(text: string): void {
    if (this.ended) return;
    let request: WsApiRequest;
    try {
      request = parseRequest(text);
    } catch (error: unknown) {
      if (error instanceof MalformedRequest) this.socket.send(errorFrame(error.id, error.reject));
      else throw error;
      return;
    }
    try {
      const method = this.methods.get(request.method);
      if (method === undefined) throw wsApiErrors.unknownMethod();
      const result = method(request.params);
      this.socket.send(successFrame(request.id, result));
    } catch (error: unknown) {
      if (error instanceof BinanceReject) this.socket.send(errorFrame(request.id, error));
      else throw error;
    }
  }

  /** The connection is gone: stop every subscription, send nothing more. */
  end(): void {
    this.ended = true;
    for (const subscription of this.subscriptions.values()) subscription.stop();
    this.subscriptions.clear();
  }

  private subscribeWithSignature(params: Params): unknown {
    const caller = authenticateWsRequest(params, NO_PARAMS, this.deps.keys, this.deps.apiNow());
    // "You can have only one active subscription for a given account on a given connection."
    for (const subscription of this.subscriptions.values()) if (subscription.account === caller.account) throw wsApiErrors.subscriptionActive();
    if (this.nextSubscriptionId >= MAX_SUBSCRIPTION_IDS) throw wsApiErrors.maximumSubscriptionIds();
    const subscriptionId = this.nextSubscriptionId;
    this.nextSubscriptionId += 1;
    const stop = this.deps.hub.listen(caller.account, (payload) => {
      if (!this.ended) this.socket.send(eventFrame(subscriptionId, payload));
    });
    this.subscriptions.set(subscriptionId, { account: caller.account, stop });
    return { subscriptionId };
  }

  /**
   * Without `subscriptionId` closes every subscription, with it that one. Each closed stream
   * ends with `eventStreamTerminated` ("sent when [...] the subscription is stopped via the
   * userDataStream.unsubscribe method"), pushed before the answer. Nothing to close is -2036.
   */
  private unsubscribe(params: Params): unknown {
    const read = Object.keys(params).filter((name) => name === 'subscriptionId' || name === 'returnRateLimits').length;
    if (read !== Object.keys(params).length) throw apiErrors.unreadParameters(read, Object.keys(params).length);
    const wanted = params.subscriptionId;
    if (wanted !== undefined && (typeof wanted !== 'number' || !Number.isSafeInteger(wanted))) throw apiErrors.invalidParameter('subscriptionId');
    const closing = wanted === undefined ? [...this.subscriptions.keys()] : this.subscriptions.has(wanted) ? [wanted] : [];
    if (closing.length === 0) throw wsApiErrors.subscriptionInactive();
    for (const subscriptionId of closing) this.terminate(subscriptionId);
    return {};
  }

  /**
   * Ends every subscription of `account` on this connection from the server's side (the
   * nemesis's stream_expire): each gets eventStreamTerminated, as Binance sends whenever a
   * subscription's stream stops, and the connection stays open; returns how many ended.
   */
  terminateSubscriptionsOf(account: string): number {
    if (this.ended) return 0;
    const ending = [...this.subscriptions].filter(([, subscription]) => subscription.account === account).map(([subscriptionId]) => subscriptionId);
    for (const subscriptionId of ending) this.terminate(subscriptionId);
    return ending.length;
  }

  private terminate(subscriptionId: number): void {
    this.subscriptions.get(subscriptionId)?.stop();
    this.subscriptions.delete(subscriptionId);
    this.socket.send(eventFrame(subscriptionId, { e: 'eventStreamTerminated', E: this.deps.eventNow() }));
  }

  /** Checks the request as Binance would (key, signature, time), then refuses the HMAC key. */
  private logon(params: Params): never {
    authenticateWsRequest(params, NO_PARAMS, this.deps.keys, this.deps.apiNow());
    throw wsApiErrors.notAuthorized();
  }

  private refuseUnlessLoggedOn(): never {
    throw wsApiErrors.notAuthorized();
  }

  private status(): unknown {
    return {
      apiKey: null,
      authorizedSince: null,
      connectedSince: this.connectedSince,
      // The venue never sends `rateLimits` in WebSocket API answers.
      returnRateLimits: false,
      serverTime: this.deps.apiNow(),
      userDataStream: this.subscriptions.size > 0,
    };
  }

  private withoutParams(params: Params, result: unknown): unknown {
    const names = Object.keys(params);
    const read = names.filter((name) => name === 'returnRateLimits').length;
    if (read !== names.length) throw apiErrors.unreadParameters(read, names.length);
    return result;
  }
}
