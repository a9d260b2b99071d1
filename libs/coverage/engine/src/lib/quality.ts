import { dayNumber, monthsBetween } from './dates.js';
import type { CompletenessInput } from './types.js';

/** Points of each completeness criterion (sum 100). See docs/METRICS.md, "Completeness". */
export const COMPLETENESS_WEIGHTS = {
  address: 20,
  hours: 20,
  contact: 20,
  publics: 10,
  description: 15,
  freshness: 15,
} as const;

export type CompletenessCriteria = Record<keyof typeof COMPLETENESS_WEIGHTS, number>;

/** data·inclusion description_bien_definie: 1–49 chars 0; 50–199 0.5; 200–1999 1; 2000+ 0.5. */
export function descriptionScore(length: number): number {
  if (length < 50) return 0;
  if (length < 200) return 0.5;
  if (length < 2000) return 1;
  return 0.5;
}

/** data·inclusion date_maj_recente: 1 under 6 months, then linear down to 0 at 24 months; unknown 0. */
export function freshnessScore(updatedAt: string | null, today: number, freshMonths = 6): number {
  if (!updatedAt) return 0;
  return freshnessScoreOfDay(dayNumber(updatedAt), today, freshMonths);
}

/** freshnessScore from the day number of the last update (NaN = unknown). */
export function freshnessScoreOfDay(day: number, today: number, freshMonths = 6): number {
  if (Number.isNaN(day)) return 0;
  const months = monthsBetween(day, today);
  if (months < freshMonths) return 1;
  if (months >= 24) return 0;
  return (24 - months) / (24 - freshMonths);
}

/** Each criterion in [0, 1]. */
export function completenessCriteria(c: CompletenessInput, updatedAt: string | null, today: number, freshMonths = 6): CompletenessCriteria {
  return {
    address: c.hasAddress ? 1 : 0,
    hours: c.hasHours ? 1 : 0,
    contact: c.hasContact ? 1 : 0,
    publics: c.hasPublics ? 1 : 0,
    description: descriptionScore(c.descriptionLength),
    freshness: freshnessScore(updatedAt, today, freshMonths),
  };
}

/** Weighted completeness score 0–100 of one service. */
export function completenessScore(c: CompletenessInput, updatedAt: string | null, today: number, freshMonths = 6): number {
  const k = completenessCriteria(c, updatedAt, today, freshMonths);
  let s = 0;
  for (const name of Object.keys(COMPLETENESS_WEIGHTS) as (keyof CompletenessCriteria)[]) s += COMPLETENESS_WEIGHTS[name] * k[name];
  return s;
}

/**
 * completenessScore from the day number of the last update (NaN = unknown), without the per-call
 * criteria object: the same terms summed in the same order, so the same value.
 */
export function completenessScoreOfDay(c: CompletenessInput, updatedDay: number, today: number, freshMonths = 6): number {
  const W = COMPLETENESS_WEIGHTS;
  let s = 0;
  s += W.address * (c.hasAddress ? 1 : 0);
  s += W.hours * (c.hasHours ? 1 : 0);
  s += W.contact * (c.hasContact ? 1 : 0);
  s += W.publics * (c.hasPublics ? 1 : 0);
  s += W.description * descriptionScore(c.descriptionLength);
  s += W.freshness * freshnessScoreOfDay(updatedDay, today, freshMonths);
  return s;
}
