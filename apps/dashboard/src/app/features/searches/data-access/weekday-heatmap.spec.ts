import { weekdayMonthGrid } from './weekday-heatmap';

describe('weekday × month heat-map', () => {
  it('sums daily searches by weekday (Monday first) and month, leaving suppressed days out', () => {
    const p = (period: string, searches: number | { lt: number }) => ({
      period,
      from: period,
      to: period,
      days: 1,
      partial: false,
      searches,
      zeroResults: 0,
      zeroResultRate: null,
    });
    // 2025-01-06 is a Monday, 2025-01-12 a Sunday, 2025-02-03 a Monday.
    const g = weekdayMonthGrid([
      p('2025-01-06', 10),
      p('2025-01-12', 5),
      p('2025-01-13', 7),
      p('2025-01-14', { lt: 11 }),
      p('2025-02-03', 3),
    ]);
    expect(g.months).toEqual(['2025-01', '2025-02']);
    expect(g.cells[0]).toEqual([17, 0, 0, 0, 0, 0, 5]);
    expect(g.cells[1]).toEqual([3, 0, 0, 0, 0, 0, 0]);
    expect(g.total).toBe(25);
    expect(g.suppressedDays).toBe(1);
  });
});
