import type { StreamConnection } from './stream-connection';
import type { StreamFault, StreamFaultEffect } from './stream-faults';

/** What a stream fault acts on: the stream server's state. */
export interface StreamFaultTargets {
  /** Open connections, oldest first. */
  connections(): readonly StreamConnection[];
  /** Every active listenKey of the account expires now; how many did. */
  expireListenKeys(account: string): number;
  /** Upgrades are refused until venue time `until` (a later refusal already set is kept); the time they are refused until. */
  refuseUpgradesUntil(until: number): number;
  now(): number;
  /** Every route the stream serves, as fault events name them. */
  routes: readonly string[];
}

/**
 * Applies one fault at once and says what it did. `path` names the routes of the connections it
 * reached, or every route when it reached none (the fault held for all of them; stream_refuse
 * always). `connections` in the detail is how many it reached, 0 when none was open.
 */
export function applyStreamFault(account: string, fault: StreamFault, targets: StreamFaultTargets): StreamFaultEffect {
  const reached = targets.connections().filter((connection) => connection.listensTo(account));
  const pathOf = (connections: readonly StreamConnection[]): string => {
    const routes = targets.routes.filter((route) => connections.some((connection) => connection.route === route));
    return (routes.length === 0 ? targets.routes : routes).join(',');
  };
  const path = pathOf(reached);
  const connections = reached.length;
  switch (fault.kind) {
    case 'stream_drop':
      for (const connection of reached) connection.drop(fault.mode);
      return { path, detail: { mode: fault.mode, connections } };
    case 'stream_duplicate': {
      const count = fault.count ?? 1;
      for (const connection of reached) connection.duplicateNext(account, count);
      return { path, detail: { count, connections } };
    }
    case 'stream_late': {
      const count = fault.count ?? 1;
      for (const connection of reached) connection.holdNext(account, count, fault.delayMs);
      return { path, detail: { delayMs: fault.delayMs, count, connections } };
    }
    case 'stream_silent':
      for (const connection of reached) connection.silence();
      return { path, detail: { connections } };
    case 'stream_expire': {
      // WebSocket API subscriptions first, then listenKeys (whose streams close as they expire).
      const subscriptions = reached.reduce((ended, connection) => ended + connection.terminateSubscriptionsOf(account), 0);
      const listenKeys = targets.expireListenKeys(account);
      return { path, detail: { subscriptions, listenKeys, connections } };
    }
    case 'stream_refuse': {
      const until = targets.refuseUpgradesUntil(targets.now() + fault.durationMs);
      return { path: targets.routes.join(','), detail: { durationMs: fault.durationMs, until, connections: 0 } };
    }
  }
}
