import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { hashToken, SESSION_CACHE_MS, SessionService } from './session.service.js';
import { createUser } from './users.store.js';

const PASSWORD = 'correct horse battery';

/** Every change of a session or user made through the API is seen by the next request, cached or not. */
describe('session cache: invalidation (real Postgres)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let admin: ReturnType<typeof as>;
  const server = () => app.getHttpServer();
  const me = (cookie: string) => request(server()).get('/api/auth/me').set('Cookie', cookie);
  const series = (cookie: string) => request(server()).get('/api/searches/series?granularity=month').set('Cookie', cookie);
  const newUser = async (role: 'coordinator' | 'copil', territories = ['department:95']) => {
    const email = `${role}.${Math.random().toString(36).slice(2)}@session-cache.test`;
    const { user } = await createUser(pool, { email, role, territories, password: PASSWORD });
    const res = await request(server()).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    return { id: user.id, email, cookie: (res.headers['set-cookie'][0] as string).split(';')[0] };
  };
  /** Two reads: the session is then in the cache, and so is a cached answer for it. */
  const prime = async (cookie: string) => {
    await me(cookie).expect(200);
    await series(cookie).expect(200);
    await series(cookie).expect(200);
  };

  beforeAll(async () => {
    app = await testApp({ VIGIE_LOGIN_RATE_PER_MINUTE: '1000' });
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = as(app, await loginAs(app, 'admin'));
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('sign-out: the next request is refused, also for an answer cached for that session', async () => {
    const u = await newUser('coordinator');
    await prime(u.cookie);
    await request(server()).post('/api/auth/logout').set('Cookie', u.cookie).expect(204);
    await me(u.cookie).expect(401);
    await series(u.cookie).expect(401);
  });

  it('role change and deactivation by an admin: refused at once', async () => {
    const a = await newUser('coordinator');
    await prime(a.cookie);
    await admin.patch(`/api/users/${a.id}`).send({ role: 'copil' }).expect(200);
    await me(a.cookie).expect(401);
    await series(a.cookie).expect(401);
    const b = await newUser('copil');
    await prime(b.cookie);
    await admin.patch(`/api/users/${b.id}`).send({ disabled: true }).expect(200);
    await me(b.cookie).expect(401);
    await series(b.cookie).expect(401);
  });

  it('territory change: the session stays, with the new territories at once (no answer of the old ones)', async () => {
    const u = await newUser('copil', ['department:95']);
    await prime(u.cookie);
    expect((await series(u.cookie).expect(200)).body.filters).toMatchObject({ level: 'department', code: '95' });
    await admin
      .patch(`/api/users/${u.id}`)
      .send({ territories: ['department:93'] })
      .expect(200);
    expect((await me(u.cookie).expect(200)).body.territories).toEqual(['department:93']);
    expect((await series(u.cookie).expect(200)).body.filters).toMatchObject({ level: 'department', code: '93' });
    await request(server()).get('/api/searches/series?granularity=month&level=department&code=95').set('Cookie', u.cookie).expect(403);
  });

  it('password change closes the other sessions at once; a reset by an admin closes them all', async () => {
    const u = await newUser('coordinator');
    const other = (
      (await request(server()).post('/api/auth/login').send({ email: u.email, password: PASSWORD }).expect(200)).headers[
        'set-cookie'
      ][0] as string
    ).split(';')[0];
    await prime(u.cookie);
    await prime(other);
    await request(server())
      .post('/api/auth/password')
      .set('Cookie', u.cookie)
      .send({ currentPassword: PASSWORD, newPassword: 'another long password' })
      .expect(204);
    await me(other).expect(401);
    await series(other).expect(401);
    await me(u.cookie).expect(200);
    await prime(u.cookie);
    await admin.post(`/api/users/${u.id}/reset-password`).expect(200);
    await me(u.cookie).expect(401);
    await series(u.cookie).expect(401);
  });

  it(`a session revoked by another process (CLI, SQL, another instance) is refused within ${SESSION_CACHE_MS} ms`, async () => {
    const u = await newUser('copil');
    await prime(u.cookie);
    await pool.query(`DELETE FROM user_session WHERE user_id = $1`, [u.id]);
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 50));
    await me(u.cookie).expect(401);
    await series(u.cookie).expect(401);
  });
});

/** The race the generation counter closes: a read that began before an invalidation is not kept. */
describe('session cache: a read in flight across an invalidation', () => {
  const row = {
    id: '7',
    email: 'x@y.z',
    role: 'coordinator',
    territories: ['department:95'],
    must_change_password: false,
    expires_at: new Date(Date.now() + 3_600_000),
  };

  function fakePool() {
    const pending: ((rows: unknown[]) => void)[] = [];
    let reads = 0;
    const pool = {
      query: (sql: string) => {
        if (/^\s*DELETE/.test(sql)) return Promise.resolve({ rows: [] });
        reads++;
        return new Promise((resolve) => pending.push((rows) => resolve({ rows })));
      },
    };
    return { pool: pool as unknown as pg.Pool, pending, reads: () => reads };
  }

  it('is answered but not cached: the next request reads the database again', async () => {
    const db = fakePool();
    const sessions = new SessionService(db.pool);
    const first = sessions.resolve('a'.repeat(43));
    sessions.forgetUser(7); // e.g. the admin changed the user's territories meanwhile
    db.pending.shift()!([row]);
    expect(await first).not.toBeNull();
    const second = sessions.resolve('a'.repeat(43));
    expect(db.reads()).toBe(2);
    db.pending.shift()!([]); // the session is gone now
    expect(await second).toBeNull();
  });

  it('a request arriving after the invalidation does not share the earlier read', async () => {
    const db = fakePool();
    const sessions = new SessionService(db.pool);
    const token = 'b'.repeat(43);
    const before = sessions.resolve(token);
    await sessions.destroy(token);
    const after = sessions.resolve(token);
    expect(db.reads()).toBe(2);
    db.pending.shift()!([row]);
    db.pending.shift()!([]);
    expect(await before).not.toBeNull();
    expect(await after).toBeNull();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves a cached session without a read, until the TTL', async () => {
    const db = fakePool();
    const sessions = new SessionService(db.pool);
    const token = 'c'.repeat(43);
    const p = sessions.resolve(token);
    db.pending.shift()!([row]);
    await p;
    expect(await sessions.resolve(token)).not.toBeNull();
    expect(db.reads()).toBe(1);
  });
});
