import type { Pool } from 'pg';
import type { CommuneInput, CoverageInput, KeyLabel, SearchAggregateInput, ServiceInput, SettlementInput } from '@vigie/coverage-engine';
import { CATEGORIES, THEMES } from '@vigie/taxonomy';
import { resolvePoverty } from '@vigie/territory-domain';
import { withTransaction } from '../database/transaction.js';
import { ANALYSIS_UNIT, loadPovertyTables } from '../territories/poverty.js';
import { coverageOn } from '../directory-coverage/directory-coverage.store.js';

/** Search demand window: the 12 months before the reference day. */
export const DEMAND_MONTHS = 12;

function taxonomyConfig() {
  const categoryTheme: Record<string, string> = {};
  const labels: Record<string, KeyLabel> = {};
  for (const c of CATEGORIES) {
    categoryTheme[c.id] = c.theme;
    labels[c.id] = { fr: c.fr, en: c.en, frPhrase: `d'un service « ${c.fr} »`, enPhrase: `a "${c.en}" service` };
  }
  return { categoryTheme, labels, categories: CATEGORIES.map((c) => c.id), themes: THEMES.map((t) => t.id) };
}

/**
 * One query with a larger work_mem: grouping a year of searches by commune × key (≈ 3.6 M groups for 18 M
 * events at tier L) was planned as an external sort with the default 4 MB, and reading the inputs took 355 s
 * of the 404 s tier L refresh; with room in memory it can be a hash aggregate. SET LOCAL: this transaction only.
 */
function queryWithWorkMem(pool: Pool, sql: string, params: unknown[], workMem = '256MB') {
  return withTransaction(pool, async (client) => {
    await client.query(`SET LOCAL work_mem = '${workMem}'`);
    return client.query(sql, params);
  });
}

/**
 * Searches per commune × category/theme over the demand window (the 12 months up to `today`), from the events
 * (view search_event_day); only those of `departments` when given (index on department × day).
 */
export async function loadSearches(
  pool: Pool,
  today: string,
  departments: readonly string[] | null = null,
): Promise<SearchAggregateInput[]> {
  const { rows } = await queryWithWorkMem(
    pool,
    `SELECT commune_code AS "communeCode", CASE WHEN category_id <> '' THEN category_id ELSE theme_id END AS key,
            sum(searches)::int AS count, sum(zero_results)::int AS "zeroResultCount"
     FROM search_event_day
     WHERE day > $1::date - make_interval(months => $2) AND day <= $1::date AND commune_code <> '' AND (category_id <> '' OR theme_id <> '')
       ${departments ? 'AND department_code = ANY($3::text[])' : ''}
     GROUP BY 1, 2`,
    departments ? [today, DEMAND_MONTHS, departments] : [today, DEMAND_MONTHS],
  );
  return rows as SearchAggregateInput[];
}

/**
 * A fingerprint of each department's searches in the demand window, from the monthly rollups (kept equal to
 * the events in the same transaction as every change): a department whose fingerprint is unchanged has the
 * same events in its months of the window, so its search aggregates need not be read again. ('' = events
 * without a department.)
 */
export async function loadSearchPrints(pool: Pool, today: string): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ d: string; print: string }>(
    `SELECT department_code AS d,
            md5(string_agg(concat_ws('|', day, region_code, category_id, theme_id, searches, zero_results), ',' ORDER BY day, region_code, category_id, theme_id)) AS print
     FROM search_rollup_month_dept
     WHERE day >= date_trunc('month', $1::date - make_interval(months => $2))::date
     GROUP BY 1`,
    [today, DEMAND_MONTHS],
  );
  return new Map(rows.map((r) => [r.d, r.print]));
}

/**
 * Reads the engine's inputs from Postgres: services not removed (active = ONLINE; temporary closures as
 * closed periods), the analysis units (communes, and the arrondissements of Paris, Lyon and Marseille instead of
 * their commune) with their poverty rate (resolvePoverty: own rate, else own department's, else none), open settlements, and the
 * searches (`searches` when the caller has them already, else read by `loadSearches`). Rows come in the
 * engine's canonical order (by id, communes by code), which it then need not sort.
 */
export async function loadCoverageInput(
  pool: Pool,
  today: string,
  known: { searches?: SearchAggregateInput[] } = {},
): Promise<CoverageInput> {
  const [services, communes, settlements, searches, povertyTables, directory] = await Promise.all([
    pool.query(
      `SELECT id::text, source || ':' || place_source_id AS "placeId", lat, lon, category_id AS "categoryId", theme_id AS "themeId",
              status = 'ONLINE' AS active, closed_periods AS "closedPeriods", visibility, updated_at_source AS "updatedAt",
              campaign_status AS "campaignStatus", commune_code AS "communeCode",
              (address IS NOT NULL AND address <> '') AS "hasAddress", (opening_hours IS NOT NULL AND opening_hours <> '{}'::jsonb) AS "hasHours",
              (coalesce(phone, email, website) IS NOT NULL) AS "hasContact", (publics IS NOT NULL) AS "hasPublics",
              coalesce(length(description), 0) AS "descriptionLength"
       FROM service WHERE removed_at IS NULL AND lat IS NOT NULL AND lon IS NOT NULL
       ORDER BY id`,
    ),
    pool.query(
      `SELECT c.code, c.lat, c.lon, c.population, c.department_code AS "departmentCode", c.region_code AS "regionCode", c.epci_code AS "epciCode"
       FROM commune c
       WHERE c.country = 'FR' AND ${ANALYSIS_UNIT}
       ORDER BY length(c.code), c.code COLLATE "C"`,
    ),
    pool.query(
      `SELECT id::text, lat, lon, population_total AS population, commune_code AS "communeCode", status = 'open' AS open
       FROM settlement WHERE removed_at IS NULL AND lat IS NOT NULL AND lon IS NOT NULL
       ORDER BY id`,
    ),
    known.searches ?? loadSearches(pool, today),
    loadPovertyTables((sql, params) => pool.query(sql, params)),
    coverageOn(pool, today),
  ]);
  // Directory coverage on the reference day: a commune is covered when its department is (nothing declared: all are).
  const coveredDepartments = directory.covered ? new Set(directory.covered) : null;
  const serviceInputs: ServiceInput[] = services.rows.map((r) => ({
    id: r.id,
    placeId: r.placeId,
    lat: r.lat,
    lon: r.lon,
    categoryId: r.categoryId,
    themeId: r.themeId,
    active: r.active,
    closedPeriods: (r.closedPeriods as { start: string; end: string | null }[]).map((p) => ({
      start: p.start.slice(0, 10),
      end: p.end ? p.end.slice(0, 10) : null,
    })),
    visibility: r.visibility === 'PRO' ? 'PRO' : 'ALL',
    updatedAt: r.updatedAt ? (r.updatedAt as Date).toISOString() : null,
    campaignStatus: r.campaignStatus,
    completeness: {
      hasAddress: r.hasAddress,
      hasHours: r.hasHours,
      hasContact: r.hasContact,
      hasPublics: r.hasPublics,
      descriptionLength: r.descriptionLength,
    },
    communeCode: r.communeCode,
  }));
  const poverty = resolvePoverty(communes.rows as CommuneInput[], povertyTables);
  return {
    services: serviceInputs,
    communes: (communes.rows as CommuneInput[]).map((c) => ({
      ...c,
      povertyRate: poverty.get(c.code)?.rate ?? null,
      ...(coveredDepartments ? { covered: coveredDepartments.has(c.departmentCode) } : {}),
    })),
    settlements: settlements.rows as SettlementInput[],
    searches,
    config: { today, ...taxonomyConfig() },
  };
}
