import type { IndicatorRecord } from '@vigie/ingest-domain';
import { dayOf, yearOfDay } from './calendar.js';
import { Rng } from './random.js';
import type { ResolvedDemoOptions } from './types.js';

/**
 * Poverty rate (%) behind the synthetic RSA counts only (realistic ranges: highest in Seine-Saint-Denis, Aude,
 * Pyrénées-Orientales, Aisne, Nord, Pas-de-Calais, Bouches-du-Rhône; DROM 30–40 %; lowest in the west of
 * Île-de-France and the Alps; others 10.5–15.5 %). The demo imports no `poverty_rate`: the metrics use the real
 * INSEE Filosofi rates shipped in data/indicators, which a synthetic later year would override.
 */
export const POVERTY_RATE_BASE: Readonly<Record<string, number>> = {
  '93': 28.4,
  '11': 21.8,
  '66': 21.0,
  '84': 19.8,
  '62': 19.6,
  '30': 19.5,
  '34': 19.3,
  '59': 19.2,
  '08': 19.0,
  '2B': 19.6,
  '02': 18.6,
  '13': 18.4,
  '95': 17.6,
  '94': 16.6,
  '75': 15.2,
  '92': 12.3,
  '78': 9.8,
  '74': 9.3,
  '85': 10.2,
  '971': 34.0,
  '972': 30.5,
  '973': 39.0,
  '974': 36.5,
  '976': 40.0,
};

const SOURCE = 'Vigie démo (valeurs synthétiques)';
/** RSA households per poor inhabitant (≈ 1.9 M households for ≈ 9.5 M poor people). */
const RSA_PER_POOR = 0.19;

/** Indicator years: the search-history years plus three before, up to last year (data lag). */
export function indicatorYears(options: ResolvedDemoOptions): number[] {
  const last = yearOfDay(dayOf(options.today)) - 1;
  const first = last - Math.ceil(options.years) - 2;
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

export function generateDepartmentIndicators(
  departmentCode: string,
  population: number,
  options: ResolvedDemoOptions,
  out: IndicatorRecord[],
): void {
  const rng = Rng.derive(options.seed, `indicators:${departmentCode}`);
  const base = POVERTY_RATE_BASE[departmentCode] ?? 10.5 + 5 * rng.next();
  const years = indicatorYears(options);
  const lastYear = years[years.length - 1];
  for (const year of years) {
    const rate = Math.round(Math.min(40, Math.max(9, base + 0.15 * (lastYear - year) + rng.normal(0, 0.25))) * 10) / 10;
    const rsa = Math.round((population * rate * RSA_PER_POOR * (1 + rng.normal(0, 0.03))) / 100);
    out.push({
      level: 'department',
      code: departmentCode,
      indicator: 'rsa_beneficiaries',
      year,
      value: rsa,
      unit: 'foyers',
      source: SOURCE,
    });
  }
}
