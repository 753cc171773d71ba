import { describe, expect, it } from 'vitest';
import { dec } from '../src/domain/decimal';
import { takeFromBook, type BookLevel } from './taker-rules';

const asks: BookLevel[] = [
  { price: dec('30000'), quantity: dec('0.001') },
  { price: dec('30010'), quantity: dec('0.001') },
];
const step = dec('0.00001');
const totals = (outcome: ReturnType<typeof takeFromBook>) => [outcome.filled.toFixed(), outcome.quote.toFixed(), outcome.budgetOutlivedBook];

describe('takeFromBook', () => {
  it('a limit taker stops at its limit; a market one takes what it asks or the whole book', () => {
    expect(totals(takeFromBook(asks, { side: 'buy', limitPrice: dec('30005'), quantity: dec('0.003'), step }))).toEqual(['0.001', '30', false]);
    expect(totals(takeFromBook(asks, { side: 'buy', quantity: dec('0.0015'), step }))).toEqual(['0.0015', '45.005', false]);
    expect(totals(takeFromBook(asks, { side: 'buy', quantity: dec('0.005'), step }))).toEqual(['0.002', '60.01', false]);
  });

  it('a quote budget fills on the step, and says when it outlived the book', () => {
    expect(totals(takeFromBook(asks, { side: 'buy', quoteBudget: dec('45'), step }))).toEqual(['0.00149', '44.7049', false]);
    expect(totals(takeFromBook(asks, { side: 'buy', quoteBudget: dec('100'), step }))).toEqual(['0.002', '60.01', true]);
    expect(totals(takeFromBook([], { side: 'buy', quoteBudget: dec('10'), step }))).toEqual(['0', '0', true]);
  });
});
