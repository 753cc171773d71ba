import type { ListenKeyStore } from './listen-key';
import type { VenueSocket } from './socket';
import type { StreamTimer, StreamTimers } from './stream-timers';
import type { UserDataSource } from './user-data-hub';

/** Closing a stream whose key expired or was deleted: a normal close, as no code is documented. */
export const LISTEN_KEY_CLOSE_CODE = 1000;

/**
 * One connection to /ws/<listenKey>: the account's user-data payloads as raw JSON (no
 * subscriptionId wrapper, as on stream.binance.com). When the key expires it sends
 * `{"e":"listenKeyExpired","E","listenKey"}` and closes ("No more events will be sent after
 * this"); when the key is deleted it just closes ("This event will not be pushed when the stream
 * is closed normally"). Frames from the client are ignored: the venue serves no market streams.
 */
export class ListenKeyStream {
  private readonly stopListening: () => void;
  private readonly stopWatchingKey: () => void;
  private expiryTimer: StreamTimer | undefined;
  private ended = false;

  constructor(
    private readonly socket: VenueSocket,
    private readonly listenKey: string,
    account: string,
    private readonly deps: { hub: UserDataSource; store: ListenKeyStore; timers: StreamTimers; now: () => number; onClose: () => void },
  ) {
    this.stopListening = deps.hub.listen(account, (payload) => socket.send(JSON.stringify(payload)));
    this.stopWatchingKey = deps.store.subscribe((key, change) => {
      if (key !== listenKey) return;
      if (change === 'closed') this.closeStream('listenKey closed');
      else if (change === 'expired') this.expire();
      else this.scheduleExpiry();
    });
    this.scheduleExpiry();
  }

  /** The connection is gone: stop listening and cancel the expiry timer. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopListening();
    this.stopWatchingKey();
    this.expiryTimer?.cancel();
  }

  private scheduleExpiry(): void {
    this.expiryTimer?.cancel();
    const state = this.deps.store.active(this.listenKey);
    if (state === undefined) {
      this.expire();
      return;
    }
    this.expiryTimer = this.deps.timers.at(state.expiresAt, () => this.expire());
  }

  private expire(): void {
    this.socket.send(JSON.stringify({ e: 'listenKeyExpired', E: this.deps.now(), listenKey: this.listenKey }));
    this.closeStream('listenKey expired');
  }

  private closeStream(reason: string): void {
    this.end();
    this.socket.close(LISTEN_KEY_CLOSE_CODE, reason);
    this.deps.onClose();
  }
}
