import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../app/config/config.js';
import { dataSourceOptions, migrate } from '../app/database/data-source.js';
import { createVigieApp } from '../app/server.js';
import { loadGeography } from '../app/territories/geography-loader.js';

export const workspaceRoot = join(import.meta.dirname, '../../../..');

export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run the API tests through apps/api/jest.config.mjs');
  return url;
}

/** Migrates the test database and loads the geography; both are no-ops after the first test file. */
export async function ensureTestDatabase(): Promise<void> {
  const ds = new DataSource(dataSourceOptions(testDatabaseUrl()));
  await ds.initialize();
  try {
    await migrate(ds);
    await loadGeography(ds, join(workspaceRoot, 'data/geo'));
  } finally {
    await ds.destroy();
  }
}

/** A Vigie app on the test database, not listening: use supertest on getHttpServer(). */
export async function testApp(env: Record<string, string> = {}): Promise<NestExpressApplication> {
  await ensureTestDatabase();
  const url = testDatabaseUrl();
  const config = loadConfig({ LOG_LEVEL: 'error', ...env, DATABASE_URL: url }, { geoDir: join(workspaceRoot, 'data/geo'), dashboardDir: null });
  const app = await createVigieApp({ config, database: { url, mode: 'external' }, version: 'test', startedAt: Date.now() });
  await app.init();
  return app;
}
