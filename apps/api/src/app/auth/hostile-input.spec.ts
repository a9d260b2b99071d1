import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';

// Reproducible in CI (a failure prints its seed); FC_SEED=random or a number explores other inputs.
if (process.env['FC_SEED'] !== 'random') fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261122) });

/**
 * Property-based hostile input: whatever the query string, body or uploaded file, the API answers
 * 2xx/4xx (never a 500, never a stack trace) and a rejected import writes no data row.
 */
const RUNS = Number(process.env['VIGIE_FUZZ_RUNS'] ?? 40);

const KEYS = [
  'from',
  'to',
  'level',
  'code',
  'granularity',
  'by',
  'limit',
  'offset',
  'theme',
  'category',
  'status',
  'origin',
  'language',
  'q',
  'levels',
  'parent',
  'geometry',
  'layout',
  'kind',
  '__proto__',
  'constructor',
];
const nasty = fc.constantFrom(
  '',
  '%',
  '%E0%A4%A',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  'département:95',
  '2026-02-30',
  '0000-00-00',
  '95\u0000',
  'true',
);
const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String), nasty);
/** Raw query strings: encoded pairs, repeated keys (arrays), and undecoded garbage. */
const queryString = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })), value), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  fc
    .array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 4 })
    .map((pairs) => pairs.flatMap(([k, v]) => [`${k}=${encodeURIComponent(v)}`, `${k}=x`]).join('&')),
  fc.constantFrom('%', '%%', 'a=%ZZ', '&&&', '=', 'level[]=department&code[]=95', 'level[a]=1', 'limit=99999999999999999999'),
);
const GETS = [
  '/api/searches/series',
  '/api/searches/breakdown',
  '/api/searches/peaks',
  '/api/territories/search',
  '/api/territories/department',
  '/api/territories/commune',
  '/api/imports',
  '/api/audit-log',
  '/api/users',
  '/api/auth/me',
];
const pathSegment = fc.oneof(fc.string({ maxLength: 12 }), nasty).map((s) => encodeURIComponent(s) || 'x');

describe('hostile input never yields a 500 (fast-check)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let admin: ReturnType<typeof as>;
  let coordinator: ReturnType<typeof as>;
  let victimId: number;
  const key = 'vg_fuzz_key_0123456789abcdef';
  beforeAll(async () => {
    app = await testApp({ VIGIE_LOGIN_RATE_PER_MINUTE: '100000', VIGIE_INGEST_RATE_PER_MINUTE: '100000' });
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = as(app, await loginAs(app, 'admin'));
    coordinator = as(app, await loginAs(app, 'coordinator'));
    await pool.query(`INSERT INTO api_key (name, source, prefix, key_hash) VALUES ('fuzz', 'fuzz', 'vg_fuzz', $1) ON CONFLICT DO NOTHING`, [
      createHash('sha256').update(key).digest('hex'),
    ]);
    victimId = Number(
      (
        await pool.query(
          `INSERT INTO app_user (email, password_hash, role, territories) VALUES ('victim@fuzz.test', 'scrypt$x', 'copil', '["department:95"]') RETURNING id`,
        )
      ).rows[0].id,
    );
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  const sane = (res: request.Response, what: string) => {
    expect({ what, status: res.status < 500 ? 'ok' : res.status }).toEqual({ what, status: 'ok' });
    if (res.status >= 400 && res.type === 'application/json') {
      expect(typeof res.body.message).toBe('string');
      expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack trace
    }
  };

  it('GET endpoints with arbitrary query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GETS), queryString, fc.boolean(), async (path, qs, asCoordinator) => {
        const res = await (asCoordinator ? coordinator : admin).get(`${path}?${qs}`);
        sane(res, `${path}?${qs}`);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('GET endpoints with arbitrary path parameters', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, pathSegment, async (a, b) => {
        for (const url of [`/api/territories/${a}`, `/api/territories/${a}/${b}`, `/api/imports/${a}`, `/api/imports/${a}/errors.csv`])
          sane(await admin.get(url), url);
      }),
      { numRuns: RUNS },
    );
  });

  it('JSON bodies of any shape to every endpoint that takes one', async () => {
    const targets: [string, string, ReturnType<typeof as> | null][] = [
      ['post', '/api/auth/login', null],
      ['post', '/api/auth/password', null],
      ['post', '/api/users', null],
      ['patch', '/api/users/VICTIM', null],
      ['post', '/api/api-keys', null],
      ['post', '/api/ingest/search-events', null],
    ];
    const body = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ email: value, password: value }, { requiredKeys: [] }),
      fc.record({ email: value, role: value, territories: fc.oneof(fc.array(value, { maxLength: 3 }), value) }, { requiredKeys: [] }),
      fc.record(
        { role: value, territories: fc.array(value, { maxLength: 3 }), disabled: fc.anything({ maxDepth: 1 }) },
        { requiredKeys: [] },
      ),
      fc.record({
        events: fc.oneof(
          fc.array(
            fc.dictionary(
              fc.constantFrom(
                'occurredAt',
                'category',
                'communeCode',
                'postalCode',
                'resultCount',
                'userStatus',
                'origin',
                'language',
                'sourceId',
              ),
              fc.oneof(value, fc.integer(), fc.double()),
            ),
            { maxLength: 5 },
          ),
          value,
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), body, fc.integer({ min: 0, max: 1e9 }), async ([method, path], b, n) => {
        const url = path.replace('VICTIM', String(victimId));
        let t = method === 'post' ? admin.post(url) : admin.patch(url);
        if (path.startsWith('/api/ingest')) t = t.set('Authorization', `Bearer ${key}`).set('Idempotency-Key', `fuzz-${n}-${Date.now()}`);
        const res = await t.set('Content-Type', 'application/json').send(JSON.stringify(b ?? null));
        sane(res, `${method} ${url} ${JSON.stringify(b)?.slice(0, 200)}`);
      }),
      { numRuns: RUNS * 3 },
    );
    // The admin was never disabled or demoted by the fuzzing of another user.
    await admin.get('/api/users').expect(200);
  });

  it('malformed JSON and wrong content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz'),
        async (raw, type) => {
          for (const url of ['/api/auth/login', '/api/users', '/api/api-keys'])
            sane(await admin.post(url).set('Content-Type', type).send(raw), `${url} ${type} ${raw}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('malformed files to the import endpoint: 4xx or a rejected run, never a 500, never a partial write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-fuzz-'));
    const header: Record<string, string> = {
      services: 'id,name,category,lat,lon,commune_code\n',
      'search-events': 'id,created_at,category,commune_code,postal_code,nb_results,status,origin,language\n',
      settlements: 'id,name,lat,lon,commune_code,population\n',
    };
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc.string({ maxLength: 500 }).map((s) => Buffer.from(s)),
      fc
        .tuple(
          fc.constantFrom(...Object.values(header)),
          fc.array(fc.array(fc.oneof(value, fc.constantFrom('"', '""', '\r', ';', ',')), { maxLength: 8 }), { maxLength: 20 }),
        )
        .map(([h, rows]) => Buffer.from(h + rows.map((r) => r.join(',')).join('\n'))),
      fc.constantFrom(
        Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature"'),
        Buffer.from('\uFEFF'),
        Buffer.from('PK\u0003\u0004garbage'),
        Buffer.alloc(0),
      ),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('services', 'search-events', 'settlements'),
        fc.constantFrom('', 'csv', 'soliguide', 'geojson', 'data-inclusion'),
        content,
        async (kind, format, bytes) => {
          const file = join(dir, `f${n++}.${format === 'geojson' ? 'geojson' : format === 'csv' || !format ? 'csv' : 'json'}`);
          writeFileSync(file, bytes);
          const res = await coordinator.post(`/api/imports/${kind}?source=fuzz${format ? `&format=${format}` : ''}`).attach('file', file);
          sane(res, `${kind} ${format} ${bytes.length} bytes`);
          if (res.status < 300 && res.body.id && res.body.status !== 'succeeded') {
            for (const table of ['service', 'search_event', 'settlement']) {
              const { rows } = await pool.query(`SELECT count(*)::int n FROM ${table} WHERE import_id = $1`, [res.body.id]);
              expect({ table, run: res.body.id, rows: rows[0].n }).toEqual({ table, run: res.body.id, rows: 0 });
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
