import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActivityKindName, DeploymentActivity, DeploymentLevel, DeploymentMetric, MutualAidStatus } from '@vigie/contracts';

const COUNTRY = 'FR';

/** A resolved territory: `national` has no code filter. */
export interface Scope {
  level: DeploymentLevel;
  code: string;
}

/** Raw KPI values of a territory (or of one department when grouped). */
export interface RawValues {
  structures: number;
  searches: number;
  people: number;
  listeners: number;
  copil: number;
  funds: number;
}

export const EMPTY_VALUES: RawValues = { structures: 0, searches: 0, people: 0, listeners: 0, copil: 0, funds: 0 };

/** Condition restricting alias `a` (a table with department_code and region_code) to the scope. */
function scopeWhere(scope: Scope, a: string, params: unknown[]): string {
  if (scope.level === 'national') return 'TRUE';
  params.push(scope.code);
  return `${a}.${scope.level === 'region' ? 'region_code' : 'department_code'} = $${params.length}`;
}

/** Reads services, search rollups, activities, targets and mutual aid; never writes. */
@Injectable()
export class DeploymentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async territory(scope: Scope): Promise<{ name: string; population: number } | null> {
    if (scope.level === 'national') {
      const r = await this.ds.query(`SELECT coalesce(sum(population), 0)::bigint AS p FROM region WHERE country = $1`, [COUNTRY]);
      return { name: 'France', population: Number(r[0].p) };
    }
    const r = await this.ds.query(`SELECT name, population FROM ${scope.level} WHERE country = $1 AND code = $2`, [COUNTRY, scope.code]);
    return r[0] ? { name: r[0].name, population: Number(r[0].population) } : null;
  }

  /**
   * KPI values over [yearStart, yearEnd) (searches over [yearStart, searchEnd)), for the scope or,
   * with `byDepartment`, for each of the given departments.
   */
  async values(
    scope: Scope,
    period: { yearStart: string; yearEnd: string; searchEnd: string },
    byDepartment: string[] | null = null,
  ): Promise<Map<string, RawValues>> {
    const group = byDepartment ? 'x.department_code' : `''::text`;
    const where = (a: string, params: unknown[]) =>
      byDepartment ? (params.push(byDepartment), `${a}.department_code = ANY($${params.length})`) : scopeWhere(scope, a, params);
    const run = async (sql: (w: string) => string, extra: unknown[]) => {
      const params = [...extra];
      const w = where('x', params);
      return (await this.ds.query(sql(w), params)) as ({ d: string } & Record<string, string | number>)[];
    };
    const [structures, searches, activities] = await Promise.all([
      run(
        (w) => `SELECT ${group} AS d, count(DISTINCT (x.source, x.place_source_id))::int AS structures
                FROM service x WHERE x.status = 'ONLINE' AND x.removed_at IS NULL AND ${w} GROUP BY 1`,
        [],
      ),
      run(
        (w) => `SELECT ${group} AS d, coalesce(sum(x.searches), 0)::float8 AS searches
                FROM search_event_day x WHERE x.day >= $1::date AND x.day < $2::date AND ${w} GROUP BY 1`,
        [period.yearStart, period.searchEnd],
      ),
      run(
        (w) => `SELECT ${group} AS d,
                  coalesce(sum(x.people) FILTER (WHERE x.kind IN ('sensitisation', 'training')), 0)::float8 AS people,
                  coalesce(sum(x.listeners), 0)::float8 AS listeners,
                  count(*) FILTER (WHERE x.kind = 'copil')::int AS copil,
                  coalesce(sum(x.amount) FILTER (WHERE x.kind = 'funding'), 0)::float8 AS funds
                FROM activity x WHERE x.date >= $1::date AND x.date < $2::date AND ${w} GROUP BY 1`,
        [period.yearStart, period.yearEnd],
      ),
    ]);
    const out = new Map<string, RawValues>();
    const at = (d: string) => {
      let v = out.get(d);
      if (!v) out.set(d, (v = { ...EMPTY_VALUES }));
      return v;
    };
    for (const r of structures) at(r.d).structures = Number(r['structures']);
    for (const r of searches) at(r.d).searches = Number(r['searches']);
    for (const r of activities)
      Object.assign(at(r.d), {
        people: Number(r['people']),
        listeners: Number(r['listeners']),
        copil: Number(r['copil']),
        funds: Number(r['funds']),
      });
    return out;
  }

  /** Sum of the department targets of the scope for the year, per metric, and how many departments have one. */
  async targets(scope: Scope, year: number): Promise<{ sums: Partial<Record<DeploymentMetric, number>>; departments: number }> {
    const params: unknown[] = [year, COUNTRY];
    let w = 'TRUE';
    if (scope.level !== 'national') {
      params.push(scope.code);
      w = `dep.${scope.level === 'region' ? 'region_code' : 'code'} = $${params.length}`;
    }
    const rows: { metric: DeploymentMetric; value: number; n: number }[] = await this.ds.query(
      `SELECT t.metric, sum(t.value)::float8 AS value, count(DISTINCT t.code)::int AS n
       FROM target t JOIN department dep ON dep.country = $2 AND dep.code = t.code
       WHERE t.level = 'department' AND t.year = $1 AND ${w} GROUP BY t.metric`,
      params,
    );
    const d: { n: number }[] = await this.ds.query(
      `SELECT count(DISTINCT t.code)::int AS n FROM target t JOIN department dep ON dep.country = $2 AND dep.code = t.code
       WHERE t.level = 'department' AND t.year = $1 AND ${w}`,
      params,
    );
    return { sums: Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)])), departments: d[0]?.n ?? 0 };
  }

  /** Departments with at least one target in the year, with each metric's target. */
  async departmentTargets(
    year: number,
  ): Promise<{ code: string; name: string; regionCode: string; targets: Partial<Record<DeploymentMetric, number>> }[]> {
    const rows: { code: string; name: string; region_code: string; metric: DeploymentMetric; value: number }[] = await this.ds.query(
      `SELECT dep.code, dep.name, dep.region_code, t.metric, t.value
       FROM target t JOIN department dep ON dep.country = $2 AND dep.code = t.code
       WHERE t.level = 'department' AND t.year = $1 ORDER BY dep.code, t.metric`,
      [year, COUNTRY],
    );
    const by = new Map<string, { code: string; name: string; regionCode: string; targets: Partial<Record<DeploymentMetric, number>> }>();
    for (const r of rows) {
      let d = by.get(r.code);
      if (!d) by.set(r.code, (d = { code: r.code, name: r.name, regionCode: r.region_code, targets: {} }));
      d.targets[r.metric] = Number(r.value);
    }
    return [...by.values()];
  }

  async targetYears(): Promise<number[]> {
    const rows: { year: number }[] = await this.ds.query(`SELECT DISTINCT year FROM target WHERE level = 'department' ORDER BY year DESC`);
    return rows.map((r) => r.year);
  }

  async activities(
    scope: Scope,
    from: string,
    to: string,
    kind: ActivityKindName | null,
    limit: number,
  ): Promise<{ items: DeploymentActivity[]; total: number }> {
    const params: unknown[] = [from, to];
    let where = `x.date BETWEEN $1::date AND $2::date AND ${scopeWhere(scope, 'x', params)}`;
    if (kind) {
      params.push(kind);
      where += ` AND x.kind = $${params.length}`;
    }
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT x.id, x.kind, to_char(x.date, 'YYYY-MM-DD') AS date, x.level, x.code, x.department_code, x.title, x.people, x.listeners, x.funder, x.amount::float8 AS amount
         FROM activity x WHERE ${where} ORDER BY x.date DESC, x.id DESC LIMIT ${Math.trunc(limit)}`,
        params,
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM activity x WHERE ${where}`, params),
    ]);
    return {
      total: count[0].n,
      items: rows.map((r: Record<string, unknown>) => ({
        id: Number(r['id']),
        kind: r['kind'] as ActivityKindName,
        date: r['date'] as string,
        level: r['level'] as string,
        code: r['code'] as string,
        departmentCode: (r['department_code'] as string | null) ?? null,
        title: (r['title'] as string | null) ?? null,
        people: (r['people'] as number | null) ?? null,
        listeners: (r['listeners'] as number | null) ?? null,
        funder: (r['funder'] as string | null) ?? null,
        amount: r['amount'] === null ? null : Number(r['amount']),
      })),
    };
  }

  async activityMonths(
    scope: Scope,
    from: string,
    to: string,
    kind: ActivityKindName | null,
  ): Promise<{ month: string; kind: ActivityKindName; n: number; people: number; amount: number }[]> {
    const params: unknown[] = [from, to];
    let where = `x.date BETWEEN $1::date AND $2::date AND ${scopeWhere(scope, 'x', params)}`;
    if (kind) {
      params.push(kind);
      where += ` AND x.kind = $${params.length}`;
    }
    const rows = await this.ds.query(
      `SELECT to_char(date_trunc('month', x.date), 'YYYY-MM-DD') AS month, x.kind, count(*)::int AS n,
              coalesce(sum(x.people), 0)::float8 AS people, coalesce(sum(x.amount), 0)::float8 AS amount
       FROM activity x WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    return rows.map((r: { month: string; kind: ActivityKindName; n: number; people: number; amount: number }) => ({
      ...r,
      people: Number(r.people),
      amount: Number(r.amount),
    }));
  }

  async mutualAid(
    scope: Scope,
  ): Promise<{ category: string; commune: string | null; kind: 'offer' | 'request'; status: MutualAidStatus; n: number }[]> {
    const params: unknown[] = [];
    return this.ds.query(
      `SELECT x.category, x.commune_code AS commune, x.kind, x.status, count(*)::int AS n
       FROM mutual_aid x WHERE ${scopeWhere(scope, 'x', params)} GROUP BY 1, 2, 3, 4`,
      params,
    );
  }

  async communes(codes: string[]): Promise<Map<string, { name: string; population: number }>> {
    if (!codes.length) return new Map();
    const rows = await this.ds.query(`SELECT code, name, population FROM commune WHERE country = $1 AND code = ANY($2)`, [COUNTRY, codes]);
    return new Map(
      rows.map((r: { code: string; name: string; population: number }) => [r.code, { name: r.name, population: Number(r.population) }]),
    );
  }
}
