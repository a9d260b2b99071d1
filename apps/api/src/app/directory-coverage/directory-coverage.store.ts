import type { DirectoryCoverage, DirectoryCoverageDepartment, DirectoryCoverageSource } from '@vigie/contracts';

/** What the store needs from pg (a Pool or a PoolClient). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A declared department with fewer active services than this is flagged `few_services`. */
export const FEW_SERVICES = 10;
/** An undeclared department with at least this many active services is flagged `undeclared_with_services`. */
export const MANY_SERVICES = 50;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export class DirectoryCoverageInputError extends Error {}

/** The coverage a snapshot is computed with: covered departments on `day` (null: nothing declared, all covered). */
export interface CoverageOnDay {
  source: DirectoryCoverageSource;
  day: string;
  /** Covered departments on `day`; null when the source is 'all'. */
  covered: string[] | null;
  /** Every declaration, covered on `day` or not yet. */
  declared: { code: string; from: string }[];
}

/** The covered departments on `day`: declared with from ≤ day. Nothing declared at all → every territory covered. */
export async function coverageOn(db: Queryable, day: string): Promise<CoverageOnDay> {
  const { rows } = await db.query(
    `SELECT department_code AS code, to_char(from_day, 'YYYY-MM-DD') AS "from" FROM directory_coverage WHERE country = 'FR' ORDER BY department_code`,
  );
  const declared = rows as { code: string; from: string }[];
  if (!declared.length) return { source: 'all', day, covered: null, declared };
  return { source: 'declared', day, covered: declared.filter((d) => d.from <= day).map((d) => d.code), declared };
}

/** Declares (or moves the start of) a department's coverage; `from` null removes it. Returns whether a row changed. */
export async function declareCoverage(
  db: Queryable,
  code: string,
  from: string | null,
  by: string,
  note: string | null = null,
): Promise<boolean> {
  const dept = await db.query(`SELECT 1 FROM department WHERE country = 'FR' AND code = $1`, [code]);
  if (!dept.rows.length) throw new DirectoryCoverageInputError(`department ${code} does not exist`);
  if (from === null) {
    const r = await db.query(`DELETE FROM directory_coverage WHERE country = 'FR' AND department_code = $1 RETURNING 1`, [code]);
    return r.rows.length > 0;
  }
  if (
    !ISO_DAY.test(from) ||
    Number.isNaN(Date.parse(`${from}T00:00:00Z`)) ||
    new Date(`${from}T00:00:00Z`).toISOString().slice(0, 10) !== from
  )
    throw new DirectoryCoverageInputError(`from must be a day YYYY-MM-DD, not "${from}"`);
  await db.query(
    `INSERT INTO directory_coverage (country, department_code, from_day, note, declared_by) VALUES ('FR', $1, $2, $3, $4)
     ON CONFLICT (country, department_code) DO UPDATE SET from_day = EXCLUDED.from_day, note = EXCLUDED.note,
       declared_by = EXCLUDED.declared_by, declared_at = now()`,
    [code, from, note, by],
  );
  return true;
}

/**
 * Departments the deployment data name (department targets, activities), with the first day they do: January 1st of
 * the first target year, or the first activity, whichever is earlier. A suggestion, never applied by itself.
 */
export async function deploymentSuggestion(db: Queryable): Promise<{ code: string; from: string }[]> {
  const { rows } = await db.query(
    `SELECT d.code, to_char(min(x.day), 'YYYY-MM-DD') AS "from"
     FROM (SELECT code, make_date(year, 1, 1) AS day FROM target WHERE level = 'department'
           UNION ALL SELECT department_code, date FROM activity WHERE department_code IS NOT NULL) x
     JOIN department d ON d.country = 'FR' AND d.code = x.code
     GROUP BY d.code ORDER BY d.code`,
  );
  return rows as { code: string; from: string }[];
}

/**
 * The directory coverage on `day`, checked against the data, over `departments` (the viewer's; null = all).
 * Lists the declared departments and the undeclared ones that are flagged; totals are over the scope.
 */
export async function readDirectoryCoverage(db: Queryable, day: string, departments: string[] | null): Promise<DirectoryCoverage> {
  const on = await coverageOn(db, day);
  const { rows } = await db.query(
    `SELECT d.code, d.name, d.region_code AS "regionCode", d.population::float8 AS population,
            to_char(dc.from_day, 'YYYY-MM-DD') AS "from", dc.note, dc.declared_by AS "declaredBy", dc.declared_at AS "declaredAt",
            coalesce(s.n, 0)::int AS services
     FROM department d
     LEFT JOIN directory_coverage dc ON dc.country = d.country AND dc.department_code = d.code
     LEFT JOIN (SELECT department_code, count(*) AS n FROM service WHERE removed_at IS NULL AND status = 'ONLINE' GROUP BY 1) s
       ON s.department_code = d.code
     WHERE d.country = 'FR' AND ($1::text[] IS NULL OR d.code = ANY($1))
     ORDER BY d.code`,
    [departments],
  );
  const all = rows.map((r): DirectoryCoverageDepartment => {
    const from = (r['from'] as string | null) ?? null;
    const covered = on.source === 'all' || (from !== null && from <= day);
    const services = r['services'] as number;
    const flag =
      from !== null && services < FEW_SERVICES
        ? ('few_services' as const)
        : from === null && services >= MANY_SERVICES
          ? ('undeclared_with_services' as const)
          : null;
    return {
      code: r['code'] as string,
      name: r['name'] as string,
      regionCode: r['regionCode'] as string,
      population: r['population'] as number,
      from,
      covered,
      services,
      flag,
      note: (r['note'] as string | null) ?? null,
      declaredBy: (r['declaredBy'] as string | null) ?? null,
      declaredAt: r['declaredAt'] ? (r['declaredAt'] as Date).toISOString() : null,
    };
  });
  const coveredPopulation = all.filter((d) => d.covered).reduce((a, d) => a + d.population, 0);
  const totalPopulation = all.reduce((a, d) => a + d.population, 0);
  const suggested = on.source === 'all' ? await deploymentSuggestion(db) : [];
  return {
    referenceDay: day,
    source: on.source,
    departments: all.filter((d) => d.from !== null || d.flag !== null),
    coveredDepartments: all.filter((d) => d.covered).length,
    totalDepartments: all.length,
    coveredPopulation,
    totalPopulation,
    populationShare: totalPopulation > 0 ? coveredPopulation / totalPopulation : null,
    thresholds: { fewServices: FEW_SERVICES, manyServices: MANY_SERVICES },
    suggested: departments === null ? suggested : suggested.filter((s) => departments.includes(s.code)),
  };
}
