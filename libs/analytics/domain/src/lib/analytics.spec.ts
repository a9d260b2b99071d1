import { detectPeaks } from './peaks.js';
import { addDays } from '@vigie/calendar';
import { splitWholeMonths } from './periods.js';
import { per10k, safeRate, suppress } from './suppression.js';

describe('suppression below k', () => {
  it('hides exactly the counts 1..k-1', () => {
    expect(suppress(0, 11)).toBe(0);
    expect(suppress(10, 11)).toEqual({ lt: 11 });
    expect(suppress(11, 11)).toBe(11);
    expect(suppress(3, null)).toBe(3);
    expect(safeRate(2, 10, 11)).toBeNull();
    expect(safeRate(2, 11, 11)).toBeCloseTo(2 / 11);
    expect(per10k(5, 1000, 11)).toBeNull();
    expect(per10k(20, 1000, 11)).toBe(200);
  });
});

describe('detectPeaks', () => {
  it('finds the June peak above a seasonal-free trend and nothing in a flat series', () => {
    const months = Array.from({ length: 24 }, (_, i) => ({ period: `m${i}`, value: 1900 + (i % 3) * 20 }));
    months[17].value = 3100; // June of the second year
    const { peaks } = detectPeaks(months);
    expect(peaks.map((p) => p.period)).toEqual(['m17']);
    expect(peaks[0].excess).toBeGreaterThan(0.5);
    expect(detectPeaks(months.map((m) => ({ ...m, value: 1000 }))).peaks).toEqual([]);
  });
});

describe('splitWholeMonths', () => {
  it('cuts a range into a partial head, whole months and a partial tail', () => {
    expect(splitWholeMonths('2025-11-23', '2026-11-22')).toEqual({
      head: { from: '2025-11-23', to: '2025-11-30' },
      months: { from: '2025-12-01', to: '2026-10-01' },
      tail: { from: '2026-11-01', to: '2026-11-22' },
    });
    expect(splitWholeMonths('2026-01-01', '2026-06-30')).toEqual({
      head: null,
      months: { from: '2026-01-01', to: '2026-06-01' },
      tail: null,
    });
    expect(splitWholeMonths('2026-06-03', '2026-06-20')).toEqual({
      head: { from: '2026-06-03', to: '2026-06-20' },
      months: null,
      tail: null,
    });
    expect(splitWholeMonths('2024-02-01', '2024-02-29')).toEqual({
      head: null,
      months: { from: '2024-02-01', to: '2024-02-01' },
      tail: null,
    });
  });

  it('covers every day of the range exactly once (random ranges)', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 300; i++) {
      const from = addDays('2023-01-01', rnd(900));
      const to = addDays(from, rnd(500));
      const s = splitWholeMonths(from, to);
      const days: string[] = [];
      const push = (a: string, b: string, into = days) => {
        for (let d = a; d <= b; d = addDays(d, 1)) into.push(d);
      };
      if (s.head) push(s.head.from, s.head.to);
      if (s.months) push(s.months.from, addDays(addDays(s.months.to, 31).slice(0, 8) + '01', -1));
      if (s.tail) push(s.tail.from, s.tail.to);
      const expected: string[] = [];
      push(from, to, expected);
      expect(days).toEqual(expected);
      if (s.months) expect([s.months.from.endsWith('-01'), s.months.to.endsWith('-01')]).toEqual([true, true]);
    }
  });
});
