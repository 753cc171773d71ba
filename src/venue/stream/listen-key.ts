import { z } from 'zod';
import type { RandomStream } from '../../clock/random';
import type { ApiKeyEntry, ApiKeyRegistry } from '../api/api-keys';
import type { ApiContext } from '../api/context';
import { apiErrors, BinanceReject } from '../api/errors';
import type { VenueHttpRequest } from '../api/http-message';
import { NoParamsSchema, parseEndpointParams, type RawParams } from '../api/params';

/**
 * The listenKey flow (deprecated by Binance in 2025 and retired on spot on 2026-02-20, still
 * used by libraries other than ccxt): rules from binance-spot-api-docs user-data-stream.md
 * (2020-09-09 .. 2025-08-12) and rest-api.md "User data stream endpoints":
 * - "A User Data Stream listenKey is valid for 60 minutes after creation."
 * - "Doing a PUT on an active listenKey will extend its validity for 60 minutes."
 * - "Doing a DELETE on an active listenKey will close the stream and invalidate the listenKey."
 * - "Doing a POST on an account with an active listenKey will return the currently active
 *   listenKey and extend its validity for 60 minutes."
 */
export const LISTEN_KEY_VALIDITY_MS = 60 * 60_000;
/** Each of POST, PUT and DELETE /api/v3/userDataStream weighs 2 (rest-api.md, 2024-2025). */
export const LISTEN_KEY_ENDPOINT_WEIGHT = 2;
/** Binance's listenKeys are 60 to 64 characters; the venue draws 64 from a seeded stream. */
const LISTEN_KEY_LENGTH = 64;

export interface ListenKeyState {
  account: string;
  expiresAt: number;
}

export type ListenKeyListener = (listenKey: string, change: 'extended' | 'closed' | 'expired') => void;

/** Active listenKeys per account, expiring on the venue's clock. */
export class ListenKeyStore {
  private readonly byKey = new Map<string, ListenKeyState>();
  private listeners: readonly ListenKeyListener[] = [];

  constructor(
    private readonly tokens: RandomStream,
    private readonly now: () => number,
  ) {}

  /** The account's active key, extended, or a new one. */
  start(account: string): string {
    for (const [listenKey, state] of this.byKey) {
      if (state.account === account && this.isActive(state)) {
        this.extend(listenKey, state);
        return listenKey;
      }
    }
    const listenKey = this.tokens.token(LISTEN_KEY_LENGTH);
    this.byKey.set(listenKey, { account, expiresAt: this.now() + LISTEN_KEY_VALIDITY_MS });
    return listenKey;
  }

  /** Extends an active key of `account`; false when it is unknown, expired, or another account's. */
  keepalive(account: string, listenKey: string): boolean {
    const state = this.active(listenKey);
    if (state === undefined || state.account !== account) return false;
    this.extend(listenKey, state);
    return true;
  }

  /** Invalidates an active key of `account`; its streams are closed by the listeners. */
  close(account: string, listenKey: string): boolean {
    const state = this.active(listenKey);
    if (state === undefined || state.account !== account) return false;
    this.byKey.delete(listenKey);
    for (const listener of this.listeners) listener(listenKey, 'closed');
    return true;
  }

  /** Every active key of `account` expires now (the nemesis's stream_expire); returns how many did. */
  expireAll(account: string): number {
    const expiring = [...this.byKey].filter(([listenKey]) => this.active(listenKey)?.account === account).map(([listenKey]) => listenKey);
    for (const listenKey of expiring) {
      this.byKey.delete(listenKey);
      for (const listener of this.listeners) listener(listenKey, 'expired');
    }
    return expiring.length;
  }

  /** The key's account and expiry while it is active (before `expiresAt`). */
  active(listenKey: string): ListenKeyState | undefined {
    const state = this.byKey.get(listenKey);
    if (state === undefined) return undefined;
    if (this.isActive(state)) return state;
    this.byKey.delete(listenKey);
    return undefined;
  }

  subscribe(listener: ListenKeyListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((candidate) => candidate !== listener);
    };
  }

  private isActive(state: ListenKeyState): boolean {
    return this.now() < state.expiresAt;
  }

  private extend(listenKey: string, state: ListenKeyState): void {
    state.expiresAt = this.now() + LISTEN_KEY_VALIDITY_MS;
    for (const listener of this.listeners) listener(listenKey, 'extended');
  }
}

/**
 * USER_STREAM security: "API-key only, no signature" (the listenKey endpoints are the one
 * exception to "all methods with a security type are SIGNED"). The same codes as the SIGNED
 * gate for the key: -2014 without one, -2015 for one the venue never issued.
 */
export function authenticateApiKeyOnly(request: VenueHttpRequest, keys: ApiKeyRegistry): ApiKeyEntry {
  const apiKey = request.headers['x-mbx-apikey'];
  if (apiKey === undefined || apiKey === '') throw apiErrors.apiKeyFormat();
  const entry = keys.lookup(apiKey);
  if (entry === undefined) throw apiErrors.unknownApiKey();
  return entry;
}

const ListenKeyParamsSchema = z.object({ listenKey: z.string().min(1) });

const invalidListenKey = (): BinanceReject => new BinanceReject(400, -1125, 'This listenKey does not exist.');

/** A REST endpoint of the USER_STREAM kind: the caller comes from `authenticateApiKeyOnly`. */
export type ApiKeyEndpoint = (ctx: ApiContext, params: RawParams, caller: ApiKeyEntry) => unknown;

export interface ListenKeyEndpoints {
  /** POST /api/v3/userDataStream -> `{"listenKey": "..."}` */
  start: ApiKeyEndpoint;
  /** PUT /api/v3/userDataStream?listenKey=... -> `{}` (-1125 when not active) */
  keepalive: ApiKeyEndpoint;
  /** DELETE /api/v3/userDataStream?listenKey=... -> `{}` (-1125 when not active) */
  close: ApiKeyEndpoint;
}

/** The three endpoints over one store, in the shape of src/venue/api's endpoints. */
export function createListenKeyEndpoints(store: ListenKeyStore): ListenKeyEndpoints {
  return {
    start(_ctx, params, caller) {
      parseEndpointParams(NoParamsSchema, params);
      return { listenKey: store.start(caller.account) };
    },
    keepalive(_ctx, params, caller) {
      const { listenKey } = parseEndpointParams(ListenKeyParamsSchema, params);
      if (!store.keepalive(caller.account, listenKey)) throw invalidListenKey();
      return {};
    },
    close(_ctx, params, caller) {
      const { listenKey } = parseEndpointParams(ListenKeyParamsSchema, params);
      if (!store.close(caller.account, listenKey)) throw invalidListenKey();
      return {};
    },
  };
}
