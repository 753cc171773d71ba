import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../properties/catalog';
import { CRITICAL_FAILURE_PENALTY, scoreRun, verdictFor, type ScoredProperty } from './score';

const property = (name: string, category: string, passed: boolean, critical = false): ScoredProperty => ({
  property: name,
  category,
  critical,
  passed,
});

/** One passing property in every category. */
const everyCategory = CATEGORIES.map((category, index) => property(`p${index}`, category, true));

describe('the readiness score', () => {
  it('judges completeness over all nine categories', () => {
    expect(CATEGORIES).toHaveLength(9);
    expect(CATEGORIES).toEqual(expect.arrayContaining(['performance', 'exchange factory']));
  });

  it('is 100 and ready when a property held in every category', () => {
    const score = scoreRun(everyCategory, CATEGORIES);
    expect(score).toMatchObject({ score: 100, verdict: 'ready', propertiesPassed: 9, categoriesPassed: 9, categoriesNotVerified: [], criticalFailures: 0 });
    expect(score.heldBack).toBeUndefined();
  });

  it('counts a category no property ran in as not verified, against completeness, never as passed', () => {
    // One category of nine, everything in it held: 80 + 20 x 1/9.
    const score = scoreRun([property('a', 'data integrity', true)], CATEGORIES);
    expect(score).toMatchObject({ score: 82.2, verdict: 'mostly ready', categoriesRun: 1, categoriesPassed: 1, categoriesTotal: 9 });
    expect(score.categoriesNotVerified).toEqual(CATEGORIES.filter((category) => category !== 'data integrity'));
  });

  it('never reads ready with an unverified category, whatever the score', () => {
    // Eight of nine verified and clean: 80 + 20 x 8/9 = 97.8, in the ready band.
    const score = scoreRun(everyCategory.filter((result) => result.category !== 'exchange factory'), CATEGORIES);
    expect(score.score).toBe(97.8);
    expect(score.verdict).toBe('mostly ready');
    expect(score.heldBack).toBe('not verified: exchange factory');
  });

  it('never reads ready with a failing property, whatever the score', () => {
    // 19 of 20 held, the failure not critical: 80 x 19/20 + 20 x 8/9 = 93.8, in the ready band.
    const monitoring = Array.from({ length: 10 }, (_, index) => property(`m${index}`, 'monitoring', true));
    const score = scoreRun([...everyCategory, ...monitoring, property('f', 'monitoring', false)], CATEGORIES);
    expect(score.score).toBe(93.8);
    expect(score.verdict).toBe('mostly ready');
    expect(score.heldBack).toBe('1 property failed');
  });

  it('gives 80% to the share of properties passed and 20% to the share of verified, clean categories', () => {
    // 3 of 4 properties (60) + 1 of 9 categories verified and clean (2.2).
    const score = scoreRun([property('a', 'data integrity', true), property('b', 'data integrity', true), property('c', 'security', true), property('d', 'security', false)], CATEGORIES);
    expect(score.score).toBe(62.2);
    expect(score.verdict).toBe('not ready');
    expect(score).toMatchObject({ categoriesRun: 2, categoriesPassed: 1 });
  });

  it('takes the penalty off for each failed critical property', () => {
    const results = everyCategory.map((result, index) => (index === 0 ? { ...result, passed: false, critical: true } : result));
    const score = scoreRun(results, CATEGORIES);
    // 8 of 9 properties (71.1) + 8 of 9 categories (17.8) - 10.
    expect(score.score).toBe(78.9);
    expect(score.penalty).toBe(CRITICAL_FAILURE_PENALTY);
  });

  it('never goes below 0', () => {
    const failures = Array.from({ length: 12 }, (_, index) => property(`p${index}`, 'data integrity', false, true));
    expect(scoreRun(failures, CATEGORIES)).toMatchObject({ score: 0, verdict: 'critical' });
  });

  it('counts nothing run (an empty shard) as nothing failed but nothing verified', () => {
    expect(scoreRun([], CATEGORIES)).toMatchObject({ score: 80, verdict: 'mostly ready', propertiesRun: 0, categoriesNotVerified: [...CATEGORIES] });
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
  ] as const)('puts %d in the %s band', (score, verdict) => {
    expect(verdictFor(score)).toBe(verdict);
  });
});
