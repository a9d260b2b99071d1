// The ORM baseline of the ingest figure: TypeORM (the ORM of Vigie's stack) saving one search event per call,
// as an application loop over `repository.save(entity)` does. The entity maps the existing table (no schema
// synchronisation); search_event has no primary key, so (source, source_id) — its unique key — is declared
// as the entity's primary key, which is what save() needs to decide between INSERT and UPDATE.
import { DataSource, EntitySchema } from 'typeorm';

const SearchEvent = new EntitySchema({
  name: 'SearchEvent',
  tableName: 'search_event',
  columns: {
    source: { type: 'text', primary: true },
    source_id: { type: 'text', primary: true },
    occurred_at: { type: 'timestamptz' },
    category_id: { type: 'text', nullable: true },
    theme_id: { type: 'text', nullable: true },
    search_text: { type: 'text', nullable: true },
    geo_type: { type: 'text' },
    commune_code: { type: 'text', nullable: true },
    department_code: { type: 'text', nullable: true },
    region_code: { type: 'text', nullable: true },
    result_count: { type: 'int' },
    user_status: { type: 'text' },
    origin: { type: 'text' },
    language: { type: 'text', nullable: true },
    admin_search: { type: 'boolean' },
  },
});

/**
 * Writes `rows` (objects keyed by column name) one ORM call each — `save()` (reads the row by its key, then
 * inserts, in a transaction) or `insert()` (one INSERT) — and returns the elapsed milliseconds.
 */
export async function ormLoop(url, rows, method = 'save') {
  const ds = new DataSource({ type: 'postgres', url, entities: [SearchEvent], synchronize: false, logging: false });
  await ds.initialize();
  try {
    const repo = ds.getRepository(SearchEvent);
    const t0 = performance.now();
    for (const r of rows) await repo[method](r);
    return performance.now() - t0;
  } finally {
    await ds.destroy();
  }
}
