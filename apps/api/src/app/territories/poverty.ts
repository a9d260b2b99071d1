import { resolvePoverty, summarisePoverty, type PovertyRate, type PovertyTables } from '@vigie/territory-domain';
import type { PovertyInfo, TerritoryRef } from '@vigie/contracts';

/** Anything that runs a query and returns its rows (a pg Pool or a TypeORM DataSource). */
type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] } | Record<string, unknown>[]>;

const rowsOf = (r: { rows: Record<string, unknown>[] } | Record<string, unknown>[]) => (Array.isArray(r) ? r : r.rows);

/**
 * The poverty rates known to Vigie: the INSEE Filosofi rates shipped with the geography (poverty_reference) and,
 * per territory, the latest imported `poverty_rate` indicator. The rule that picks a unit's rate is
 * resolvePoverty (docs/METRICS.md, "Poverty").
 */
export async function loadPovertyTables(query: Query): Promise<PovertyTables> {
  const [ref, imp] = await Promise.all([
    query(`SELECT level, code, year, rate FROM poverty_reference WHERE country = 'FR'`),
    query(
      `SELECT DISTINCT ON (level, code) level, code, year, value AS rate FROM indicator
       WHERE indicator = 'poverty_rate' AND level IN ('commune', 'department') ORDER BY level, code, year DESC`,
    ),
  ]);
  const t = {
    communeReference: new Map<string, PovertyRate>(),
    departmentReference: new Map<string, PovertyRate>(),
    communeImport: new Map<string, PovertyRate>(),
    departmentImport: new Map<string, PovertyRate>(),
  };
  for (const r of rowsOf(ref)) {
    (r['level'] === 'commune' ? t.communeReference : t.departmentReference).set(String(r['code']), {
      rate: Number(r['rate']),
      year: Number(r['year']),
    });
  }
  for (const r of rowsOf(imp)) {
    (r['level'] === 'commune' ? t.communeImport : t.departmentImport).set(String(r['code']), {
      rate: Number(r['rate']),
      year: Number(r['year']),
    });
  }
  return t;
}

/** SQL condition (alias c) for the analysis units: communes not divided into arrondissements, and arrondissements. */
export const ANALYSIS_UNIT = 'NOT c.has_arrondissements';

/**
 * Poverty of a territory (or of France when `ref` is null) from its analysis units: a commune divided into
 * arrondissements is summed from them; an arrondissement or an ordinary commune is its own unit. No unit takes a
 * rate from outside its own department.
 */
export async function povertyOf(query: Query, ref: TerritoryRef | null): Promise<PovertyInfo> {
  const params: unknown[] = [];
  let inside = 'true';
  if (ref) {
    params.push(ref.code);
    inside =
      ref.level === 'commune'
        ? '(c.code = $1 OR c.parent_code = $1)'
        : ref.level === 'epci'
          ? 'c.epci_code = $1'
          : ref.level === 'department'
            ? 'c.department_code = $1'
            : 'c.region_code = $1';
  }
  const [tables, rows] = await Promise.all([
    loadPovertyTables(query),
    query(
      `SELECT c.code, c.department_code AS "departmentCode", c.population FROM commune c WHERE c.country = 'FR' AND ${ANALYSIS_UNIT} AND ${inside}`,
      params,
    ),
  ]);
  const units = rowsOf(rows).map((u) => ({
    code: String(u['code']),
    departmentCode: String(u['departmentCode']),
    population: Number(u['population']),
  }));
  const chosen = resolvePoverty(units, tables);
  return summarisePoverty(units.map((u) => ({ population: u.population, poverty: chosen.get(u.code) ?? null })));
}
