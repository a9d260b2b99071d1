import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Granularity, SearchDimension, SearchFilters, TerritoryLevel } from '@vigie/contracts';
import { splitWholeMonths } from '@vigie/analytics-domain';

export interface RawCount {
  key: string;
  searches: number;
  zero: number;
}

/** Rollup dimension → column. */
const DIMENSION_COLUMN: Record<Exclude<SearchDimension, 'territory'>, string> = {
  category: 'category_id',
  theme: 'theme_id',
  status: 'user_status',
  origin: 'origin',
  language: 'language',
  results: 'results_bucket::text',
};

const CACHE_ENTRIES = 2000;

/**
 * Which relation answers a query: `fine` = search_event_day (the events themselves with the rollups'
 * columns, every dimension, per commune: a daily rollup was as large as the events, see migration
 * 1764000000007); `dept` and
 * `region` = monthly rollups per department or region × category (no status/origin/language/results
 * bucket), for the whole months of the period, the partial months at either end still read from the
 * events. The coarsest relation that holds every filtered and grouped column is chosen.
 */
export type Grain = 'fine' | 'dept' | 'region';

export interface QueryShape {
  granularity?: Granularity;
  by?: SearchDimension;
  /** Territory level of the rows of a territorial breakdown or of unmet demand. */
  rows?: TerritoryLevel | null;
}

export function grainFor(f: SearchFilters, shape: QueryShape): Grain {
  if (f.status || f.origin || f.language) return 'fine';
  if (shape.granularity && shape.granularity !== 'month') return 'fine';
  if (f.level === 'commune' || f.level === 'epci') return 'fine';
  if (shape.by && shape.by !== 'category' && shape.by !== 'theme' && shape.by !== 'territory') return 'fine';
  if (shape.rows === 'commune' || shape.rows === 'epci') return 'fine';
  if (f.level === 'department' || shape.rows === 'department') return 'dept';
  return 'region';
}

/**
 * Reads the monthly rollups and the view search_event_day (never the free-text or identifier columns of the
 * events): department and day filters use the events' (department, day) B-tree, periods their BRIN on day.
 * Answers are cached per query and rollup version (bumped in the same transaction as every rollup
 * change), so a cached answer is never older than the data: dashboards re-ask the same questions.
 */
@Injectable()
export class SearchesRepository {
  private readonly cache = new Map<string, { version: string; rows: unknown[] }>();
  private readonly inflight = new Map<string, Promise<unknown[]>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** In-flight read of the rollup version, shared by the concurrent queries of a request (a series runs 7). */
  private version: Promise<string> | null = null;

  private currentVersion(): Promise<string> {
    this.version ??= this.ds
      .query(`SELECT version::text AS version FROM search_rollup_version WHERE id = 1`)
      .then((rows: { version: string }[]) => rows[0].version)
      .finally(() => (this.version = null));
    return this.version;
  }

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const version = await this.currentVersion();
    const key = sql + '\u0000' + JSON.stringify(params);
    const hit = this.cache.get(key);
    if (hit && hit.version === version) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit.rows as T[];
    }
    // One query per key and version however many requests miss at once: after a version bump (an import,
    // or live batches every few seconds) a crowd of dashboards asks the same questions, and identical queries queued for the pool.
    const flight = version + '\u0000' + key;
    let p = this.inflight.get(flight);
    if (!p) {
      p = this.ds.query(sql, params) as Promise<unknown[]>;
      this.inflight.set(flight, p);
      p.then(
        (rows) => {
          this.inflight.delete(flight);
          this.cache.set(key, { version, rows });
          if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
        },
        () => this.inflight.delete(flight),
      );
    }
    return (await p) as T[];
  }

  /**
   * The FROM clause (alias r) for a grain: the events (search_event_day), or the monthly rollup for the
   * whole months of the period united with the events of the partial months at its ends. Every branch has the
   * columns day, region_code, [department_code,] category_id, theme_id, searches, zero_results; `where`
   * then applies unchanged (a monthly row's day is the first of its month, inside the whole-month span).
   */
  from(f: SearchFilters, grain: Grain, params: unknown[]): string {
    if (grain === 'fine') return 'search_event_day r';
    const cols = `day, region_code, ${grain === 'dept' ? 'department_code, ' : ''}category_id, theme_id, searches, zero_results`;
    const table = grain === 'dept' ? 'search_rollup_month_dept' : 'search_rollup_month_region';
    const { head, months, tail } = splitWholeMonths(f.from, f.to);
    const range = (r: { from: string; to: string }) => {
      params.push(r.from, r.to);
      return `day BETWEEN $${params.length - 1}::date AND $${params.length}::date`;
    };
    const parts: string[] = [];
    if (head) parts.push(`SELECT ${cols} FROM search_event_day WHERE ${range(head)}`);
    if (months) parts.push(`SELECT ${cols} FROM ${table} WHERE ${range(months)}`);
    if (tail) parts.push(`SELECT ${cols} FROM search_event_day WHERE ${range(tail)}`);
    return `(${parts.join(' UNION ALL ')}) r`;
  }

  where(f: SearchFilters, params: unknown[]): string {
    const parts: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    parts.push(`r.day BETWEEN ${p(f.from)}::date AND ${p(f.to)}::date`);
    if (f.level && f.code) {
      if (f.level === 'region') parts.push(`r.region_code = ${p(f.code)}`);
      else if (f.level === 'department') parts.push(`r.department_code = ${p(f.code)}`);
      else if (f.level === 'commune') parts.push(`r.commune_code = ${p(f.code)}`);
      else parts.push(`r.commune_code IN (SELECT code FROM commune WHERE country = 'FR' AND epci_code = ${p(f.code)})`);
    }
    if (f.category) parts.push(`r.category_id = ${p(f.category)}`);
    if (f.theme) parts.push(`r.theme_id = ${p(f.theme)}`);
    if (f.status) parts.push(`r.user_status = ${p(f.status)}`);
    if (f.origin) parts.push(`r.origin = ${p(f.origin)}`);
    if (f.language) parts.push(`r.language = ${p(f.language)}`);
    return parts.join(' AND ');
  }

  async series(f: SearchFilters, granularity: 'day' | 'week' | 'month'): Promise<{ period: string; searches: number; zero: number }[]> {
    const params: unknown[] = [granularity];
    const from = this.from(f, grainFor(f, { granularity }), params);
    const where = this.where(f, params);
    return this.query(
      `SELECT to_char(date_trunc($1, r.day), 'YYYY-MM-DD') AS period, sum(r.searches)::int AS searches, sum(r.zero_results)::int AS zero
       FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
  }

  async totals(f: SearchFilters): Promise<{ searches: number; zero: number }> {
    const params: unknown[] = [];
    const from = this.from(f, grainFor(f, {}), params);
    const rows = await this.query<{ searches: number; zero: number }>(
      `SELECT coalesce(sum(r.searches), 0)::int AS searches, coalesce(sum(r.zero_results), 0)::int AS zero FROM ${from} WHERE ${this.where(f, params)}`,
      params,
    );
    return rows[0];
  }

  /** Counts grouped by a dimension; `territory` groups by the level below the filtered territory. */
  async breakdown(f: SearchFilters, by: SearchDimension, childLevel: 'region' | 'department' | 'commune' | null): Promise<RawCount[]> {
    const params: unknown[] = [];
    const from = this.from(f, grainFor(f, { by, rows: by === 'territory' ? childLevel : null }), params);
    const where = this.where(f, params);
    let key: string;
    if (by === 'territory') {
      if (!childLevel) throw new BadRequestException('no finer territory level to break down into');
      key = `r.${childLevel}_code`;
    } else key = `r.${DIMENSION_COLUMN[by]}`;
    return this.query(
      `SELECT ${key} AS key, sum(r.searches)::int AS searches, sum(r.zero_results)::int AS zero
       FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    );
  }

  /**
   * Territories × keys ranked by zero-result searches or by searches per reachable service. Searches come
   * from the rollups; `reachable` (open services of the key within the catchment) from the coverage snapshot.
   */
  async unmet(
    f: SearchFilters,
    rowLevel: 'region' | 'department' | 'epci' | 'commune',
    keyType: 'category' | 'theme',
    sort: 'zero_results' | 'searches_per_service',
    limit: number,
    snapshotId: number | null,
  ): Promise<{ code: string; name: string; key: string; searches: number; zero: number; reachable: number | null }[]> {
    const params: unknown[] = [];
    const from = this.from(f, grainFor(f, { rows: rowLevel }), params);
    const where = this.where(f, params);
    const rowCode = rowLevel === 'epci' ? 'c.epci_code' : `r.${rowLevel}_code`;
    const join = rowLevel === 'epci' ? 'JOIN commune c ON c.code = r.commune_code' : '';
    const key = keyType === 'category' ? 'r.category_id' : 'r.theme_id';
    params.push(snapshotId ?? 0, rowLevel, limit);
    const [snap, lvl, lim] = [params.length - 2, params.length - 1, params.length];
    const order =
      sort === 'zero_results'
        ? 's.zero DESC, s.searches DESC'
        : 's.searches::real / greatest(1, coalesce(v.reachable, 0)) DESC, s.zero DESC';
    return this.query(
      `WITH s AS (
         SELECT ${rowCode} AS code, ${key} AS key, sum(r.searches)::int AS searches, sum(r.zero_results)::int AS zero
         FROM ${from} ${join}
         WHERE ${where} AND ${rowCode} <> '' AND ${key} <> ''
         GROUP BY 1, 2
       )
       SELECT s.code, t.name, s.key, s.searches, s.zero, v.reachable
       FROM s
       JOIN ${rowLevel} t ON t.code = s.code AND t.country = 'FR'
       LEFT JOIN coverage_value v ON v.snapshot_id = $${snap} AND v.level = $${lvl} AND v.code = s.code AND v.key = s.key
       ORDER BY ${order}, s.code, s.key
       LIMIT $${lim}`,
      params,
    );
  }

  async populationOf(level: string | undefined, code: string | undefined): Promise<number> {
    if (!level || !code) {
      const r = await this.ds.query(`SELECT coalesce(sum(population), 0)::bigint AS p FROM region WHERE country = 'FR'`);
      return Number(r[0].p);
    }
    const table = ({ region: 'region', department: 'department', epci: 'epci', commune: 'commune' } as Record<string, string>)[level];
    const r = await this.ds.query(`SELECT population FROM ${table} WHERE country = 'FR' AND code = $1`, [code]);
    return r[0]?.population ?? 0;
  }

  async names(level: 'region' | 'department' | 'commune', codes: string[]): Promise<Map<string, { name: string; population: number }>> {
    if (!codes.length) return new Map();
    const rows = await this.ds.query(`SELECT code, name, population FROM ${level} WHERE country = 'FR' AND code = ANY($1)`, [codes]);
    return new Map(
      rows.map((r: { code: string; name: string; population: number }) => [r.code, { name: r.name, population: r.population }]),
    );
  }

  async currentSnapshotId(): Promise<number | null> {
    const r = await this.ds.query(`SELECT snapshot_id FROM coverage_current`);
    return r[0] ? Number(r[0].snapshot_id) : null;
  }
}
