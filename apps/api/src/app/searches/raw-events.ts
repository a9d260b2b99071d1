import type { Pool } from 'pg';
import { addDays } from '@vigie/calendar';
import type { SearchFilters } from '@vigie/contracts';
import { NOT_ADMIN_SQL } from '../imports/kinds/search-events.kind.js';

/** Columns of the raw-event export: every stored field but the free search text (it may name people). */
export const RAW_EVENT_COLUMNS = [
  'occurred_at',
  'source',
  'category_id',
  'theme_id',
  'geo_type',
  'commune_code',
  'department_code',
  'region_code',
  'result_count',
  'user_status',
  'origin',
  'language',
  'admin_search',
] as const;

/**
 * Raw search events matching the filters, a day at a time (bounded memory,
 * parameterised queries only). Search events carry no personal data by construction (docs/PRIVACY.md).
 */
export async function* rawEvents(pool: Pool, f: SearchFilters): AsyncGenerator<Record<string, unknown>> {
  // One day of the French calendar at a time (the events' stored day, B-tree per department × day and BRIN), and
  // only demand: searches by the directory's administrators are not (docs/METRICS.md), as in every figure.
  const where: string[] = ['day = $1::date', NOT_ADMIN_SQL];
  const params: unknown[] = [null];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.level && f.code) {
    if (f.level === 'epci') where.push(`commune_code IN (SELECT code FROM commune WHERE epci_code = ${p(f.code)})`);
    else if (f.level === 'commune') where.push(`commune_code = ${p(f.code)}`);
    else where.push(`${f.level}_code = ${p(f.code)}`);
  }
  if (f.category) where.push(`category_id = ${p(f.category)}`);
  if (f.theme) where.push(`theme_id = ${p(f.theme)}`);
  if (f.status) where.push(`user_status = ${p(f.status)}`);
  if (f.origin) where.push(`origin = ${p(f.origin)}`);
  if (f.language) where.push(`language = ${p(f.language)}`);
  const sql = `SELECT ${RAW_EVENT_COLUMNS.join(', ')} FROM search_event WHERE ${where.join(' AND ')} ORDER BY occurred_at`;
  for (let d = f.from; d <= f.to; d = addDays(d, 1)) {
    params[0] = d;
    const { rows } = await pool.query(sql, params);
    yield* rows;
  }
}
