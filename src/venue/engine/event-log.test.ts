import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../types';
import { EventLog } from './event-log';

describe('EventLog.subscribe', () => {
  it('tells each listener of every later event synchronously, in order, and leaves the log unchanged', () => {
    let now = 1000;
    const log = new EventLog(() => now);
    const plain = new EventLog(() => now);
    log.append({ type: 'account_created', account: 'early' });
    plain.append({ type: 'account_created', account: 'early' });
    const heard: VenueEvent[] = [];
    const stop = log.subscribe((event) => heard.push(event));
    now = 2000;
    const appended = log.append({ type: 'deposit', account: 'a', asset: 'BTC', amount: '1' });
    plain.append({ type: 'deposit', account: 'a', asset: 'BTC', amount: '1' });
    expect(heard).toEqual([appended]);
    stop();
    log.append({ type: 'account_created', account: 'late' });
    plain.append({ type: 'account_created', account: 'late' });
    expect(heard).toHaveLength(1);
    expect(log.toJsonLines()).toBe(plain.toJsonLines());
  });

  it('lets a listener unsubscribe while it is being told without skipping the others', () => {
    const log = new EventLog(() => 0);
    const heard: string[] = [];
    const stopFirst = log.subscribe(() => {
      heard.push('first');
      stopFirst();
    });
    log.subscribe(() => heard.push('second'));
    log.append({ type: 'account_created', account: 'a' });
    log.append({ type: 'account_created', account: 'b' });
    expect(heard).toEqual(['first', 'second', 'second']);
  });
});
