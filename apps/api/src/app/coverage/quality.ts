import type { Pool } from 'pg';
import type { QualityView } from '@vigie/contracts';
import { categoryLabel } from '@vigie/taxonomy';

/** Freshness, campaign progress, completeness and the records to update first, for one territory. */
export async function qualityView(
  pool: Pool,
  snapshot: number,
  level: 'country' | 'region' | 'department',
  code: string,
  /** Vigie's today (its clock): the year of demand and the 6-month freshness are counted back from it. */
  today: string,
): Promise<Omit<QualityView, 'snapshot' | 'territory'>> {
  const serviceFilter = level === 'country' ? 'true' : level === 'region' ? 's.region_code = $1' : 's.department_code = $1';
  const demandFilter = level === 'country' ? 'true' : level === 'region' ? 'r.region_code = $1' : 'r.department_code = $1';
  const params = level === 'country' ? [snapshot] : [snapshot, code];
  const todayParam = level === 'country' ? 1 : 2;
  const childLevel = level === 'country' ? 'region' : level === 'region' ? 'department' : 'epci';
  const childFilter =
    level === 'country'
      ? 'true'
      : level === 'region'
        ? 't.region_code = $2'
        : `t.code IN (SELECT epci_code FROM commune WHERE department_code = $2)`;
  const [summary, children, histogram, toUpdate, places] = await Promise.all([
    pool.query(
      `SELECT sum(active_services)::int AS active, sum(updated_recently)::int AS fresh, sum(campaign_todo)::int AS todo, sum(campaign_started)::int AS started,
              sum(campaign_finished)::int AS finished,
              sum(mean_completeness * active_services) / nullif(sum(active_services) FILTER (WHERE mean_completeness IS NOT NULL), 0) AS completeness
       FROM coverage_value WHERE snapshot_id = $1 AND level = '${level}' AND code = ${level === 'country' ? "'FR'" : '$2'} AND key_type = 'theme'`,
      params,
    ),
    pool.query(
      `SELECT v.level, v.code, t.name, sum(v.active_services)::int AS active,
              sum(v.updated_recently)::float8 / nullif(sum(v.active_services), 0) AS share,
              sum(v.mean_completeness * v.active_services) / nullif(sum(v.active_services) FILTER (WHERE v.mean_completeness IS NOT NULL), 0) AS completeness
       FROM coverage_value v JOIN ${childLevel} t ON t.country = 'FR' AND t.code = v.code
       WHERE v.snapshot_id = $1 AND v.level = '${childLevel}' AND v.key_type = 'theme' AND ${childFilter}
       GROUP BY 1, 2, 3 HAVING sum(v.active_services) > 0 ORDER BY share ASC NULLS LAST`,
      params,
    ),
    pool.query(
      `SELECT least(floor(q.score / 10), 9)::int AS band, count(*)::int AS n
       FROM coverage_place_quality q JOIN commune c ON c.country = 'FR' AND c.code = q.commune_code
       WHERE q.snapshot_id = $1 AND ${level === 'country' ? 'true' : level === 'region' ? 'c.region_code = $2' : 'c.department_code = $2'}
       GROUP BY 1`,
      params,
    ),
    pool.query(
      `WITH demand AS (
         SELECT category_id, sum(searches)::int AS n FROM search_event_day r
         WHERE r.day > $${todayParam}::date - 365 AND r.day <= $${todayParam}::date AND r.category_id <> '' AND ${demandFilter}
         GROUP BY 1)
       SELECT s.id, s.place_name, s.category_id, c.name AS commune_name, s.updated_at_source, coalesce(d.n, 0) AS searches
       FROM service s LEFT JOIN commune c ON c.country = 'FR' AND c.code = s.commune_code LEFT JOIN demand d ON d.category_id = s.category_id
       WHERE s.removed_at IS NULL AND s.status = 'ONLINE' AND ${serviceFilter}
         AND (s.updated_at_source IS NULL OR s.updated_at_source < $${todayParam}::date - interval '6 months')
       ORDER BY s.updated_at_source ASC NULLS FIRST, searches DESC, s.id LIMIT 50`,
      level === 'country' ? [today] : [code, today],
    ),
    // The same records, one line per place (fiche): its stale categories listed, its public contact (no search counts).
    pool.query(
      `WITH demand AS (
         SELECT category_id, sum(searches)::int AS n FROM search_event_day r
         WHERE r.day > $${todayParam}::date - 365 AND r.day <= $${todayParam}::date AND r.category_id <> '' AND ${demandFilter}
         GROUP BY 1),
       stale AS (
         SELECT s.source, s.place_source_id, max(s.place_name) AS place_name, min(s.commune_code) AS commune_code,
                min(s.updated_at_source) AS updated_at, bool_or(s.updated_at_source IS NULL) AS never,
                array_agg(DISTINCT s.category_id) AS categories, max(coalesce(d.n, 0)) AS demand,
                max(s.phone) AS phone, max(s.email) AS email, max(s.website) AS website
         FROM service s LEFT JOIN demand d ON d.category_id = s.category_id
         WHERE s.removed_at IS NULL AND s.status = 'ONLINE' AND ${serviceFilter}
           AND (s.updated_at_source IS NULL OR s.updated_at_source < $${todayParam}::date - interval '6 months')
         GROUP BY s.source, s.place_source_id
         ORDER BY never DESC, updated_at ASC NULLS FIRST, demand DESC, s.place_source_id LIMIT 50)
       SELECT st.*, c.name AS commune_name FROM stale st LEFT JOIN commune c ON c.country = 'FR' AND c.code = st.commune_code
       ORDER BY st.never DESC, st.updated_at ASC NULLS FIRST, st.demand DESC, st.place_source_id`,
      level === 'country' ? [today] : [code, today],
    ),
  ]);
  const s = summary.rows[0] ?? {};
  const hist = Array.from({ length: 10 }, () => 0);
  for (const r of histogram.rows) hist[r.band] = r.n;
  const now = Date.parse(`${today}T00:00:00Z`);
  return {
    activeServices: s.active ?? 0,
    updatedRecently: s.fresh ?? 0,
    shareUpdatedRecently: s.active ? s.fresh / s.active : null,
    campaign: { toDo: s.todo ?? 0, started: s.started ?? 0, finished: s.finished ?? 0 },
    meanCompleteness: s.completeness === null || s.completeness === undefined ? null : Math.round(s.completeness * 10) / 10,
    completenessHistogram: hist,
    byTerritory: children.rows.map((r) => ({
      level: r.level,
      code: r.code,
      name: r.name,
      activeServices: r.active,
      shareUpdatedRecently: r.share,
      meanCompleteness: r.completeness === null ? null : Math.round(r.completeness * 10) / 10,
    })),
    toUpdate: toUpdate.rows.map((r) => ({
      serviceId: Number(r.id),
      placeName: r.place_name,
      categoryId: r.category_id,
      categoryLabel: categoryLabel(r.category_id, 'fr'),
      communeName: r.commune_name,
      updatedAt: r.updated_at_source ? (r.updated_at_source as Date).toISOString() : null,
      monthsSinceUpdate: r.updated_at_source ? Math.floor((now - (r.updated_at_source as Date).getTime()) / (30.44 * 86_400_000)) : null,
      categorySearches: r.searches,
    })),
    placesToUpdate: places.rows.map((r) => ({
      source: r.source,
      placeSourceId: r.place_source_id,
      placeName: r.place_name,
      communeName: r.commune_name,
      categories: (r.categories as string[]).map((id) => ({ id, label: categoryLabel(id, 'fr') })),
      updatedAt: r.never || !r.updated_at ? null : (r.updated_at as Date).toISOString(),
      monthsSinceUpdate: r.never || !r.updated_at ? null : Math.floor((now - (r.updated_at as Date).getTime()) / (30.44 * 86_400_000)),
      url: placeUrl(r.source, r.place_source_id),
      phone: r.phone ?? null,
      email: r.email ?? null,
      website: r.website ?? null,
    })),
  };
}

/** The public page of a place in its directory: Soliguide fiches are at soliguide.fr/fr/fiche/<lieu_id>. */
export function placeUrl(source: string, placeSourceId: string): string | null {
  if (source === 'soliguide' && /^\d+$/.test(placeSourceId)) return `https://soliguide.fr/fr/fiche/${placeSourceId}`;
  return null;
}
