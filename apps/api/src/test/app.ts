import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { fixedClock } from '@vigie/calendar';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../app/config/config.js';
import { dataSourceOptions, migrate } from '../app/database/data-source.js';
import { hashToken, SESSION_COOKIE } from '../app/auth/session.service.js';
import { createVigieApp } from '../app/server.js';
import { loadGeography } from '../app/territories/geography-loader.js';

export const workspaceRoot = join(import.meta.dirname, '../../../..');

/** The day the test run lives on (VIGIE_TODAY, pinned by global-setup.mjs): use it, never `new Date()`, for calendar questions. */
export function testToday(): string {
  const day = process.env['VIGIE_TODAY'];
  if (!day) throw new Error('VIGIE_TODAY is not set: run the API tests through apps/api/jest.config.mjs');
  return day;
}

/** Noon (Paris) of the test day, for APIs that take an instant (demo generator, parsers' `now`). */
export function testNow(): Date {
  return fixedClock(testToday()).now();
}

export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run the API tests through apps/api/jest.config.mjs');
  return url;
}

/** Migrates the test database and loads the geography; both are no-ops after the first test file. */
export async function ensureTestDatabase(url = testDatabaseUrl()): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await migrate(ds);
    await loadGeography(ds, join(workspaceRoot, 'data/geo'));
  } finally {
    await ds.destroy();
  }
}

/**
 * A separate, migrated database in the test cluster, for tests that must not share locks or rows
 * with the other test files running at the same time (e.g. a process killed mid-transaction).
 */
export async function isolatedDatabase(name: string): Promise<string> {
  const base = new URL(testDatabaseUrl());
  const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  await ensureTestDatabase(url);
  return url;
}

/** A Vigie app on the test database, not listening: use supertest on getHttpServer(). */
export async function testApp(env: Record<string, string> = {}, databaseUrl?: string): Promise<NestExpressApplication> {
  if (!databaseUrl) await ensureTestDatabase();
  const url = databaseUrl ?? testDatabaseUrl();
  // No retention timer: a purge 10 s after start-up would delete other specs' old events (maintenance.spec tests it).
  const config = loadConfig(
    { LOG_LEVEL: 'error', VIGIE_SEARCH_RETENTION_MONTHS: '0', VIGIE_TODAY: testToday(), ...env, DATABASE_URL: url },
    { geoDir: join(workspaceRoot, 'data/geo'), dashboardDir: null },
  );
  const app = await createVigieApp({ config, database: { url, mode: 'external' }, version: 'test', startedAt: Date.now() });
  await app.init();
  return app;
}

export type TestRole = 'admin' | 'coordinator' | 'copil' | 'funder';

/**
 * A user created directly in the test database with a session: returns the Cookie header to send.
 * Territories default to national for admins and to department:95 for the others.
 */
export async function loginAs(
  _app: NestExpressApplication | null,
  role: TestRole,
  territories?: string[],
  databaseUrl?: string,
): Promise<string> {
  const pool = new pg.Pool({ connectionString: databaseUrl ?? testDatabaseUrl(), max: 1 });
  try {
    const email = `${role}-${randomBytes(6).toString('hex')}@test.vigie`;
    const { rows } = await pool.query(
      `INSERT INTO app_user (email, password_hash, role, territories) VALUES ($1, 'scrypt$invalid', $2, $3::jsonb) RETURNING id`,
      [email, role, JSON.stringify(territories ?? (role === 'admin' ? ['national'] : ['department:95']))],
    );
    const token = randomBytes(32).toString('base64url');
    await pool.query(`INSERT INTO user_session (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '12 hours')`, [
      hashToken(token),
      rows[0].id,
    ]);
    return `${SESSION_COOKIE}=${token}`;
  } finally {
    await pool.end();
  }
}

/** supertest with a session cookie (or none): `const api = as(app, await loginAs(app, 'admin'))`. */
export function as(app: NestExpressApplication, cookie: string | null) {
  const server = app.getHttpServer();
  const withCookie = (t: request.Test) => (cookie ? t.set('Cookie', cookie) : t);
  return {
    get: (url: string) => withCookie(request(server).get(url)),
    post: (url: string) => withCookie(request(server).post(url)),
    patch: (url: string) => withCookie(request(server).patch(url)),
    put: (url: string) => withCookie(request(server).put(url)),
    delete: (url: string) => withCookie(request(server).delete(url)),
  };
}
