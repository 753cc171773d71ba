import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors';
import * as parse from './options';

describe('command-line values', () => {
  it('accepts a seed that is a safe integer, negative included', () => {
    expect(parse.parseSeed('42')).toBe(42);
    expect(parse.parseSeed('-7')).toBe(-7);
    expect(parse.parseSeed(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['abc', '', '1.5', '1e3', '0x10', ' 7', '9007199254740993'])('refuses the seed %j', (raw) => {
    expect(() => parse.parseSeed(raw)).toThrow(UsageError);
  });

  it('accepts positive run counts only', () => {
    expect(parse.parseRuns('100')).toBe(100);
    for (const raw of ['0', '-1', 'many', '2.5']) expect(() => parse.parseRuns(raw)).toThrow(/--runs must be a positive integer/);
  });

  it('reads a shard as i/n with 1 <= i <= n', () => {
    expect(parse.parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parse.parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const raw of ['0/2', '3/2', '1/0', '2', '1/2/3', 'a/b', '-1/2']) expect(() => parse.parseShard(raw)).toThrow(/--shard must be i\/n/);
  });

  it('takes --workers as a whole number from 1 to 256', () => {
    expect(parse.parseWorkers('1')).toBe(1);
    expect(parse.parseWorkers(' 16 ')).toBe(16);
    for (const raw of ['0', '-1', '1.5', 'two', '', '257']) expect(() => parse.parseWorkers(raw)).toThrow(/--workers must be a whole number from 1 to 256/);  });

  it('reads time budgets in ms, s, m and h, combined', () => {
    expect(parse.parseTimeBudget('90s')).toBe(90_000);
    expect(parse.parseTimeBudget('10m')).toBe(600_000);
    expect(parse.parseTimeBudget('1h')).toBe(3_600_000);
    expect(parse.parseTimeBudget('1h30m')).toBe(5_400_000);
    expect(parse.parseTimeBudget('500ms')).toBe(500);
    for (const raw of ['', '10', 'm', '10x', '0s', '-5m', '1.5h', '10m ago']) {
      expect(() => parse.parseTimeBudget(raw)).toThrow(/--time-budget must be/);
    }
  });

  it('knows the run profiles; replay has its own command', () => {
    expect(parse.parseRunProfile('extended')).toBe('extended');
    expect(() => parse.parseRunProfile('replay')).toThrow(/replay has its own command/);
    expect(() => parse.parseRunProfile('nightly')).toThrow(UsageError);
  });

  it('knows the categories, in any case', () => {
    expect(parse.parseCategory('Data Integrity')).toBe('data integrity');
    expect(() => parse.parseCategory('speed')).toThrow(/--category must be one of/);
    // Every category of the design has a property now, performance the last of them.
    expect(parse.parseCategory('performance')).toBe('performance');
    expect(parse.SELECTABLE_CATEGORIES).toContain('performance');
  });

  it('reads report formats as a list without duplicates, all four of them', () => {
    expect(parse.parseReportFormats('text,json,text')).toEqual(['text', 'json']);
    expect(parse.parseReportFormats('junit,text')).toEqual(['junit', 'text']);
    expect(parse.parseReportFormats('text, HTML,json,junit')).toEqual(['text', 'html', 'json', 'junit']);
    expect(() => parse.parseReportFormats('pdf')).toThrow(/comma-separated list of text, json, junit, html, got "pdf"/);
    expect(() => parse.parseReportFormats('pdf')).toThrow(UsageError);
  });

  it('reads a threshold from 0 to 100', () => {
    expect(parse.parseThreshold('85.5')).toBe(85.5);
    for (const raw of ['', '-1', '101', 'high']) expect(() => parse.parseThreshold(raw)).toThrow(/--threshold/);
  });

  it('reads a fast-check path', () => {
    expect(parse.parseReplayPath('12:0:3')).toBe('12:0:3');
    expect(() => parse.parseReplayPath('12::3')).toThrow(/--path/);
  });
});
