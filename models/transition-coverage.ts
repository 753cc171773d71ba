/**
 * Transition coverage: which transitions of the model machines a run actually took, against the
 * list each machine declares. A property claims the transitions it checks; if a claimed one was
 * never reached, the property checked nothing about it and must say so (`assertReached`).
 *
 * Keys read `machine: from --EVENT--> to` for a transition taken, and `machine: from --EVENT--x`
 * for an event the machine refused (its guards record a violation and it stays put). The static
 * lists are read from the machine definitions themselves, so they cannot drift from the machines.
 */
import type { AnyStateMachine } from 'xstate';
import { orderMachine } from './order-machine';
import { ledgerMachine } from './ledger-machine';

export type TransitionKey = string;

export function transitionKey(machine: string, from: string, event: string, to: string): TransitionKey {
  return `${machine}: ${from} --${event}--> ${to}`;
}

export function refusalKey(machine: string, from: string, event: string): TransitionKey {
  return `${machine}: ${from} --${event}--x`;
}

/** A key's parts; `to` absent for a refusal. Undefined for text that is not a key (a report from elsewhere). */
export interface ParsedTransition {
  machine: string;
  from: string;
  event: string;
  to?: string | undefined;
}

/** The inverse of transitionKey and refusalKey, so the diagram reads the same keys the recorder writes. */
export function parseTransitionKey(key: string): ParsedTransition | undefined {
  const match = /^([^:\s]+): (\S+) --(\S+?)--(?:> (\S+)|x)$/.exec(key);
  const [, machine, from, event, to] = match ?? [];
  if (machine === undefined || from === undefined || event === undefined) return undefined;
  return { machine, from, event, to };
}

/** The action every model machine runs on a refused event. */
const REFUSAL_ACTION = 'recordRefusal';

function isRefusalAction(action: unknown): boolean {
  if (action === REFUSAL_ACTION) return true;
  return typeof action === 'object' && action !== null && 'type' in action && action.type === REFUSAL_ACTION;
}

/** Every transition a flat machine declares, refusals included, in declaration order, no duplicates. */
export function declaredTransitionsOf(machine: AnyStateMachine): readonly TransitionKey[] {
  const keys = new Set<TransitionKey>();
  for (const [from, node] of Object.entries(machine.root.states)) {
    for (const [event, transitions] of node.transitions) {
      for (const transition of transitions) {
        if (transition.actions.some(isRefusalAction)) keys.add(refusalKey(machine.id, from, event));
        else keys.add(transitionKey(machine.id, from, event, transition.target?.[0]?.key ?? from));
      }
    }
  }
  return [...keys];
}

export const orderMachineTransitions = declaredTransitionsOf(orderMachine);
export const ledgerMachineTransitions = declaredTransitionsOf(ledgerMachine);

/** What the recorder needs from a snapshot: a flat state and the machine's violation list. */
export interface RecordableSnapshot {
  value: unknown;
  context: { violations: readonly unknown[] };
}

export interface RecordableActor<TEvent extends { type: string }> {
  readonly id: string;
  getSnapshot(): RecordableSnapshot;
  send(event: TEvent): void;
}

export class UnreachedTransitionsError extends Error {
  constructor(readonly unreached: readonly TransitionKey[]) {
    super(`claimed transitions never reached:\n  ${unreached.join('\n  ')}`);
    this.name = 'UnreachedTransitionsError';
  }
}

export class TransitionRecorder {
  private readonly counts = new Map<TransitionKey, number>();

  /** Records one event from the snapshots before and after it. */
  record(machine: string, before: RecordableSnapshot, event: { type: string }, after: RecordableSnapshot): TransitionKey {
    const from = String(before.value);
    const refused = after.context.violations.length > before.context.violations.length;
    const key = refused ? refusalKey(machine, from, event.type) : transitionKey(machine, from, event.type, String(after.value));
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return key;
  }

  /**
   * Sends `event` to `actor` and records what it did. `machine` names the machine (the key
   * prefix), which is not the actor's id: many actors run one machine.
   */
  send<TEvent extends { type: string }>(machine: string, actor: RecordableActor<TEvent>, event: TEvent): TransitionKey {
    const before = actor.getSnapshot();
    actor.send(event);
    return this.record(machine, before, event, actor.getSnapshot());
  }

  count(key: TransitionKey): number {
    return this.counts.get(key) ?? 0;
  }

  taken(): ReadonlyMap<TransitionKey, number> {
    return this.counts;
  }

  /** The claimed transitions never taken so far. */
  unreached(claimed: readonly TransitionKey[]): TransitionKey[] {
    return claimed.filter((key) => this.count(key) === 0);
  }

  assertReached(claimed: readonly TransitionKey[]): void {
    const unreached = this.unreached(claimed);
    if (unreached.length > 0) throw new UnreachedTransitionsError(unreached);
  }

  /** Adds another recorder's counts, e.g. to sum coverage over the properties of a run. */
  merge(other: TransitionRecorder): void {
    for (const [key, count] of other.taken()) this.counts.set(key, this.count(key) + count);
  }
}
