import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors';
import { ENV } from './protocol';
import { ONE_LANE, readSettings } from './settings';

describe('readSettings: the lane', () => {
  it('is the only lane when unset, and LANE/LANES when set', () => {
    expect(readSettings({}, '/p').lane).toEqual(ONE_LANE);
    expect(readSettings({ [ENV.lane]: '1/2' }, '/p').lane).toEqual({ index: 1, count: 2 });
  });

  it('refuses a lane at or past the count, or any other text, with a usage error', () => {
    for (const text of ['2/2', '0/0', '-1/2', 'a/b', '1']) expect(() => readSettings({ [ENV.lane]: text }, '/p'), text).toThrow(UsageError);
  });
});
