/**
 * Sequential colour scales readable with colour-vision deficiencies (viridis and cividis families,
 * light → dark so that "more" reads as "darker" in greyscale too).
 */
export const SEQUENTIAL_VIRIDIS = ['#fde725', '#90d743', '#35b779', '#21918c', '#31688e', '#443983', '#440154'];
export const SEQUENTIAL_CIVIDIS = ['#fee838', '#d3c164', '#a69d75', '#7c7b78', '#575d6d', '#2a3f6d', '#00224e'];

/** Quantile breaks (n classes) of positive values; robust to the long tail of populations. */
export function quantileBreaks(values: number[], classes: number): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))];
    if (!breaks.length || v > breaks[breaks.length - 1]) breaks.push(v);
  }
  return breaks;
}
