import { breakdownLevel, parseSearchQuery, presetDates, presetOf, resolveRange, toApiParams, toQueryParams } from './search-query';
import { countValue, formatChange, formatCount, formatPeriod, plotValues, relativeChange } from './search-stats';

const TODAY = '2026-03-15';

describe('search filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const params = {
      territory: 'department:95',
      from: '2025-01-01',
      to: '2025-12-31',
      granularity: 'week',
      compare: 'previous-year',
      theme: 'food',
    };
    const q = parseSearchQuery(params);
    expect(q).toEqual({
      territory: { level: 'department', code: '95' },
      from: '2025-01-01',
      to: '2025-12-31',
      granularity: 'week',
      compare: 'previous-year',
      theme: 'food',
    });
    expect(toQueryParams(q)).toEqual(params);
    expect(parseSearchQuery(toQueryParams(q) as Record<string, string>)).toEqual(q);
  });

  it('leaves the defaults out of the URL (France, last 12 months, monthly, no comparison, every theme)', () => {
    const q = parseSearchQuery({});
    expect(q).toEqual({ territory: null, from: null, to: null, granularity: 'month', compare: 'none', theme: null });
    expect(toQueryParams(q)).toEqual({ territory: null, from: null, to: null, granularity: null, compare: null, theme: null });
    expect(toQueryParams(parseSearchQuery({ granularity: 'month', compare: 'none' }))).toMatchObject({ granularity: null, compare: null });
  });

  it('normalises codes and drops malformed values instead of failing', () => {
    expect(parseSearchQuery({ territory: 'department:2a' }).territory).toEqual({ level: 'department', code: '2A' });
    expect(parseSearchQuery({ territory: 'department:xx<script>' }).territory).toBeNull();
    expect(parseSearchQuery({ territory: 'region:9' }).territory).toBeNull();
    expect(parseSearchQuery({ territory: 'canton:95' }).territory).toBeNull();
    expect(parseSearchQuery({ territory: 'commune:95127' }).territory).toEqual({ level: 'commune', code: '95127' });
    expect(parseSearchQuery({ granularity: 'year', compare: 'yesterday', theme: 'nope' })).toMatchObject({
      granularity: 'month',
      compare: 'none',
      theme: null,
    });
    expect(parseSearchQuery({ theme: 'FOOD' }).theme).toBe('food');
  });

  it('rejects impossible, inverted or over-long periods', () => {
    expect(parseSearchQuery({ from: '2025-02-30', to: '2025-03-31' })).toMatchObject({ from: null, to: '2025-03-31' });
    expect(parseSearchQuery({ from: '2025-06-01', to: '2025-01-01' })).toMatchObject({ from: null, to: null });
    expect(parseSearchQuery({ from: '2010-01-01', to: '2025-01-01' })).toMatchObject({ from: null, to: null });
    expect(parseSearchQuery({ from: '2025-06-01' })).toMatchObject({ from: '2025-06-01', to: null });
  });
});

describe('period presets', () => {
  it('"last 12 months" covers twelve monthly buckets ending today', () => {
    expect(resolveRange({ from: null, to: null }, TODAY)).toEqual({ from: '2025-04-01', to: '2026-03-15' });
    expect(resolveRange({ from: null, to: '2025-12-31' }, TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(resolveRange({ from: '2025-06-01', to: null }, TODAY)).toEqual({ from: '2025-06-01', to: TODAY });
  });

  it('recognises calendar years (the current one runs to today) and custom ranges', () => {
    expect(presetOf({ from: null, to: null }, TODAY)).toEqual({ kind: 'last12' });
    expect(presetOf({ from: '2025-01-01', to: '2025-12-31' }, TODAY)).toEqual({ kind: 'year', year: 2025 });
    expect(presetOf({ from: '2026-01-01', to: null }, TODAY)).toEqual({ kind: 'year', year: 2026 });
    expect(presetOf({ from: '2025-01-01', to: '2025-06-30' }, TODAY)).toEqual({ kind: 'custom' });
    expect(presetDates({ kind: 'year', year: 2025 }, TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetDates({ kind: 'year', year: 2026 }, TODAY)).toEqual({ from: '2026-01-01', to: null });
    expect(presetDates({ kind: 'last12' }, TODAY)).toEqual({ from: null, to: null });
    // Switching to "custom" starts from the dates currently shown, made explicit.
    expect(presetDates({ kind: 'custom' }, TODAY)).toEqual({ from: '2025-04-01', to: TODAY });
  });

  it('builds the API filters of the view', () => {
    const q = parseSearchQuery({ territory: 'department:95', granularity: 'month', theme: 'food' });
    expect(toApiParams(q, TODAY)).toEqual({ from: '2025-04-01', to: TODAY, level: 'department', code: '95', theme: 'food' });
    expect(toApiParams(parseSearchQuery({}), TODAY)).toEqual({ from: '2025-04-01', to: TODAY });
  });

  it('breaks a territory down into the level below, as the API does', () => {
    expect(breakdownLevel(null)).toBe('region');
    expect(breakdownLevel({ level: 'region', code: '11' })).toBe('department');
    expect(breakdownLevel({ level: 'department', code: '95' })).toBe('commune');
    expect(breakdownLevel({ level: 'epci', code: '200054781' })).toBe('commune');
    expect(breakdownLevel({ level: 'commune', code: '95127' })).toBeNull();
  });
});

describe('search statistics', () => {
  it('never turns a suppressed count into a number', () => {
    expect(countValue({ lt: 11 })).toBeNull();
    expect(countValue(0)).toBe(0);
    expect(formatCount({ lt: 11 })).toBe('< 11');
    expect(formatCount(1234)).toBe('1\u202f234');
    expect(
      plotValues([
        {
          period: '2025-01-01',
          from: '2025-01-01',
          to: '2025-01-31',
          days: 31,
          partial: false,
          searches: 20,
          zeroResults: 2,
          zeroResultRate: 0.1,
        },
        {
          period: '2025-02-01',
          from: '2025-02-01',
          to: '2025-02-28',
          days: 28,
          partial: false,
          searches: { lt: 11 },
          zeroResults: { lt: 11 },
          zeroResultRate: null,
        },
      ]),
    ).toEqual([20, null]);
  });

  it('computes and formats changes the French way', () => {
    expect(relativeChange(112, 100)).toBeCloseTo(0.12);
    expect(relativeChange(112, { lt: 11 })).toBeNull();
    expect(relativeChange(112, 0)).toBeNull();
    expect(formatChange(0.12)).toBe('+12\u00a0%');
    expect(formatChange(-0.05)).toBe('−5\u00a0%');
    expect(formatChange(0.001)).toBe('0\u00a0%');
    expect(formatChange(null)).toBe('—');
    expect(formatChange(0.12, 'en')).toBe('+12%');
  });

  it('labels periods by granularity', () => {
    expect(formatPeriod('2025-06-01', 'month')).toBe('juin 2025');
    // ISO weeks the way people read them, never "2025-W23".
    expect(formatPeriod('2025-06-02', 'week')).toBe('sem. 23 (2–8 juin 2025)');
    expect(formatPeriod('2025-06-02', 'week', 'fr', true)).toBe('sem. 23');
    expect(formatPeriod('2026-12-28', 'week').replace(/\s/g, ' ')).toBe('sem. 53 (28 déc. 2026 – 3 janv. 2027)');
    expect(formatPeriod('2026-12-28', 'week', 'en', true)).toBe('wk 53');
    expect(formatPeriod('2026-12-07', 'day', 'fr', true)).toBe('7 déc.');
    expect(formatPeriod('2025-06-02', 'day')).toBe('2 juin 2025');
    expect(formatPeriod('2025-06-01', 'month', 'en')).toBe('June 2025');
  });
});
