import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { LOGIN_REFUSED } from './auth.controller.js';
import { FIRST_WAIT_MS, LoginBackoff } from './login-backoff.js';
import { SESSION_CACHE_MS } from './session.service.js';
import { createUser } from './users.store.js';

const PASSWORD = 'correct horse battery';

describe('sign-in, sessions, lockout, users and API keys (real Postgres)', () => {
  let app: NestExpressApplication;
  /** Behind a trusted proxy: X-Forwarded-For gives each request its client IP. */
  let proxied: NestExpressApplication;
  let pool: pg.Pool;
  let admin: ReturnType<typeof as>;
  const server = () => app.getHttpServer();
  const newUser = async (role: 'admin' | 'coordinator' | 'copil' | 'funder', territories: string[] = ['department:95']) => {
    const email = `${role}.${Math.random().toString(36).slice(2)}@auth.test`;
    await createUser(pool, { email, role, territories, password: PASSWORD });
    return email;
  };
  const login = (email: string, password = PASSWORD) => request(server()).post('/api/auth/login').send({ email, password });

  beforeAll(async () => {
    app = await testApp({ VIGIE_LOGIN_RATE_PER_MINUTE: '1000' });
    proxied = await testApp({ VIGIE_LOGIN_RATE_PER_MINUTE: '1000', VIGIE_TRUST_PROXY: '1' });
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = as(app, await loginAs(app, 'admin'));
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await proxied.close();
    await pool.end();
  });

  it('signs in with an HTTP-only, SameSite=Lax session cookie, and signs out', async () => {
    const email = await newUser('coordinator');
    const res = await login(email.toUpperCase()).expect(200);
    expect(res.body).toMatchObject({ email, role: 'coordinator', territories: ['department:95'] });
    const cookie = res.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^vigie_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure when the request is https
    const token = cookie.split(';')[0];
    // Only the SHA-256 of the token is stored.
    expect((await pool.query(`SELECT count(*)::int n FROM user_session WHERE token_hash = $1`, [token.split('=')[1]])).rows[0].n).toBe(0);
    const me = await request(server()).get('/api/auth/me').set('Cookie', token).expect(200);
    expect(me.body.email).toBe(email);
    await request(server()).post('/api/auth/logout').set('Cookie', token).expect(204);
    await request(server()).get('/api/auth/me').set('Cookie', token).expect(401);
    const actions = (await pool.query(`SELECT action FROM audit_log WHERE actor = $1 ORDER BY id`, [email])).rows.map((r) => r.action);
    expect(actions).toEqual(['login', 'logout']);
  });

  it('refuses wrong passwords and unknown e-mails with the same 401', async () => {
    const email = await newUser('copil');
    const a = await login(email, 'wrong password!').expect(401);
    const b = await login('nobody@nowhere.test').expect(401);
    expect(a.body.message).toBe(b.body.message);
    await request(server()).post('/api/auth/login').send({ email: 'x' }).expect(400);
  });

  it('backs off per (client IP, account): a stranger cannot lock anyone out, and throttled looks like unknown', async () => {
    const email = await newUser('admin', ['national']);
    const from = (ip: string, mail: string, password = PASSWORD) =>
      request(proxied.getHttpServer()).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: mail, password });
    const backoff = proxied.get(LoginBackoff);
    let now = Date.UTC(2026, 0, 15, 12);
    backoff.now = () => now;
    for (let i = 0; i < 5; i++) await from('203.0.113.66', email, `wrong-${i}-password`).expect(401);
    // the attacker's address now waits, even with the right password: the very answer an unknown e-mail gets
    const throttled = await from('203.0.113.66', email).expect(401);
    const unknown = await from('203.0.113.66', 'nobody@nowhere.test').expect(401);
    const wrong = await from('198.51.100.7', email, 'not-the-password').expect(401);
    expect(throttled.body).toEqual(unknown.body);
    expect(throttled.body).toEqual(wrong.body);
    expect(throttled.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: LOGIN_REFUSED });
    expect(throttled.headers['retry-after']).toBeUndefined();
    // the owner, from another address, signs in at once: nothing is locked
    await from('198.51.100.7', email).expect(200);
    const row = (await pool.query(`SELECT locked_until FROM app_user WHERE email = $1`, [email])).rows[0];
    expect(row.locked_until).toBeNull();
    // the attacker's wait doubles with each failure after the fifth, and ends
    now += FIRST_WAIT_MS + 1;
    await from('203.0.113.66', email, 'wrong-again-password').expect(401);
    now += FIRST_WAIT_MS + 1;
    await from('203.0.113.66', email).expect(401); // waits 2 × 30 s now
    now += FIRST_WAIT_MS;
    await from('203.0.113.66', email).expect(200);
    const actions = (await pool.query(`SELECT action FROM audit_log WHERE actor = $1 ORDER BY id`, [email])).rows.map((r) => r.action);
    expect(actions.slice(0, 6)).toEqual([
      'login.failure',
      'login.failure',
      'login.failure',
      'login.failure',
      'login.failure',
      'login.throttled',
    ]);
  });

  it('after an admin reset, serves nothing but the password change; refuses short and common new passwords', async () => {
    const email = await newUser('funder', ['region:11']);
    const row = (await pool.query(`SELECT id FROM app_user WHERE email = $1`, [email])).rows[0];
    const reset = await admin.post(`/api/users/${row.id}/reset-password`).expect(200);
    expect(reset.body.temporaryPassword).toMatch(/^\S{16}$/);
    expect(reset.body.user.lockedUntil).toBeNull();
    await login(email).expect(401); // the old password is gone
    const ok = await login(email, reset.body.temporaryPassword).expect(200);
    expect(ok.body.mustChangePassword).toBe(true);
    const cookie = (ok.headers['set-cookie'][0] as string).split(';')[0];
    const user = as(app, cookie);
    // every other route: 403 with a code saying why (cached answers included)
    for (const url of ['/api/searches/series?level=region&code=11', '/api/coverage?parent=region:11&theme=food', '/api/deployment/kpis']) {
      const refused = await user.get(url).expect(403);
      expect(refused.body).toMatchObject({
        code: 'password_change_required',
        message: expect.stringMatching(/change your password first/),
      });
    }
    expect((await user.get('/api/auth/me').expect(200)).body.mustChangePassword).toBe(true);
    const change = (newPassword: string) =>
      user.post('/api/auth/password').send({ currentPassword: reset.body.temporaryPassword, newPassword });
    for (const weak of ['short', 'aaaaaaaaaaaa', 'azertyazerty', '123456789012', 'Password1234!', 'qwertyuiop123', 'sunshine2026!!']) {
      const res = await change(weak).expect(400);
      expect(res.body.message).toMatch(/12 to 200 characters/);
    }
    await change('a much longer new password').expect(204);
    const again = await login(email, 'a much longer new password').expect(200);
    const fresh = as(app, (again.headers['set-cookie'][0] as string).split(';')[0]);
    await fresh.get('/api/deployment/kpis').expect(200);
  });

  it('refuses common passwords when an admin creates a user with one', async () => {
    await expect(
      createUser(pool, { email: 'weak@auth.test', role: 'copil', territories: ['department:95'], password: 'iloveyou1234' }),
    ).rejects.toThrow(/common password/);
  });

  it('throttles sign-in attempts per client IP (token bucket)', async () => {
    const strict = await testApp({ VIGIE_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await request(strict.getHttpServer())
              .post('/api/auth/login')
              .send({ email: `spray${i}@x.test`, password: 'guess-guess-guess' })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  }, 120_000);

  it('expires sessions after 12 hours without activity, and slides the expiry on use', async () => {
    const email = await newUser('copil');
    const cookie = ((await login(email).expect(200)).headers['set-cookie'][0] as string).split(';')[0];
    await pool.query(
      `UPDATE user_session SET expires_at = now() + interval '1 minute' WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [email],
    );
    await request(server()).get('/api/auth/me').set('Cookie', cookie).expect(200);
    const slid = (
      await pool.query(`SELECT expires_at FROM user_session WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`, [email])
    ).rows[0].expires_at;
    expect(slid.getTime() - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
    // Within the next minutes the session is only read: no write (no durable commit) per request.
    await request(server()).get('/api/auth/me').set('Cookie', cookie).expect(200);
    const again = (
      await pool.query(`SELECT expires_at FROM user_session WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`, [email])
    ).rows[0].expires_at;
    expect(again.getTime()).toBe(slid.getTime());
    await pool.query(
      `UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [email],
    );
    // Changed behind the API's back: seen once the session cache's entry is over (SESSION_CACHE_MS).
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 50));
    await request(server()).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('lets admins create, change and disable users; a disabled user is signed out and cannot sign in', async () => {
    const created = await admin
      .post('/api/users')
      .send({ email: 'New.Coordinator@Example.org', role: 'coordinator', territories: ['department:2a', 'region:11'] })
      .expect(201);
    expect(created.body.user).toMatchObject({
      email: 'new.coordinator@example.org',
      territories: ['department:2A', 'region:11'],
      mustChangePassword: true,
    });
    await admin
      .post('/api/users')
      .send({ email: 'new.coordinator@example.org', role: 'copil', territories: ['department:95'] })
      .expect(400);
    await admin
      .post('/api/users')
      .send({ email: 'x@example.org', role: 'copil', territories: ['department:98'] })
      .expect(400);
    await admin.post('/api/users').send({ email: 'y@example.org', role: 'copil', territories: [] }).expect(400);
    await admin
      .post('/api/users')
      .send({ email: 'z@example.org', role: 'root', territories: ['national'] })
      .expect(400);
    const id = created.body.user.id;
    const cookie = (
      (await login('new.coordinator@example.org', created.body.temporaryPassword).expect(200)).headers['set-cookie'][0] as string
    ).split(';')[0];
    const patched = await admin
      .patch(`/api/users/${id}`)
      .send({ role: 'copil', territories: ['department:95'] })
      .expect(200);
    expect(patched.body).toMatchObject({ role: 'copil', territories: ['department:95'] });
    await request(server()).get('/api/auth/me').set('Cookie', cookie).expect(401); // role changed: sessions closed
    await admin.patch(`/api/users/${id}`).send({ disabled: true }).expect(200);
    await login('new.coordinator@example.org', created.body.temporaryPassword).expect(401);
    const list = await admin.get('/api/users').expect(200);
    expect(list.body.find((u: { id: number }) => u.id === id)).toMatchObject({ disabled: true });
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password_hash/);
  });

  it('manages ingest API keys over HTTP: created once, usable, revoked keys refused', async () => {
    const created = await admin.post('/api/api-keys').send({ name: 'HTTP test', source: 'httpkey' }).expect(201);
    expect(created.body.key).toMatch(/^vg_/);
    const stored = (await pool.query(`SELECT key_hash FROM api_key WHERE id = $1`, [created.body.id])).rows[0].key_hash;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(created.body.key);
    const listed = await admin.get('/api/api-keys').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const batch = { events: [{ occurredAt: '2026-10-03T10:00:00Z', category: 'food_distribution', communeCode: '95500', resultCount: 2 }] };
    await request(server())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${created.body.key}`)
      .set('Idempotency-Key', 'http-key-0001')
      .send(batch)
      .expect(201);
    await admin.post(`/api/api-keys/${created.body.id}/revoke`).expect(200);
    await request(server())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${created.body.key}`)
      .set('Idempotency-Key', 'http-key-0002')
      .send(batch)
      .expect(401);
    const coordinator = as(app, await loginAs(app, 'coordinator'));
    await coordinator.post('/api/api-keys').send({ name: 'nope', source: 'nope' }).expect(403);
    // a key scoped to the Val-d'Oise: Paris events are rejected with the reason
    expect(created.body.territories).toEqual(['national']);
    const scoped = await admin
      .post('/api/api-keys')
      .send({ name: '95 only', source: 'httpkey95', territories: ['department:95'] })
      .expect(201);
    expect(scoped.body.territories).toEqual(['department:95']);
    const paris = await request(server())
      .post('/api/ingest/search-events')
      .set('Authorization', `Bearer ${scoped.body.key}`)
      .set('Idempotency-Key', 'http-key-95-0001')
      .send({ events: [{ occurredAt: '2026-10-03T10:00:00Z', category: 'food_distribution', communeCode: '75056', resultCount: 2 }] })
      .expect(201);
    expect(paris.body).toMatchObject({ accepted: 0, rejected: 1, errors: [{ line: 1, field: 'territory' }] });
    const bad = await admin
      .post('/api/api-keys')
      .send({ name: 'x', source: 'x', territories: ['department:999'] })
      .expect(400);
    expect(bad.body.message).toMatch(/department:999/);
  });

  it('keeps raw lists (import history, rejected rows) away from funders and COPIL', async () => {
    const run = (
      await pool.query(
        `INSERT INTO import_run (kind, format, source, status, scope) VALUES ('services', 'csv', 'authspec', 'rejected', '["department:95"]') RETURNING id`,
      )
    ).rows[0].id;
    // a run of an admin (no scope) is not shown to coordinators
    const adminRun = (
      await pool.query(
        `INSERT INTO import_run (kind, format, source, status) VALUES ('services', 'csv', 'authspec', 'rejected') RETURNING id`,
      )
    ).rows[0].id;
    await pool.query(`INSERT INTO import_error (run_id, line, field, reason, source_id) VALUES ($1, 2, 'name', 'missing', 'abc')`, [run]);
    for (const role of ['funder', 'copil'] as const) {
      const c = as(app, await loginAs(app, role));
      await c.get(`/api/imports/${run}/errors.csv`).expect(403);
      await c.get('/api/imports').expect(403);
      await c.post('/api/imports/services').expect(403);
    }
    const coordinator = as(app, await loginAs(app, 'coordinator'));
    await coordinator.get(`/api/imports/${adminRun}/errors.csv`).expect(404);
    const csv = await coordinator.get(`/api/imports/${run}/errors.csv`).expect(200);
    expect(csv.text).toContain('missing');
    // A streamed answer is sent before its audit entry is written: wait for it (bounded).
    const audited = async () =>
      (
        await pool.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'import.errors-download' AND details->>'path' = $1`, [
          `/api/imports/${run}/errors.csv`,
        ])
      ).rows[0].n as number;
    for (let i = 0; i < 50 && (await audited()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await audited()).toBe(1);
  });

  it('suppresses small counts for COPIL and funders, exact counts for the coordinator of the territory; scopes every query', async () => {
    const q = '/api/searches/series?granularity=month&level=department&code=95';
    const k = async (role: 'coordinator' | 'copil' | 'funder', territories: string[]) =>
      (
        await as(app, await loginAs(app, role, territories))
          .get(q)
          .expect(200)
      ).body.suppressionThreshold;
    expect(await k('coordinator', ['department:95'])).toBeNull();
    expect(await k('copil', ['department:95'])).toBe(11);
    expect(await k('funder', ['region:11'])).toBe(11);
    expect((await admin.get(q).expect(200)).body.suppressionThreshold).toBeNull();
    // A commune inside the coordinator's department is fine; outside, 403.
    const coordinator = as(app, await loginAs(app, 'coordinator', ['department:95']));
    await coordinator.get('/api/searches/series?level=commune&code=95500').expect(200);
    await coordinator.get('/api/searches/breakdown?level=region&code=11').expect(403);
    await coordinator.get('/api/searches/peaks?level=commune&code=2A004').expect(403);
    // No territory asked: the coordinator's own, never national figures.
    const dflt = await coordinator.get('/api/searches/series').expect(200);
    expect(dflt.body.filters).toMatchObject({ level: 'department', code: '95' });
    const funderPeaks = await as(app, await loginAs(app, 'funder', ['region:11']))
      .get('/api/searches/peaks')
      .expect(200);
    expect(funderPeaks.body.filters).toMatchObject({ level: 'region', code: '11' });
    expect(funderPeaks.body.series).toEqual([]); // the raw series behind the peaks is not for suppressed viewers
  });

  it('refuses cross-origin state-changing requests and sends security headers', async () => {
    await admin.post('/api/api-keys').set('Origin', 'https://evil.example').send({ name: 'x', source: 'x' }).expect(403);
    const res = await request(server()).get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only over https
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
