import type { Pool } from 'pg';
import { DAY_SQL, monthRollupsSql, RESULTS_BUCKET_SQL, ROLLUP_DIMENSIONS } from '../imports/kinds/search-events.kind.js';

/**
 * Deletes raw search events older than `months` (CNIL guidance: 25 months by default), in batches so
 * the table stays available. Rollups are kept: they hold no individual event.
 */
export async function purgeOldSearchEvents(pool: Pool, months: number, now = new Date()): Promise<number> {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM search_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM search_event WHERE occurred_at < $1 LIMIT 50000))`,
      [cutoff],
    );
    total += rowCount ?? 0;
    if (!rowCount) return total;
  }
}

/**
 * Recomputes the daily rollups from the raw events, for the days the raw events still cover (older
 * days, whose raw events were purged, keep their rollups). One transaction: readers see old or new.
 */
export async function rebuildRollups(pool: Pool): Promise<{ fromDay: string | null; rows: number; searches: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Imports write rollups too: keep them out while the rollups are recomputed.
    await client.query('LOCK TABLE search_rollup_day, search_rollup_month_dept, search_rollup_month_region IN SHARE ROW EXCLUSIVE MODE');
    const { rows: m } = await client.query(`SELECT to_char(min(${DAY_SQL('occurred_at')}), 'YYYY-MM-DD') AS d FROM search_event`);
    const fromDay: string | null = m[0].d;
    if (!fromDay) {
      await client.query('COMMIT');
      return { fromDay: null, rows: 0, searches: 0 };
    }
    await client.query(`DELETE FROM search_rollup_day WHERE day >= $1::date`, [fromDay]);
    const { rowCount } = await client.query(
      `INSERT INTO search_rollup_day (day, ${ROLLUP_DIMENSIONS.join(', ')}, results_bucket, searches, zero_results)
       SELECT ${DAY_SQL('occurred_at')}, ${ROLLUP_DIMENSIONS.map((d) => `coalesce(${d}, '')`).join(', ')}, ${RESULTS_BUCKET_SQL('result_count')},
              count(*), count(*) FILTER (WHERE result_count = 0)
       FROM search_event GROUP BY 1, ${ROLLUP_DIMENSIONS.map((_, i) => i + 2).join(', ')}, ${ROLLUP_DIMENSIONS.length + 2}`,
    );
    // Monthly rollups of the months touched, from the daily rollups (which keep the purged days).
    await client.query(`DELETE FROM search_rollup_month_dept WHERE day >= date_trunc('month', $1::date)`, [fromDay]);
    await client.query(`DELETE FROM search_rollup_month_region WHERE day >= date_trunc('month', $1::date)`, [fromDay]);
    for (const sql of monthRollupsSql(`(SELECT * FROM search_rollup_day WHERE day >= date_trunc('month', $1::date)) d`)) await client.query(sql, [fromDay]);
    await client.query(`UPDATE search_rollup_version SET version = version + 1 WHERE id = 1`);
    const { rows: t } = await client.query(`SELECT coalesce(sum(searches), 0)::bigint AS n FROM search_rollup_day WHERE day >= $1::date`, [fromDay]);
    await client.query('COMMIT');
    return { fromDay, rows: rowCount ?? 0, searches: Number(t[0].n) };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
