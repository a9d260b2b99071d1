import { addDays, isoWeek } from '@vigie/calendar';
import {
  buckets,
  counterparts,
  enumeratePeriods,
  observedRange,
  periodEnd,
  periodStart,
  previousPeriod,
  previousYear,
  rangeDays,
  rangesAreMonths,
  sumOver,
} from './periods.js';

/** Reference: every day of an inclusive range, one by one. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('buckets', () => {
  it('starts ISO weeks on Monday, across a year boundary', () => {
    // 2026-01-01 is a Thursday: its ISO week (2026-W01) starts on Monday 2025-12-29.
    expect(periodStart('2026-01-01', 'week')).toBe('2025-12-29');
    expect(periodStart('2026-03-15', 'month')).toBe('2026-03-01');
    expect(enumeratePeriods('2025-12-25', '2026-01-12', 'week')).toEqual(['2025-12-22', '2025-12-29', '2026-01-05', '2026-01-12']);
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(periodEnd('2026-02-01', 'month')).toBe('2026-02-28');
  });

  it('flags the partial months of a period ending mid-month, and the month reaching past today', () => {
    // The default view on 5 December 2026: 1 January – 5 December (today).
    const bs = buckets({ from: '2026-01-01', to: '2026-12-05' }, 'month', '2026-12-05');
    expect(bs).toHaveLength(12);
    expect(bs.filter((b) => b.partial).map((b) => b.period)).toEqual(['2026-12-01']);
    expect(bs[11]).toEqual({ period: '2026-12-01', from: '2026-12-01', to: '2026-12-05', days: 5, partial: true });
    expect(bs[1]).toEqual({ period: '2026-02-01', from: '2026-02-01', to: '2026-02-28', days: 28, partial: false });
    // A whole year asked on 15 November: December is after today (no day counted), November is cut at the 15th.
    const year = buckets({ from: '2026-01-01', to: '2026-12-31' }, 'month', '2026-11-15');
    expect(year.slice(10)).toEqual([
      { period: '2026-11-01', from: '2026-11-01', to: '2026-11-15', days: 15, partial: true },
      { period: '2026-12-01', from: '2026-12-01', to: '2026-11-15', days: 0, partial: true },
    ]);
    // Starting mid-month: the first month is partial too.
    const mid = buckets({ from: '2026-03-10', to: '2026-05-31' }, 'month', '2026-11-15');
    expect(mid.map((b) => [b.period, b.days, b.partial])).toEqual([
      ['2026-03-01', 22, true],
      ['2026-04-01', 30, false],
      ['2026-05-01', 31, false],
    ]);
  });

  it('counts leap-year February whole (29 days) and flags a 28-day cut of it', () => {
    expect(buckets({ from: '2024-02-01', to: '2024-02-29' }, 'month', '2026-11-15')).toEqual([
      { period: '2024-02-01', from: '2024-02-01', to: '2024-02-29', days: 29, partial: false },
    ]);
    expect(buckets({ from: '2024-02-01', to: '2024-02-28' }, 'month', '2026-11-15')[0].partial).toBe(true);
  });

  it('has 53 ISO weeks in 2026, the 53rd (28 Dec 2026 – 3 Jan 2027) partial in a calendar-year period', () => {
    const bs = buckets({ from: '2026-01-01', to: '2026-12-31' }, 'week', '2027-06-01');
    // Week 1 of 2026 starts on Monday 29 December 2025: partly before the period.
    expect(bs[0]).toMatchObject({ period: '2025-12-29', from: '2026-01-01', days: 4, partial: true });
    const last = bs[bs.length - 1];
    expect(last).toEqual({ period: '2026-12-28', from: '2026-12-28', to: '2026-12-31', days: 4, partial: true });
    expect(isoWeek(last.period)).toEqual({ year: 2026, week: 53 });
    expect(new Set(bs.map((b) => isoWeek(b.period).week)).size).toBe(53);
    expect(bs.filter((b) => !b.partial)).toHaveLength(51);
    // Every day of the period is counted in exactly one bucket.
    expect(bs.reduce((s, b) => s + b.days, 0)).toBe(365);
  });

  it('counts every day of a period once, whatever the granularity (random periods, by reference)', () => {
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 200; i++) {
      const from = addDays('2023-06-01', rnd(1200));
      const to = addDays(from, rnd(400));
      const today = addDays('2023-06-01', rnd(1800));
      for (const g of ['day', 'week', 'month'] as const) {
        const bs = buckets({ from, to }, g, today);
        const counted = bs.flatMap((b) => (b.days ? days(b.from, b.to) : []));
        const observed = observedRange({ from, to }, today);
        expect(counted).toEqual(observed ? days(observed.from, observed.to) : []);
        for (const b of bs) expect(b.partial).toBe(b.days !== days(b.period, periodEnd(b.period, g)).length);
      }
    }
  });
});

describe('comparisons', () => {
  it('previous period: the same number of days just before', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-03', to: '2025-12-31' });
    expect(rangeDays({ from: '2025-10-03', to: '2025-12-31' })).toBe(90);
    expect(previousPeriod({ from: '2026-01-05', to: '2026-01-18' })).toEqual({ from: '2025-12-22', to: '2026-01-04' });
    // 1 January – 5 December 2026 (339 days) → 27 January – 31 December 2025.
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-05' })).toEqual({ from: '2025-01-27', to: '2025-12-31' });
  });

  it('previous year: the same dates a year earlier, not the whole previous year', () => {
    expect(previousYear({ from: '2026-01-01', to: '2026-12-05' })).toEqual({ from: '2025-01-01', to: '2025-12-05' });
    expect(previousYear({ from: '2026-01-05', to: '2026-03-29' })).toEqual({ from: '2025-01-05', to: '2025-03-29' });
    // 29 February has no counterpart.
    expect(previousYear({ from: '2024-02-29', to: '2024-03-31' })).toEqual({ from: '2023-03-01', to: '2023-03-31' });
    expect(previousYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(previousYear({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    expect(previousYear({ from: '2025-02-01', to: '2025-02-28' })).toEqual({ from: '2024-02-01', to: '2024-02-28' });
  });

  it('gives each bucket a counterpart of the same days (default view, previous year and previous period)', () => {
    const period = { from: '2026-01-01', to: '2026-12-05' };
    const bs = buckets(period, 'month', '2026-12-05');
    const observed = observedRange(period, '2026-12-05')!;
    const py = counterparts(bs, observed, 'previous-year');
    expect(py[0]).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(py[11]).toEqual({ from: '2025-12-01', to: '2025-12-05' });
    expect(rangesAreMonths(py)).toBe(true);
    const pp = counterparts(bs, observed, 'previous-period');
    expect(pp[0]).toEqual({ from: '2025-01-27', to: '2025-02-26' });
    expect(pp[11]).toEqual({ from: '2025-12-27', to: '2025-12-31' });
    expect(rangesAreMonths(pp)).toBe(false);
    for (let i = 0; i < bs.length; i++) {
      expect(rangeDays(pp[i])).toBe(bs[i].days);
      expect(rangeDays(py[i])).toBe(bs[i].days);
    }
    // The counterparts partition the comparison range.
    expect(pp[0].from).toBe(previousPeriod(observed).from);
    expect(pp[11].to).toBe(previousPeriod(observed).to);
  });

  it('compares a leap February with the 28 days of the year before, and 29 February alone with nothing', () => {
    const bs = buckets({ from: '2024-02-01', to: '2024-03-31' }, 'month', '2026-11-15');
    const observed = { from: '2024-02-01', to: '2024-03-31' };
    expect(counterparts(bs, observed, 'previous-year')).toEqual([
      { from: '2023-02-01', to: '2023-02-28' },
      { from: '2023-03-01', to: '2023-03-31' },
    ]);
    const day = buckets({ from: '2024-02-28', to: '2024-03-01' }, 'day', '2026-11-15');
    const py = counterparts(day, { from: '2024-02-28', to: '2024-03-01' }, 'previous-year');
    expect(py.map(rangeDays)).toEqual([1, 0, 1]);
    expect(py[0]).toEqual({ from: '2023-02-28', to: '2023-02-28' });
    expect(py[2]).toEqual({ from: '2023-03-01', to: '2023-03-01' });
  });

  it('gives buckets after today an empty counterpart', () => {
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const bs = buckets(period, 'month', '2026-11-15');
    const py = counterparts(bs, observedRange(period, '2026-11-15')!, 'previous-year');
    expect(py[10]).toEqual({ from: '2025-11-01', to: '2025-11-15' });
    expect(rangeDays(py[11])).toBe(0);
  });

  it('sums day counts over ranges', () => {
    const rows = days('2025-01-25', '2025-03-02').map((d, i) => ({ period: d, n: i + 1 }));
    const ranges = [
      { from: '2025-01-27', to: '2025-02-26' },
      { from: '2025-02-27', to: '2025-03-01' },
      { from: '2025-03-01', to: '2025-02-28' },
    ];
    const ref = ranges.map((r) => rows.filter((x) => x.period >= r.from && x.period <= r.to).reduce((s, x) => s + x.n, 0));
    expect(sumOver(rows, ranges, (r) => r.n)).toEqual(ref);
    expect(ref[2]).toBe(0);
  });
});
