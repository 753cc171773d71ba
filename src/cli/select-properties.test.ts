import { describe, expect, it } from 'vitest';
import type { PropertyInfo } from '../../properties/catalog';
import { UnknownPropertyError, UsageError } from '../domain/errors';
import { globToRegExp, selectProperties } from './select-properties';

const info = (name: string, category: PropertyInfo['category']): PropertyInfo => ({
  name,
  title: name,
  category,
  invariants: [],
  critical: false,
  file: `properties/${name}.prop.ts`,
});
const catalog = [info('ledger-conservation', 'data integrity'), info('decimal-precision', 'data integrity'), info('retry-budget', 'error handling')];
const names = (selected: PropertyInfo[]) => selected.map((property) => property.name);

describe('property selection', () => {
  it('takes every property when nothing is given', () => {
    expect(names(selectProperties({}, catalog))).toEqual(['ledger-conservation', 'decimal-precision', 'retry-budget']);
  });

  it('matches names with * as any run of characters, and nothing else special', () => {
    expect(names(selectProperties({ propertyGlob: '*-precision' }, catalog))).toEqual(['decimal-precision']);
    expect(names(selectProperties({ propertyGlob: 'ledger-conservation' }, catalog))).toEqual(['ledger-conservation']);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('refuses a glob that matches nothing, listing the known names', () => {
    expect(() => selectProperties({ propertyGlob: 'nope' }, catalog)).toThrow(UnknownPropertyError);
    expect(() => selectProperties({ propertyGlob: 'nope' }, catalog)).toThrow(/known properties: ledger-conservation, decimal-precision, retry-budget/);
  });

  it('keeps one category, and refuses a category with nothing to run', () => {
    expect(names(selectProperties({ category: 'error handling' }, catalog))).toEqual(['retry-budget']);
    expect(() => selectProperties({ category: 'security' }, catalog)).toThrow(UsageError);
    expect(() => selectProperties({ propertyGlob: 'ledger-*', category: 'error handling' }, catalog)).toThrow(/no property matching "ledger-\*"/);
  });
});
