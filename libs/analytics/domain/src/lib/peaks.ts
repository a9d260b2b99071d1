export interface PeakOptions {
  /** Periods on each side used for the trend (rolling median). Default 6 (a year of months). */
  halfWindow?: number;
  /** Robust z-score above which a period is a peak. Default 2.5. */
  minScore?: number;
  /** Minimum relative excess over the trend. Default 0.15 (15 %). */
  minExcess?: number;
}

export interface PeakPoint {
  period: string;
  value: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Peaks = periods significantly above the trend. Trend: rolling median of the `halfWindow` periods on
 * each side (the period itself excluded), robust to the peaks it looks for. Residuals are scored with
 * the median absolute deviation (MAD, scaled by 1.4826 to match a standard deviation); a period is a
 * peak when its robust z-score ≥ minScore and it exceeds the trend by ≥ minExcess.
 */
export function detectPeaks(series: PeakPoint[], opts: PeakOptions = {}) {
  const w = opts.halfWindow ?? 6;
  const minScore = opts.minScore ?? 2.5;
  const minExcess = opts.minExcess ?? 0.15;
  const trend = series.map((_, i) => {
    const around = series.filter((__, j) => j !== i && Math.abs(j - i) <= w).map((p) => p.value);
    return around.length ? median(around) : series[i].value;
  });
  const residuals = series.map((p, i) => p.value - trend[i]);
  const mad = median(residuals.map((r) => Math.abs(r - median(residuals)))) * 1.4826;
  const scale = mad > 0 ? mad : Math.max(1, median(trend) * 0.05);
  const points = series.map((p, i) => ({
    period: p.period,
    value: p.value,
    trend: Math.round(trend[i] * 10) / 10,
    excess: trend[i] > 0 ? (p.value - trend[i]) / trend[i] : 0,
    score: residuals[i] / scale,
  }));
  return { points, peaks: series.length >= 5 ? points.filter((p) => p.score >= minScore && p.excess >= minExcess) : [] };
}
