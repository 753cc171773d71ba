import type { VenueFaultDetail } from '../types';

/**
 * The faults the nemesis injects into the user-data stream, as data
 * (`venue.nemesis.injectStreamFault(account, fault)`). Each acts at once on the connections open
 * when it is injected; REST faults are `Fault` in src/venue/nemesis/fault.ts.
 */
export type StreamFault =
  /** Every open user-data connection of the account ends now: 'close' a clean close frame (code 1001 "going away"), 'reset' an abrupt drop without close frame. */
  | { kind: 'stream_drop'; mode: 'close' | 'reset' }
  /** The account's next `count` (default 1) user-data event frames are each sent twice, back to back. */
  | { kind: 'stream_duplicate'; count?: number }
  /** The account's next `count` (default 1) user-data event frames are held `delayMs` on the venue clock before they are sent; frames after them are not held, so they overtake (and a REST answer reflecting the event can come first). */
  | { kind: 'stream_late'; delayMs: number; count?: number }
  /** Every open user-data connection of the account goes half-open, for good: no frame of any kind reaches the client (events, answers, venue pings), client pings are not answered, the venue never closes it on its own (no pong deadline, no 24 h close: a dead TCP peer); only the client closing it ends it. Events meant for it are lost. */
  | { kind: 'stream_silent' }
  /** The account's subscriptions end: on the WebSocket API each subscription gets `{"subscriptionId":N,"event":{"e":"eventStreamTerminated","E":now}}` and is dropped (the connection stays open); each listenKey of the account expires at once (`listenKeyExpired` as it already does on expiry). */
  | { kind: 'stream_expire' }
  /** New user-data connections (upgrades) of any client are refused with HTTP 503 for `durationMs` of venue-clock time from now. */
  | { kind: 'stream_refuse'; durationMs: number };

export const STREAM_FAULT_KINDS = ['stream_drop', 'stream_duplicate', 'stream_late', 'stream_silent', 'stream_expire', 'stream_refuse'] as const;
export type StreamFaultKind = (typeof STREAM_FAULT_KINDS)[number];

/** RFC 6455 7.4.1: 1001 "indicates that an endpoint is 'going away', such as a server going down". */
export const DROP_CLOSE_CODE = 1001;
export const DROP_CLOSE_REASON = 'going away';
/** What a server in maintenance or overloaded answers an upgrade with, before any 101. */
export const REFUSED_UPGRADE_STATUS = 503;

/** What an injected stream fault did, for its `fault` event: the routes it reached and its particulars. */
export interface StreamFaultEffect {
  path: string;
  detail: VenueFaultDetail;
}

/** Refuses a fault the venue could not apply as written; RangeError names the bad field, as `nemesis.schedule` does. */
export function checkStreamFault(fault: StreamFault): void {
  // Faults also arrive from JSON (replays, commands): a kind outside the set is refused by name.
  const kinds: readonly string[] = STREAM_FAULT_KINDS;
  if (!kinds.includes(fault.kind)) throw new RangeError(`unknown stream fault kind ${JSON.stringify(fault.kind)}`);
  const positiveCount = (count: number | undefined): void => {
    if (count !== undefined && !(Number.isInteger(count) && count >= 1)) throw new RangeError(`${fault.kind}: count must be an integer >= 1`);
  };
  switch (fault.kind) {
    case 'stream_drop':
      if (fault.mode !== 'close' && fault.mode !== 'reset') throw new RangeError(`stream_drop: mode must be 'close' or 'reset'`);
      return;
    case 'stream_duplicate':
      positiveCount(fault.count);
      return;
    case 'stream_late':
      if (!(Number.isFinite(fault.delayMs) && fault.delayMs >= 0)) throw new RangeError('stream_late: delayMs must be a finite number >= 0');
      positiveCount(fault.count);
      return;
    case 'stream_refuse':
      if (!(Number.isFinite(fault.durationMs) && fault.durationMs > 0)) throw new RangeError('stream_refuse: durationMs must be a finite number > 0');
      return;
    case 'stream_silent':
    case 'stream_expire':
      return;
  }
}
