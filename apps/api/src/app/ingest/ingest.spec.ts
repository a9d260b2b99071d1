import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { testApp, testDatabaseUrl } from '../../test/app.js';
import { LIVE_VERSION_DELAY_MS } from './rollup-version.js';

describe('POST /api/ingest/search-events (live feed)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  const key = 'vg_test_live_key_0123456789';
  const revoked = 'vg_test_revoked_key_0123456789';
  const scoped = 'vg_test_scoped_key_95_0123456789';
  beforeAll(async () => {
    app = await testApp();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    const hash = (k: string) => createHash('sha256').update(k).digest('hex');
    await pool.query(
      `INSERT INTO api_key (name, source, prefix, key_hash) VALUES ('test', 'livetest', 'vg_test', $1) ON CONFLICT DO NOTHING`,
      [hash(key)],
    );
    await pool.query(
      `INSERT INTO api_key (name, source, prefix, key_hash, territories) VALUES ('val-d-oise', 'scopetest', 'vg_test', $1, '["department:95"]') ON CONFLICT DO NOTHING`,
      [hash(scoped)],
    );
    await pool.query(
      `INSERT INTO api_key (name, source, prefix, key_hash, revoked_at) VALUES ('old', 'livetest', 'vg_test', $1, now()) ON CONFLICT DO NOTHING`,
      [hash(revoked)],
    );
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  const events = (n: number, offset = 0) =>
    Array.from({ length: n }, (_, i) => ({
      occurredAt: new Date(Date.UTC(2026, 9, 1 + (i % 20), 12)).toISOString(),
      category: i % 2 ? 'food_distribution' : 601,
      postalCode: i % 3 ? '95000' : undefined,
      communeCode: i % 3 ? undefined : '2B033',
      resultCount: (i + offset) % 4,
      userStatus: 'public',
      origin: 'widget',
      language: 'fr',
    }));
  const stored = async () => Number((await pool.query(`SELECT count(*) n FROM search_event WHERE source = 'livetest'`)).rows[0].n);
  const rolled = async () =>
    Number(
      (
        await pool.query(
          `SELECT coalesce(sum(searches), 0) n FROM search_event_day WHERE day BETWEEN '2026-10-01' AND '2026-10-20' AND origin = 'widget'`,
        )
      ).rows[0].n,
    );

  // Monthly rollup and events of Haute-Corse in October 2026, read in one statement (one snapshot: other
  // specs may write there concurrently, but committed rollups must always equal the events).
  const monthlyAndEvents = async () =>
    (
      await pool.query(
        `SELECT (SELECT coalesce(sum(searches), 0)::int FROM search_rollup_month_dept WHERE day = '2026-10-01' AND department_code = '2B') AS monthly,
                (SELECT count(*)::int FROM search_event_day WHERE day BETWEEN '2026-10-01' AND '2026-10-31' AND department_code = '2B') AS events`,
      )
    ).rows[0] as { monthly: number; events: number };

  it('stores a batch once: re-sending the same Idempotency-Key never duplicates', async () => {
    const before = await stored();
    const batch = { events: events(300) };
    const first = await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'batch-0001-a')
      .send(batch)
      .expect(201);
    expect(first.body).toMatchObject({ duplicate: false, accepted: 300, rejected: 0 });
    const again = await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('X-Api-Key', key)
      .set('Idempotency-Key', 'batch-0001-a')
      .send(batch)
      .expect(200);
    expect(again.body).toMatchObject({ duplicate: true, accepted: 300 });
    expect((await stored()) - before).toBe(300);
    expect(await rolled()).toBeGreaterThanOrEqual(300);
    const m = await monthlyAndEvents();
    expect(m.events).toBeGreaterThanOrEqual(100); // i % 3 === 0: commune 2B033
    expect(m.monthly).toBe(m.events);
    const row = (
      await pool.query(
        `SELECT commune_code, department_code, region_code, category_id, theme_id FROM search_event WHERE source = 'livetest' AND commune_code = '2B033' LIMIT 1`,
      )
    ).rows[0];
    expect(row).toMatchObject({ department_code: '2B', region_code: '94', theme_id: 'food' });
  });

  it('makes live batches visible to cached answers within the version delay, one bump for a burst of batches', async () => {
    const version = async () => Number((await pool.query(`SELECT version FROM search_rollup_version WHERE id = 1`)).rows[0].version);
    const v0 = await version();
    const t0 = Date.now();
    for (let b = 0; b < 3; b++) {
      await request(app.getHttpServer())
        .post('/api/ingest/search-events')
        .set('Authorization', `Bearer ${key}`)
        .set('Idempotency-Key', `burst-${t0}-${b}`)
        .send({ events: events(5, b) })
        .expect(201);
    }
    let v = await version();
    while (v === v0 && Date.now() - t0 < LIVE_VERSION_DELAY_MS + 3_000) {
      await new Promise((r) => setTimeout(r, 100));
      v = await version();
    }
    // Bumped after the batches (other specs may bump it too, so only "at least once" is certain here).
    expect(v).toBeGreaterThan(v0);
  }, 20_000);

  it('reports unknown categories per event and keeps the others', async () => {
    const batch = { events: [...events(2), { occurredAt: '2026-10-02T10:00:00Z', category: 'pizza', resultCount: 1 }] };
    const res = await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'batch-0002-b')
      .send(batch)
      .expect(201);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.body.errors[0]).toMatchObject({ line: 3, field: 'category' });
  });

  it.each([
    ['no key', {}, 401],
    ['revoked key', { Authorization: `Bearer ${revoked}` }, 401],
    ['unknown key', { Authorization: 'Bearer vg_nope' }, 401],
    ['no idempotency key', { Authorization: `Bearer ${key}` }, 400],
  ])('refuses a request with %s', async (_label, headers, status) => {
    await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set(headers as Record<string, string>)
      .send({ events: events(1) })
      .expect(status);
  });

  it('refuses personal data and malformed batches with field errors, storing nothing', async () => {
    const before = await stored();
    const withIp = { events: [{ ...events(1)[0], ip: '1.2.3.4', email: 'a@b.c' }] };
    const res = await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'batch-0003-c')
      .send(withIp)
      .expect(400);
    expect(res.body.message).toMatch(/ip should not exist/);
    await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'batch-0004-d')
      .send({ events: 'nope' })
      .expect(400);
    await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'batch-0005-e')
      .set('Content-Type', 'application/json')
      .send('{"events": [')
      .expect(400);
    const tooMany = { events: Array.from({ length: 10_001 }, () => events(1)[0]) };
    await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'batch-0006-f')
      .send(tooMany)
      .expect(400);
    expect(await stored()).toBe(before);
  });

  it("rejects events outside the key's territories, with the reason", async () => {
    const at = new Date(Date.UTC(2026, 9, 3, 12)).toISOString();
    const res = await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${scoped}`)
      .set('Idempotency-Key', 'scope-batch-0001')
      .send({
        events: [
          { occurredAt: at, category: 'food_distribution', communeCode: '95127', resultCount: 2 }, // Cergy-Pontoise: inside
          { occurredAt: at, category: 'food_distribution', communeCode: '75056', resultCount: 2 }, // Paris: outside
          { occurredAt: at, category: 'food_distribution', postalCode: '13001', resultCount: 0 }, // Marseille: outside
          { occurredAt: at, category: 'food_distribution', resultCount: 1 }, // nowhere: cannot be shown inside
        ],
      })
      .expect(201);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 3 });
    expect(res.body.errors).toEqual([
      { line: 2, field: 'territory', reason: expect.stringMatching(/outside this API key's territories \(department:95\): commune 75056/) },
      { line: 3, field: 'territory', reason: expect.stringMatching(/: commune 13055|: commune 132\d\d/) },
      { line: 4, field: 'territory', reason: expect.stringMatching(/no known place/) },
    ]);
    const rows = (await pool.query(`SELECT commune_code FROM search_event WHERE source = 'scopetest'`)).rows;
    expect(rows).toEqual([{ commune_code: '95127' }]);
  });

  it('answers 422 when an Idempotency-Key comes back with another body; the same body gets the stored answer', async () => {
    const send = (body: unknown) =>
      request(app.getHttpServer())
        .post('/api/ingest/search-events')
        .set('Authorization', `Bearer ${key}`)
        .set('Idempotency-Key', 'reused-key-0001')
        .send(body);
    const first = await send({ events: events(3) }).expect(201);
    expect(first.body).toMatchObject({ duplicate: false, accepted: 3 });
    const before = await stored();
    const other = await send({ events: events(3, 1) }).expect(422);
    expect(other.body.message).toMatch(/Idempotency-Key reused-key-0001 was already used for a batch with another body/);
    expect(await stored()).toBe(before);
    const same = await send({ events: events(3) }).expect(200);
    expect(same.body).toMatchObject({ duplicate: true, accepted: 3 });
  });

  it("stores the sender's free-text event ids and idempotency keys only as a keyed hash", async () => {
    const id = 'jean.dupont@example.org|203.0.113.7';
    await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'jean.dupont-example.org-0001')
      .send({
        events: [
          { id, occurredAt: new Date(Date.UTC(2026, 9, 4, 12, 34, 56)).toISOString(), category: 601, communeCode: '95127', resultCount: 1 },
        ],
      })
      .expect(201);
    const leaks = await pool.query(
      `SELECT (SELECT count(*)::int FROM search_event WHERE source_id LIKE '%dupont%' OR source_id LIKE '%203.0.113%') AS events,
              (SELECT count(*)::int FROM ingest_batch WHERE idempotency_key LIKE '%dupont%') AS batches,
              (SELECT count(*)::int FROM search_event WHERE source = 'livetest' AND source_id LIKE 'live:h:%') AS hashed`,
    );
    expect(leaks.rows[0]).toMatchObject({ events: 0, batches: 0 });
    expect(leaks.rows[0].hashed).toBeGreaterThanOrEqual(1);
    // the same id again is still recognised (same key, same hash): not stored twice
    const again = await request(app.getHttpServer())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${key}`)
      .set('Idempotency-Key', 'another-batch-0002')
      .send({
        events: [
          { id, occurredAt: new Date(Date.UTC(2026, 9, 4, 12, 34, 56)).toISOString(), category: 601, communeCode: '95127', resultCount: 1 },
        ],
      })
      .expect(201);
    expect(again.body.accepted).toBe(1);
    expect(
      (
        await pool.query(
          `SELECT count(*)::int n FROM search_event WHERE source = 'livetest' AND occurred_at = '2026-10-04T12:34:56Z' AND commune_code = '95127'`,
        )
      ).rows[0].n,
    ).toBe(1);
  });
});
