import { describe, expect, it } from 'vitest';
import { CRITICAL_FAILURE_PENALTY, scoreRun, verdictFor, type ScoredProperty } from './score';

const property = (name: string, category: string, passed: boolean, critical = false): ScoredProperty => ({
  property: name,
  category,
  critical,
  passed,
});

describe('the readiness score', () => {
  it('is 100 and ready when everything passed', () => {
    const score = scoreRun([property('a', 'data integrity', true, true), property('b', 'security', true)]);
    expect(score).toMatchObject({ score: 100, verdict: 'ready', propertiesPassed: 2, categoriesPassed: 2, criticalFailures: 0 });
  });

  it('gives 80% to the share of properties passed and 20% to the share of clean categories', () => {
    // 3 of 4 properties (60) + 1 of 2 categories clean (10) = 70, no critical failure.
    const score = scoreRun([
      property('a', 'data integrity', true),
      property('b', 'data integrity', true),
      property('c', 'security', true),
      property('d', 'security', false),
    ]);
    expect(score.score).toBe(70);
    expect(score.verdict).toBe('mostly ready');
    expect(score).toMatchObject({ categoriesRun: 2, categoriesPassed: 1 });
  });

  it('takes the penalty off for each failed critical property', () => {
    const score = scoreRun([
      property('a', 'data integrity', false, true),
      property('b', 'data integrity', true),
      property('c', 'security', true),
      property('d', 'security', true),
    ]);
    expect(score.score).toBe(60 + 10 - CRITICAL_FAILURE_PENALTY);
    expect(score.penalty).toBe(CRITICAL_FAILURE_PENALTY);
  });

  it('never goes below 0', () => {
    const failures = Array.from({ length: 12 }, (_, index) => property(`p${index}`, 'data integrity', false, true));
    expect(scoreRun(failures)).toMatchObject({ score: 0, verdict: 'critical' });
  });

  it('rounds to one decimal', () => {
    // 2 of 3 passed: 53.33 + categories 0 of 1.
    expect(scoreRun([property('a', 'x', true), property('b', 'x', true), property('c', 'x', false)]).score).toBe(53.3);
  });

  it('counts nothing run (an empty shard) as nothing failed', () => {
    expect(scoreRun([])).toMatchObject({ score: 100, verdict: 'ready', propertiesRun: 0 });
  });

  it.each([
    [100, 'ready'],
    [85, 'ready'],
    [84.9, 'mostly ready'],
    [70, 'mostly ready'],
    [69.9, 'not ready'],
    [50, 'not ready'],
    [49.9, 'critical'],
    [0, 'critical'],
  ] as const)('calls %d %s', (score, verdict) => {
    expect(verdictFor(score)).toBe(verdict);
  });
});
