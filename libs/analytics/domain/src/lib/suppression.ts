import type { Count } from '@vigie/contracts';

/** Default disclosure threshold: counts below 11 are not shown (INSEE statistical-secrecy practice). */
export const DEFAULT_K = 11;

/** A count as shown to the caller: exact when k is null (authorised) or when n ≥ k, else { lt: k }. Zero stays 0. */
export function suppress(n: number, k: number | null): Count {
  if (k === null || n === 0 || n >= k) return n;
  return { lt: k };
}

/** A ratio that is only disclosed when its denominator is (rates on tiny counts re-identify). */
export function safeRate(num: number, den: number, k: number | null): number | null {
  if (den === 0) return null;
  if (k !== null && den < k) return null;
  return num / den;
}

export function per10k(n: number, population: number, k: number | null): number | null {
  if (population <= 0) return null;
  if (k !== null && n > 0 && n < k) return null;
  return (n / population) * 10_000;
}
