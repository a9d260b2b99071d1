import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  TerritoryDetail,
  TerritoryFeature,
  TerritoryLevel,
  TerritoryRef,
  TerritorySearchResult,
  TerritorySummary,
} from '@vigie/contracts';
import { levelRank, searchKey } from '@vigie/territory-domain';
import { povertyOf } from './poverty.js';

const COUNTRY = 'FR';

/** Column that links a territory of `level` to a parent of `parentLevel`, as SQL on alias t. */
function parentFilter(level: TerritoryLevel, parent: TerritoryRef): string {
  if (parent.level === 'region') return 't.region_code = $2';
  if (parent.level === 'department') {
    // An EPCI belongs to every department where it has a member commune.
    return level === 'epci'
      ? `t.code IN (SELECT epci_code FROM commune WHERE country = $1 AND department_code = $2 AND epci_code IS NOT NULL)`
      : 't.department_code = $2';
  }
  if (parent.level === 'epci') return 't.epci_code = $2';
  throw new Error(`no territory is inside a ${parent.level}`);
}

const COLUMNS: Record<TerritoryLevel, string> = {
  region: `NULL::text AS region_code, NULL::text AS department_code, NULL::text AS epci_code`,
  department: `t.region_code, NULL::text AS department_code, NULL::text AS epci_code`,
  epci: `t.region_code, t.department_code, NULL::text AS epci_code`,
  commune: `t.region_code, t.department_code, t.epci_code, t.parent_code, t.has_arrondissements`,
};

interface Row {
  code: string;
  name: string;
  population: number;
  region_code: string | null;
  department_code: string | null;
  epci_code: string | null;
  parent_code?: string | null;
  has_arrondissements?: boolean;
  lat: number | null;
  lon: number | null;
  geometry?: TerritoryFeature['geometry'];
}

/** Port to the territories tables. Table names come from a closed set; values are always parameters. */
@Injectable()
export class TerritoriesRepository {
  /** Details per geography hash (read at each call): a coverage profile asks for one each time. */
  private readonly details = new Map<string, Promise<TerritoryDetail | null>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  isValidParent(level: TerritoryLevel, parent: TerritoryRef): boolean {
    return levelRank(parent.level) < levelRank(level) && !(level === 'department' && parent.level === 'epci');
  }

  async list(level: TerritoryLevel, parent: TerritoryRef | null, withGeometry: boolean): Promise<TerritoryFeature[]> {
    const params: unknown[] = [COUNTRY];
    let where = 't.country = $1';
    // Commune lists are of the analysis units: Paris, Lyon and Marseille by arrondissement, not as a whole.
    if (level === 'commune') where += ' AND NOT t.has_arrondissements';
    if (parent) {
      params.push(parent.code);
      where += ` AND ${parentFilter(level, parent)}`;
    }
    const rows: Row[] = await this.ds.query(
      `SELECT t.code, t.name, t.population, ${COLUMNS[level]}, t.lat, t.lon${withGeometry ? ', t.geometry' : ''}
       FROM ${level} t WHERE ${where} ORDER BY t.code`,
      params,
    );
    return rows.map((r) => toFeature(level, r));
  }

  async exists(ref: TerritoryRef): Promise<boolean> {
    const rows = await this.ds.query(`SELECT 1 FROM ${ref.level} WHERE country = $1 AND code = $2`, [COUNTRY, ref.code]);
    return rows.length > 0;
  }

  async detail(ref: TerritoryRef): Promise<TerritoryDetail | null> {
    const key = `${(await this.datasetStatus()).hash}|${ref.level}|${ref.code}`;
    let d = this.details.get(key);
    if (!d) {
      d = this.detailUncached(ref);
      this.details.set(key, d);
      d.catch(() => this.details.delete(key));
      if (this.details.size > 5000) this.details.delete(this.details.keys().next().value as string);
    }
    // A copy: callers may add to it.
    return d.then((x) => (x ? structuredClone(x) : x));
  }

  private async detailUncached(ref: TerritoryRef): Promise<TerritoryDetail | null> {
    const rows: Row[] = await this.ds.query(
      `SELECT t.code, t.name, t.population, ${COLUMNS[ref.level]}, t.lat, t.lon FROM ${ref.level} t WHERE t.country = $1 AND t.code = $2`,
      [COUNTRY, ref.code],
    );
    if (!rows.length) return null;
    const props = toFeature(ref.level, rows[0]).properties;
    const ancestors: TerritorySummary[] = [];
    // `below`: an arrondissement's commune, an ancestor at its own level.
    const addAncestor = async (level: TerritoryLevel, code: string | null, below = false) => {
      if (!code || (!below && levelRank(level) >= levelRank(ref.level))) return;
      const a = await this.ds.query(`SELECT code, name, population FROM ${level} WHERE country = $1 AND code = $2`, [COUNTRY, code]);
      if (a.length) ancestors.push({ level, code, country: COUNTRY, name: a[0].name, population: a[0].population });
    };
    await addAncestor('region', props.regionCode);
    await addAncestor('department', props.departmentCode);
    await addAncestor('epci', props.epciCode);
    if (ref.level === 'commune' && props.parentCode) await addAncestor('commune', props.parentCode, true);
    const childCounts: TerritoryDetail['childCounts'] = {};
    for (const level of ['department', 'epci', 'commune'] as TerritoryLevel[]) {
      if (!this.isValidParent(level, ref)) continue;
      const [{ n }] = await this.ds.query(
        `SELECT count(*)::int AS n FROM ${level} t WHERE t.country = $1 AND ${parentFilter(level, ref)}${level === 'commune' ? ' AND NOT t.has_arrondissements' : ''}`,
        [COUNTRY, ref.code],
      );
      childCounts[level] = n;
    }
    const detail: TerritoryDetail = { ...props, ancestors, childCounts };
    if (ref.level === 'commune') {
      const pcs = await this.ds.query(`SELECT postal_code FROM postal_code WHERE country = $1 AND commune_code = $2 ORDER BY postal_code`, [
        COUNTRY,
        ref.code,
      ]);
      detail.postalCodes = pcs.map((p: { postal_code: string }) => p.postal_code);
      if (props.hasArrondissements) {
        const arr = await this.ds.query(
          `SELECT code, name, population FROM commune WHERE country = $1 AND parent_code = $2 ORDER BY code`,
          [COUNTRY, ref.code],
        );
        detail.arrondissements = arr.map((a: { code: string; name: string; population: number }) => ({
          level: 'commune' as const,
          code: a.code,
          country: COUNTRY,
          name: a.name,
          population: a.population,
        }));
      }
    }
    return detail;
  }

  /**
   * Poverty used by the coverage metrics for a territory (null = France), from its analysis units: not cached
   * with the geography, since an indicators import changes it.
   */
  poverty(ref: TerritoryRef | null) {
    return povertyOf((sql, params) => this.ds.query(sql, params), ref);
  }

  /** Search-as-you-type over regions, departments, EPCI and communes (prefix on words, by population). */
  async search(q: string, limit: number, levels: TerritoryLevel[]): Promise<TerritorySearchResult[]> {
    const key = searchKey(q);
    if (!key) return [];
    const code = q.trim().toUpperCase();
    const parts: string[] = [];
    for (const level of levels) {
      const dept = level === 'commune' || level === 'epci' ? 't.department_code' : level === 'department' ? 't.code' : 'NULL::text';
      parts.push(`(SELECT '${level}' AS level, t.code, t.name, t.population, ${dept} AS dept,
          CASE WHEN t.code = $3 THEN 0 WHEN t.search_name = $1 THEN 1 WHEN t.search_name LIKE $1 || '%' THEN 2 ELSE 3 END AS rank
        FROM ${level} t
        WHERE t.country = 'FR' AND (t.code = $3 OR t.search_name LIKE $1 || '%' OR t.search_name LIKE '% ' || $1 || '%')
        ORDER BY rank, t.population DESC LIMIT $2)`);
    }
    const rows = await this.ds.query(
      `SELECT * FROM (${parts.join(' UNION ALL ')}) s
       ORDER BY rank, CASE level WHEN 'region' THEN 0 WHEN 'department' THEN 1 WHEN 'epci' THEN 2 ELSE 3 END, population DESC LIMIT $2`,
      [key, limit, code],
    );
    return rows.map((r: { level: TerritoryLevel; code: string; name: string; population: number; dept: string | null }) => ({
      level: r.level,
      code: r.code,
      country: COUNTRY,
      name: r.name,
      population: r.population,
      label: r.level === 'region' ? `${r.name} (région)` : r.dept ? `${r.name} (${r.dept})` : r.name,
    }));
  }

  /** The commune whose centre is nearest to a point (equirectangular distance; null far from France). */
  async nearestCommune(lat: number, lon: number): Promise<string | null> {
    const rows = await this.ds.query(
      `SELECT code FROM commune WHERE country = $1 AND NOT has_arrondissements AND lat BETWEEN $2 - 0.5 AND $2 + 0.5 AND lon BETWEEN $3 - 0.7 AND $3 + 0.7
       ORDER BY (lat - $2) ^ 2 + ((lon - $3) * cos(radians($2))) ^ 2 LIMIT 1`,
      [COUNTRY, lat, lon],
    );
    return rows[0]?.code ?? null;
  }

  async communeNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.ds.query(`SELECT code, name FROM commune WHERE country = $1 AND code = ANY($2)`, [COUNTRY, codes]);
    return new Map(rows.map((r: { code: string; name: string }) => [r.code, r.name]));
  }

  async datasetStatus(): Promise<{ hash: string | null; communes: number }> {
    const rows = await this.ds.query(`SELECT hash, (counts->>'communes')::int AS communes FROM territory_dataset WHERE country = $1`, [
      COUNTRY,
    ]);
    return { hash: rows[0]?.hash ?? null, communes: rows[0]?.communes ?? 0 };
  }
}

function toFeature(level: TerritoryLevel, r: Row): TerritoryFeature {
  return {
    type: 'Feature',
    id: r.code,
    properties: {
      level,
      code: r.code,
      country: COUNTRY,
      name: r.name,
      population: r.population,
      regionCode: r.region_code,
      departmentCode: level === 'department' ? r.code : r.department_code,
      epciCode: r.epci_code,
      ...(level === 'commune' ? { parentCode: r.parent_code ?? null, hasArrondissements: r.has_arrondissements ?? false } : {}),
      lat: r.lat,
      lon: r.lon,
    },
    geometry: r.geometry ?? null,
  };
}
