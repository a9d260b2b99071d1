import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { gunzipSync } from 'node:zlib';
import { loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { runImport } from '../imports/import-runner.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';
import { acceptsGzip } from './answer-cache.js';

/** Lozère (48), a day of 2026 that no other spec writes to. */
async function* events(from: number, n: number) {
  for (let i = 0; i < n; i++) {
    yield {
      ok: true as const,
      line: i + 1,
      record: {
        sourceId: `answer-cache-${from + i}`,
        occurredAt: '2026-03-10T10:00:00.000Z',
        categoryId: 'food_distribution',
        themeId: 'food',
        searchType: null,
        geoType: 'commune' as const,
        communeCode: '48095',
        departmentCode: null,
        regionCode: null,
        resultCount: 2,
        userStatus: 'public' as const,
        origin: 'web' as const,
        language: 'fr',
        adminSearch: false,
      },
    };
  }
}

describe('cached answers (real Postgres)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let admin: string;
  const get = (url: string, cookie: string | null, headers: Record<string, string> = {}) => {
    const t = request(app.getHttpServer()).get(url).set(headers);
    return cookie ? t.set('Cookie', cookie) : t;
  };
  const URL = '/api/searches/series?granularity=month&from=2026-03-01&to=2026-03-31&level=department&code=48';

  beforeAll(async () => {
    app = await testApp();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = await loginAs(app, 'admin');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('serves the same bytes again, gzipped or not, with an ETag that answers 304', async () => {
    const first = await get(URL, admin).expect(200);
    const again = await get(URL, admin, { 'Accept-Encoding': 'gzip' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const plain = await get(URL, admin, { 'Accept-Encoding': 'identity' }).expect(200);
    expect(plain.text).toBe(first.text);
    const body = again.headers['content-encoding'] === 'gzip' ? gunzipSync(again.body as Buffer) : (again.body as Buffer);
    expect(body.toString('utf8')).toBe(first.text);
    expect(again.headers['etag']).toBe(first.headers['etag']);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers['cache-control']).toBe('no-store');
    await get(URL, admin, { 'If-None-Match': first.headers['etag'] }).expect(304);
  });

  it('is recomputed when the data changes (rollup version bumped by the import)', async () => {
    const before = (await get(URL, admin).expect(200)).body.totals.searches as number;
    await get(URL, admin).expect(200);
    const imported = await runImport(pool, searchEventsKind('answer-cache'), events(Date.now(), 3), {
      source: 'answer-cache',
      format: 'test',
    });
    expect(imported.inserted).toBe(3);
    const after = (await get(URL, admin).expect(200)).body.totals.searches as number;
    expect(after).toBe(before + 3);
  });

  it('is served only to a session of the same role and territories', async () => {
    const national = '/api/searches/breakdown?by=theme';
    const forAdmin = await get(national, admin).expect(200);
    await get(national, admin).expect(200);
    expect(forAdmin.body.filters.level).toBeUndefined();
    // Same URL, another access: their own default territory and suppression, never the admin's answer.
    const copil = await loginAs(app, 'copil', ['department:95']);
    const forCopil = await get(national, copil).expect(200);
    expect(forCopil.body.filters).toMatchObject({ level: 'department', code: '95' });
    expect(forCopil.body.suppressionThreshold).not.toBeNull();
    await get('/api/searches/breakdown?by=theme&level=department&code=48', admin).expect(200);
    await get('/api/searches/breakdown?by=theme&level=department&code=48', admin).expect(200);
    await get('/api/searches/breakdown?by=theme&level=department&code=48', copil).expect(403);
    await get(national, null).expect(401);
    await get(national, 'vigie_session=' + 'x'.repeat(43)).expect(401);
  });

  it('reads Accept-Encoding as the compression middleware does', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
