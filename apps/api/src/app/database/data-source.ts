import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'vigie_migrations',
    entities: [],
    extra: { max: 20, connectionTimeoutMillis: 30_000, application_name: 'vigie' },
  };
}

/** Advisory-lock key so that concurrent processes (API, CLI, test workers) migrate one at a time. */
const MIGRATION_LOCK = 764_000_001;

/** Runs pending migrations under an advisory lock. Returns the names of the migrations applied. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens a DataSource, migrates, and closes it (used by test setup and the CLI). */
export async function migrateUrl(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    return await migrate(ds);
  } finally {
    await ds.destroy();
  }
}
