import type { Pool } from 'pg';
import {
  type CoverageModel,
  type CoverageRow,
  type GapZone,
  forecastOpenServices,
  rankGaps,
  weeklyOpenServices,
} from '@vigie/coverage-engine';
import { THEMES } from '@vigie/taxonomy';
import { withTransaction } from '../database/transaction.js';
import { copyLines, copyRows, copyValue } from '../imports/copy.js';

const THEME_IDS = THEMES.map((t) => t.id);
const HIGHER = ['epci', 'department', 'region', 'country'] as const;

const VALUE_COLUMNS = [
  'snapshot_id',
  'level',
  'code',
  'key',
  'key_type',
  'population',
  'poor_population',
  'services',
  'services_per_10k',
  'services_per_10k_poor',
  'nearest_m',
  'median_nearest_m',
  'threshold_m',
  'population_beyond',
  'share_beyond',
  'accessibility',
  'reachable',
  'searches',
  'zero_results',
  'searches_per_10k',
  'zero_result_rate',
  'demand_pressure',
  'settlement_sites',
  'settlement_sites_beyond',
  'settlement_residents_beyond',
  'active_services',
  'updated_recently',
  'share_updated_recently',
  'campaign_todo',
  'campaign_started',
  'campaign_finished',
  'mean_completeness',
  'gap_score',
  'gap_rank',
  'gap_components',
  'explanation_fr',
  'explanation_en',
  'covered',
  'covered_share',
  'covered_departments',
  'departments',
  'total_population',
  'accessibility_poor',
];

/**
 * A number cell of COPY text format (\N for null and non-finite values), at full precision: the shortest decimal that
 * reads back as the same double (the columns are double precision, issue 16). Rounding happens where a person reads it.
 */
const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '\\N' : String(v));
/** A text cell: territory codes and taxonomy ids never hold a tab, newline or backslash; escaped if one does. */
const txt = (s: string) => (/[\\\t\n\r]/.test(s) ? copyValue(s) : s);

/**
 * One coverage_value row in COPY text format (columns of VALUE_COLUMNS), built by concatenation: the generic
 * encoder (copyValue per cell, then join) took ~13 µs per row, 7 s of CPU for a national snapshot.
 */
function valueLine(id: number, r: CoverageRow, score: number, rank: number, z: GapZone | undefined): string {
  // Uncovered territories are not ranked: score NaN → null, rank 0 → null.
  // Components and sentences are kept for the explained (top-ranked) zones only: they are what the
  // priority lists show, and storing them for 380,000 commune rows would dominate the write time.
  const explained = z !== undefined && z.explanation.fr.length > 0;
  return (
    `${id}\t${txt(r.level)}\t${txt(r.code)}\t${txt(r.key)}\t${txt(r.keyType)}\t${Math.round(r.population)}\t${num(r.poorPopulation)}\t${num(r.services)}\t` +
    `${num(r.servicesPer10k)}\t${num(r.servicesPer10kPoor)}\t${num(r.nearestMeters)}\t${num(r.medianNearestMeters)}\t${num(r.thresholdMeters)}\t` +
    `${Math.round(r.populationBeyond)}\t${num(r.shareBeyond)}\t${num(r.accessibility)}\t${num(r.reachable)}\t${num(r.searches)}\t${num(r.zeroResults)}\t` +
    `${num(r.searchesPer10k)}\t${num(r.zeroResultRate)}\t${num(r.demandPressure)}\t${num(r.settlementSites)}\t${num(r.settlementSitesBeyond)}\t` +
    `${Math.round(r.settlementResidentsBeyond)}\t${num(r.activeServices)}\t${num(r.updatedRecently)}\t${num(r.shareUpdatedRecently)}\t${num(r.campaignToDo)}\t` +
    `${num(r.campaignStarted)}\t${num(r.campaignFinished)}\t${num(r.meanCompleteness)}\t${num(score)}\t${rank > 0 ? rank : '\\N'}\t` +
    (explained
      ? `${copyValue(z.components, 'jsonb')}\t${copyValue(z.explanation.fr)}\t${copyValue(z.explanation.en)}\t`
      : '\\N\t\\N\t\\N\t') +
    `${r.covered === false ? 'f' : 't'}\t${num(r.coveredShare ?? 1)}\t${num(r.coveredDepartments)}\t${num(r.departments)}\t${num(r.totalPopulation ?? r.population)}\t${num(r.accessibilityPoor)}\n`
  );
}

/**
 * Writes a computed model as snapshot `id`: values (communes × themes, higher levels × every key) with
 * their gap scores, settlement access, place quality and the seasonal series, then makes it current.
 */
export async function writeSnapshot(
  pool: Pool,
  id: number,
  model: CoverageModel,
  timings: Record<string, number>,
  startedAt = performance.now(),
): Promise<Record<string, number>> {
  const t0 = performance.now();
  const communeRows = [...model.rows({ levels: ['commune'], keys: THEME_IDS, skipEmpty: false })];
  const higherRows = [...model.rows({ levels: [...HIGHER], skipEmpty: true })];
  timings['rows'] = performance.now() - t0;
  const t1 = performance.now();
  // Scores and ranks of every row; components and sentences for the explained (top-ranked) zones.
  const communeGaps = rankGaps(communeRows, { config: model.config, explainTop: 200 });
  const higherGaps = rankGaps(higherRows, { config: model.config, explainTop: 200 });
  timings['gaps'] = performance.now() - t1;

  const t2 = performance.now();
  const year = Number(model.config.today.slice(0, 4));
  const weekly = weeklyOpenServices(model, { year, levels: ['country', 'region', 'department'], keys: THEME_IDS });
  const forecast = forecastOpenServices(model, { weeks: 8, levels: ['country', 'region', 'department'], keys: THEME_IDS });
  timings['seasonal'] = performance.now() - t2;

  const t3 = performance.now();
  return withTransaction(pool, async (client) => {
    // The snapshot's own partition: COPY into a table without index, then one sorted index build and
    // ATTACH (see migration 1764000000006). `id` is a bigint from the sequence: safe in identifiers.
    const part = `coverage_value_s${Number(id)}`;
    await client.query(`CREATE TABLE ${part} (LIKE coverage_value INCLUDING DEFAULTS)`);
    const values = await copyLines(
      client,
      part,
      VALUE_COLUMNS,
      (function* () {
        for (let i = 0; i < communeRows.length; i++)
          yield valueLine(id, communeRows[i], communeGaps.scores[i], communeGaps.ranks[i], communeGaps.explained.get(i));
        for (let i = 0; i < higherRows.length; i++)
          yield valueLine(id, higherRows[i], higherGaps.scores[i], higherGaps.ranks[i], higherGaps.explained.get(i));
      })(),
    );
    timings['copy'] = performance.now() - t3;
    await client.query(`ALTER TABLE ${part} ADD PRIMARY KEY (snapshot_id, level, key, code), ADD CHECK (snapshot_id = ${Number(id)})`);
    await client.query(`ALTER TABLE coverage_value ATTACH PARTITION ${part} FOR VALUES IN (${Number(id)})`);
    const settlements = await copyRows(
      client,
      'coverage_settlement',
      ['snapshot_id', 'settlement_id', 'commune_code', 'department_code', 'population', 'distances', 'beyond_any'],
      model
        .settlementAccess()
        .map((s) => [id, s.id, s.communeCode, s.departmentCode, s.population, s.distances, s.distances.some((d) => d.beyond)]),
    );
    const places = await copyRows(
      client,
      'coverage_place_quality',
      ['snapshot_id', 'place_key', 'commune_code', 'services', 'score', 'criteria'],
      model.placeQuality().map((p) => [id, p.placeId, p.communeCode, p.services, Math.round(p.score * 10) / 10, p.criteria]),
    );
    const counts = { values, settlements, places, services: model.services.length, communes: communeRows.length / THEME_IDS.length };
    timings['write'] = performance.now() - t3;
    await client.query(
      `UPDATE coverage_snapshot SET status = 'ready', finished_at = clock_timestamp(), timings = $2, counts = $3, seasonal = $4, duration_ms = $5 WHERE id = $1`,
      [
        id,
        JSON.stringify(roundTimings(timings)),
        JSON.stringify(counts),
        JSON.stringify({ year, weekly, forecast }),
        Math.round(performance.now() - startedAt),
      ],
    );
    await client.query(
      `INSERT INTO coverage_current (id, snapshot_id) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id`,
      [id],
    );
    return counts;
  });
}

function roundTimings(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));
}

/**
 * History: keep every snapshot's territory values above the commune level; commune-level detail only
 * for the last `keepDetailed` snapshots (they are the bulk of the storage).
 */
export async function pruneSnapshots(pool: Pool, keepDetailed = 3): Promise<void> {
  await pool.query(
    `DELETE FROM coverage_value WHERE level = 'commune' AND snapshot_id IN (
       SELECT id FROM coverage_snapshot WHERE status = 'ready' ORDER BY id DESC OFFSET $1)`,
    [keepDetailed],
  );
  await pool.query(
    `DELETE FROM coverage_snapshot WHERE status <> 'ready' AND finished_at IS NULL AND started_at < now() - interval '1 day'`,
  );
}
