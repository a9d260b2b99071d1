import { type Clock, clockFromEnv } from '@vigie/calendar';

/**
 * Runtime configuration, validated once at start-up from the environment. A bad value stops the
 * process with one clear line (see main.ts), never a stack trace.
 */
export interface VigieConfig {
  port: number;
  host: string;
  /** External Postgres ≥ 15; when null Vigie starts an embedded cluster under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  /** Folder of the built dashboard (served on `/`), or null to serve the API only. */
  dashboardDir: string | null;
  geoDir: string;
  corsOrigins: string[];
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Raw search events older than this are purged (0 = never). Rollups are kept. */
  retentionMonths: number;
  /** Demo data loaded on first start when the database holds no service: department, national or none. */
  demo: 'department' | 'national' | 'none';
  /** Token buckets per client IP (in memory, per instance): sign-in attempts and ingest batches per minute. */
  loginRatePerMinute: number;
  ingestRatePerMinute: number;
  /** Behind a TLS reverse proxy: trust X-Forwarded-For/-Proto from it (client IP for rate limits, Secure cookies). */
  trustProxy: boolean;
  /** Vigie's clock (Europe/Paris calendar); `VIGIE_TODAY=YYYY-MM-DD` pins the day (tests, demos, e2e runs). */
  clock: Clock;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, key: string, def: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${key} must be an integer between ${min} and ${max} (got "${raw}")`);
  const v = Number(raw);
  if (v < min || v > max) throw new ConfigError(`${key} must be an integer between ${min} and ${max} (got "${raw}")`);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { geoDir: string; dashboardDir: string | null }): VigieConfig {
  const databaseUrl = env['DATABASE_URL']?.trim() || null;
  if (databaseUrl) {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)`);
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}//")`);
    }
    if (!url.hostname || url.pathname.length < 2) {
      throw new ConfigError(`DATABASE_URL must name a host and a database (postgres://user:password@host:5432/database)`);
    }
  }
  const logLevel = (env['LOG_LEVEL'] ?? 'log') as VigieConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of error, warn, log, debug (got "${env['LOG_LEVEL']}")`);
  }
  const corsOrigins = (env['CORS_ORIGINS'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(o))
      throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins like https://vigie.example.org (got "${o}")`);
  }
  const demo = (env['VIGIE_DEMO']?.trim() || 'department') as VigieConfig['demo'];
  if (!['department', 'national', 'none'].includes(demo))
    throw new ConfigError(`VIGIE_DEMO must be department, national or none (got "${env['VIGIE_DEMO']}")`);
  let clock: Clock;
  try {
    clock = clockFromEnv(env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return {
    clock,
    port: int(env, 'PORT', 3000, 1, 65535),
    retentionMonths: int(env, 'VIGIE_SEARCH_RETENTION_MONTHS', 25, 0, 1200),
    demo,
    host: env['HOST']?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: env['VIGIE_DATA_DIR']?.trim() || '.data',
    embeddedPgPort: int(env, 'VIGIE_PG_PORT', 54329, 1, 65535),
    dashboardDir: env['VIGIE_DASHBOARD_DIR'] === 'none' ? null : env['VIGIE_DASHBOARD_DIR']?.trim() || defaults.dashboardDir,
    geoDir: env['VIGIE_GEO_DIR']?.trim() || defaults.geoDir,
    corsOrigins,
    logLevel,
    loginRatePerMinute: int(env, 'VIGIE_LOGIN_RATE_PER_MINUTE', 10, 1, 100_000),
    ingestRatePerMinute: int(env, 'VIGIE_INGEST_RATE_PER_MINUTE', 120, 1, 100_000),
    trustProxy: ['1', 'true', 'yes'].includes((env['VIGIE_TRUST_PROXY'] ?? '').trim().toLowerCase()),
  };
}

/** A URL safe to print: the password is masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
