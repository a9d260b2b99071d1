import type { Pool } from 'pg';
import { addMonths, monthStart } from '@vigie/calendar';
import { withTransaction } from '../database/transaction.js';
import { monthRollupsSql } from '../imports/kinds/search-events.kind.js';

/**
 * Deletes raw search events older than `months` (CNIL guidance: 25 months by default), whole months at a time
 * on the French calendar (every event before the first day of the month after the cut-off date), in batches
 * so the table stays available. The monthly rollups keep those months (per department or region ×
 * category, no individual event); the finer views, which read the events, no longer reach them. Whole
 * months keep the rollups rebuildable: the oldest month left is always complete.
 */
export async function purgeOldSearchEvents(pool: Pool, months: number, today: string): Promise<number> {
  const cutoff = addMonths(monthStart(today), 1 - months);
  let total = 0;
  for (;;) {
    // The rollup version moves in the same statement as each batch: answers cached by version (searches
    // views that read the events) are never served from before a purge.
    const { rows } = await pool.query(
      `WITH d AS (DELETE FROM search_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM search_event WHERE day < $1::date LIMIT 50000)) RETURNING 1),
            v AS (UPDATE search_rollup_version SET version = version + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM d))
       SELECT count(*)::int AS n FROM d`,
      [cutoff],
    );
    const rowCount = rows[0].n as number;
    total += rowCount;
    if (!rowCount) return total;
  }
}

/**
 * Recomputes the monthly rollups from the raw events, for the months the raw events still cover (older
 * months, whose raw events were purged, keep their rollups; the purge removes whole months). One
 * transaction: readers see old or new.
 */
export function rebuildRollups(pool: Pool): Promise<{ fromDay: string | null; rows: number; searches: number }> {
  return withTransaction(pool, async (client) => {
    // Imports write rollups too: keep them out while the rollups are recomputed.
    await client.query('LOCK TABLE search_rollup_month_dept, search_rollup_month_region IN SHARE ROW EXCLUSIVE MODE');
    const { rows: m } = await client.query(`SELECT to_char(min(day), 'YYYY-MM-DD') AS d FROM search_event`);
    const fromDay: string | null = m[0].d;
    if (!fromDay) return { fromDay: null, rows: 0, searches: 0 };
    const month = `date_trunc('month', $1::date)`;
    await client.query(`DELETE FROM search_rollup_month_dept WHERE day >= ${month}`, [fromDay]);
    await client.query(`DELETE FROM search_rollup_month_region WHERE day >= ${month}`, [fromDay]);
    let rows = 0;
    for (const sql of monthRollupsSql(`(SELECT * FROM search_event_day WHERE day >= ${month}) d`))
      rows += (await client.query(sql, [fromDay])).rowCount ?? 0;
    await client.query(`UPDATE search_rollup_version SET version = version + 1 WHERE id = 1`);
    const { rows: t } = await client.query(
      `SELECT coalesce(sum(searches), 0)::bigint AS n FROM search_rollup_month_region WHERE day >= ${month}`,
      [fromDay],
    );
    return { fromDay, rows, searches: Number(t[0].n) };
  });
}
