import type { PovertyInfo, PovertySource } from '@vigie/contracts';
import { DatasetError, splitCsvLine } from './dataset.js';

/** A poverty rate (%, 0–100) of one year. */
export interface PovertyRate {
  rate: number;
  year: number;
}

/** One row of data/indicators/*-pauvrete.csv with a published rate. */
export interface PovertyReferenceRecord extends PovertyRate {
  level: 'commune' | 'department';
  code: string;
}

/**
 * Parses a Filosofi CSV of data/indicators (`code,year,poverty_rate,median_income`). Rows with a blank rate
 * (secret statistique or not available) are left out: they have no published rate.
 */
export function parsePovertyCsv(text: string, level: PovertyReferenceRecord['level']): PovertyReferenceRecord[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines.shift() ?? '');
  const iCode = header.indexOf('code');
  const iYear = header.indexOf('year');
  const iRate = header.indexOf('poverty_rate');
  if (iCode < 0 || iYear < 0 || iRate < 0) throw new DatasetError(`poverty CSV: unexpected header "${header.join(',')}"`);
  const out: PovertyReferenceRecord[] = [];
  lines.forEach((line, i) => {
    const cells = splitCsvLine(line);
    const raw = cells[iRate]?.trim() ?? '';
    if (raw === '') return;
    const rate = Number(raw);
    const year = Number(cells[iYear]);
    if (!Number.isFinite(rate) || rate < 0 || rate > 100 || !Number.isInteger(year)) {
      throw new DatasetError(`poverty CSV line ${i + 2}: bad rate "${raw}" or year "${cells[iYear]}"`);
    }
    out.push({ level, code: cells[iCode], year, rate });
  });
  return out;
}

/** Everything known about poverty rates: the shipped reference and the imported indicators (latest year each). */
export interface PovertyTables {
  communeReference: ReadonlyMap<string, PovertyRate>;
  departmentReference: ReadonlyMap<string, PovertyRate>;
  communeImport: ReadonlyMap<string, PovertyRate>;
  departmentImport: ReadonlyMap<string, PovertyRate>;
}

export interface PovertyChoice extends PovertyRate {
  source: PovertySource;
}

/** Of an imported and a shipped rate of the same territory: the later year; the import on the same year. */
function pick(imported: PovertyRate | undefined, shipped: PovertyRate | undefined): { r: PovertyRate; imported: boolean } | null {
  if (imported && (!shipped || imported.year >= shipped.year)) return { r: imported, imported: true };
  return shipped ? { r: shipped, imported: false } : null;
}

/** A unit's own rate (imported or shipped, see `pick`), or null when its rate is not published. */
function ownRate(unit: { code: string }, t: PovertyTables): PovertyChoice | null {
  const own = pick(t.communeImport.get(unit.code), t.communeReference.get(unit.code));
  return own ? { rate: own.r.rate, year: own.r.year, source: own.imported ? 'import' : 'commune' } : null;
}

/**
 * The poverty rate the coverage metrics use for each analysis unit (a commune, or an arrondissement of Paris,
 * Lyon or Marseille), see docs/METRICS.md "Poverty":
 * 1. its own rate: imported (indicators import) when its year is the same as or later than the shipped INSEE
 *    Filosofi rate, else the shipped one → source `import` or `commune`;
 * 2. else (secret statistique, not published) **its own department's** rate, same precedence → source
 *    `department`, an estimate. (A residual rate — the department's poor minus those of the communes that publish,
 *    over the rest — was tried and rejected: with whole-percent communal rates and population municipale instead of
 *    fiscal persons it gives 0 % in Bouches-du-Rhône and Val-de-Marne.)
 * 3. else null: no poor population, never a guess from another department.
 */
export function resolvePoverty<U extends { code: string; departmentCode: string }>(
  units: readonly U[],
  t: PovertyTables,
): Map<string, PovertyChoice | null> {
  const out = new Map<string, PovertyChoice | null>();
  for (const u of units) {
    const own = ownRate(u, t);
    if (own) {
      out.set(u.code, own);
      continue;
    }
    const dept = pick(t.departmentImport.get(u.departmentCode), t.departmentReference.get(u.departmentCode));
    out.set(u.code, dept ? { rate: dept.r.rate, year: dept.r.year, source: 'department' } : null);
  }
  return out;
}

/**
 * Poverty of an area from its analysis units: poor population = Σ rate × population over the units with a rate
 * (units without one add nothing and are counted in `shares.none`); the rate is that sum over their population.
 * A single unit gives its own rate and source.
 */
export function summarisePoverty(units: readonly { population: number; poverty: PovertyChoice | null }[]): PovertyInfo {
  const pop = { commune: 0, import: 0, department: 0, none: 0 };
  let poor = 0;
  let from = Infinity;
  let to = -Infinity;
  for (const u of units) {
    if (!u.poverty) {
      pop.none += u.population;
      continue;
    }
    pop[u.poverty.source] += u.population;
    poor += (u.poverty.rate / 100) * u.population;
    from = Math.min(from, u.poverty.year);
    to = Math.max(to, u.poverty.year);
  }
  const total = pop.commune + pop.import + pop.department + pop.none;
  const known = total - pop.none;
  const share = (x: number) => (total > 0 ? x / total : 0);
  const sources: PovertySource[] = ['commune', 'import', 'department'];
  const main = sources.filter((s) => pop[s] > 0).sort((a, b) => pop[b] - pop[a])[0] ?? null;
  const single = units.length === 1 ? units[0].poverty : undefined;
  const anyKnown = units.some((u) => u.poverty);
  return {
    rate: single !== undefined ? (single?.rate ?? null) : known > 0 ? (poor / known) * 100 : null,
    poorPopulation: anyKnown ? poor : null,
    source: single !== undefined ? (single?.source ?? null) : main,
    estimated: units.some((u) => u.poverty?.source === 'department'),
    years: anyKnown ? { from, to } : null,
    shares: { commune: share(pop.commune), import: share(pop.import), department: share(pop.department), none: share(pop.none) },
  };
}
