import { isSuppressed, type SeriesPoint } from '@vigie/contracts';

/** Searches summed by day of the week (Monday = 0) × month, from a daily series. */
export interface WeekdayMonthGrid {
  /** Months of the series, "YYYY-MM", in order. */
  months: string[];
  /** cells[month][weekday] = sum of the searches of those days (suppressed days left out). */
  cells: number[][];
  /** Sum of every cell (= the series total when no day is suppressed). */
  total: number;
  /** Days whose count is hidden (< k): not added, reported. */
  suppressedDays: number;
}

export function weekdayMonthGrid(points: readonly SeriesPoint[]): WeekdayMonthGrid {
  const months: string[] = [];
  const index = new Map<string, number>();
  const cells: number[][] = [];
  let total = 0;
  let suppressedDays = 0;
  for (const p of points) {
    const month = p.period.slice(0, 7);
    let m = index.get(month);
    if (m === undefined) {
      m = months.push(month) - 1;
      index.set(month, m);
      cells.push([0, 0, 0, 0, 0, 0, 0]);
    }
    if (isSuppressed(p.searches)) {
      suppressedDays++;
      continue;
    }
    const weekday = (new Date(`${p.period}T00:00:00Z`).getUTCDay() + 6) % 7;
    cells[m][weekday] += p.searches;
    total += p.searches;
  }
  return { months, cells, total, suppressedDays };
}
