import type { Pool } from 'pg';
import type { SearchFilters } from '@vigie/contracts';

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
 * Raw search events matching the filters, a day at a time (BRIN on occurred_at; bounded memory,
 * parameterised queries only). Search events carry no personal data by construction (docs/PRIVACY.md).
 */
export async function* rawEvents(pool: Pool, f: SearchFilters): AsyncGenerator<Record<string, unknown>> {
  const where: string[] = ['occurred_at >= $1::date', 'occurred_at < $1::date + 1'];
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
  for (let d = Date.parse(`${f.from}T00:00:00Z`), end = Date.parse(`${f.to}T00:00:00Z`); d <= end; d += 86_400_000) {
    params[0] = new Date(d).toISOString().slice(0, 10);
    const { rows } = await pool.query(sql, params);
    yield* rows;
  }
}
