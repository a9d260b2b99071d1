import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';

/** One class of the map's legend: values in [lo, hi) (the last class includes its top). */
export interface LegendClass {
  lo: number;
  hi: number;
  color: string;
  label: string;
}

/** How the values of a metric are bounded: scores 0–100, shares 0–1, or open (counts, distances, rates per 10,000). */
export type MetricDomain = 'score' | 'share' | 'open';

/** Rounds to 2 significant digits (up or down), the way a legend reads: 1 234 → 1 200, 0.0347 → 0.035. */
export function niceRound(v: number, dir: 'up' | 'down' | 'nearest' = 'nearest'): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  const f = dir === 'up' ? Math.ceil : dir === 'down' ? Math.floor : Math.round;
  return f(v / p) * p;
}

/** A "nice" step (1, 2 or 5 × 10^n) that cuts [0, max] into about `n` classes. */
function niceStep(max: number, n: number): number {
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

/**
 * Class breaks of a map that mean something whatever the number of territories with a value: fixed steps of 20
 * for scores and shares (0–20 … 80–100), quantiles rounded to 2 significant digits when there are enough distinct
 * values, otherwise nice steps from 0 to the maximum. Always 4 classes or more (one value or none still gives a
 * readable scale). Returns the inner breaks, ascending.
 */
export function legendBreaks(values: readonly number[], domain: MetricDomain): number[] {
  if (domain === 'score') return [20, 40, 60, 80];
  if (domain === 'share') return [0.2, 0.4, 0.6, 0.8];
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const distinct = new Set(finite);
  if (distinct.size >= 10) {
    const q: number[] = [];
    for (let i = 1; i < 5; i++) {
      const v = niceRound(finite[Math.floor((i * finite.length) / 5)]);
      if (v > (q[q.length - 1] ?? finite[0]) && v > 0) q.push(v);
    }
    if (q.length >= 3) return q;
  }
  const max = finite.length ? Math.max(finite[finite.length - 1], 0) : 0;
  const step = niceStep(max > 0 ? max : 1, 4);
  return [1, 2, 3].map((i) => i * step).concat(max > 3 * step ? [4 * step] : []);
}

/** The classes (breaks → [lo, hi) with their colours, light to dark) and their labels. */
export function legendClasses(breaks: readonly number[], format: (v: number) => string): LegendClass[] {
  const bounds = [-Infinity, ...breaks, Infinity];
  const n = bounds.length - 1;
  return bounds.slice(0, -1).map((lo, i) => {
    const hi = bounds[i + 1];
    const color = SEQUENTIAL_VIRIDIS[n === 1 ? 0 : Math.round((i * (SEQUENTIAL_VIRIDIS.length - 1)) / (n - 1))];
    const label = lo === -Infinity ? `< ${format(hi)}` : hi === Infinity ? `≥ ${format(lo)}` : `${format(lo)} – ${format(hi)}`;
    return { lo, hi, color, label };
  });
}

export function classOf(classes: readonly LegendClass[], v: number): LegendClass | undefined {
  return classes.find((c) => v >= c.lo && v < c.hi);
}
