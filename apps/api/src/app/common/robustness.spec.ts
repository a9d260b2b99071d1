import type { NestExpressApplication } from '@nestjs/platform-express';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { as, loginAs, testApp } from '../../test/app.js';
import { checkQueryDates } from './validation.js';

/**
 * Hostile requests any signed-in role (or nobody) can send: each is refused with a clear 4xx and none blocks the
 * event loop. The loop delay is measured (perf_hooks), not the wall-clock time of the request.
 */
describe('robustness: bounded dates and periods, JSON size and depth, event-loop delay', () => {
  let app: NestExpressApplication;
  let admin: string;
  beforeAll(async () => {
    app = await testApp();
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => app.close());

  /** Runs one request with a loop-delay histogram around it; returns the response and the worst delay in ms. */
  async function measured(send: () => request.Test): Promise<{ res: request.Response; maxDelayMs: number }> {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    try {
      const res = await send();
      // one more turn of the loop so that a block at the end of the request is recorded
      await new Promise((r) => setTimeout(r, 20));
      return { res, maxDelayMs: h.max / 1e6 };
    } finally {
      h.disable();
    }
  }

  const deep = '['.repeat(100_000);
  const deepClosed = '['.repeat(100_000) + ']'.repeat(100_000);
  const cases: { name: string; send: () => request.Test; status: number; message: RegExp }[] = [
    {
      name: 'activities to=9999-12-31 (was a 10–14 s month loop)',
      send: () => as(app, admin).get('/api/deployment/activities?to=9999-12-31'),
      status: 400,
      message: /to must be between 2000-01-01 and 2100-12-31/,
    },
    {
      name: 'activities over a century',
      send: () => as(app, admin).get('/api/deployment/activities?from=2000-01-01&to=2100-12-31'),
      status: 400,
      message: /cannot exceed 10 years/,
    },
    {
      name: 'search series to=9999-12-31 (was a 500)',
      send: () => as(app, admin).get('/api/searches/series?granularity=day&to=9999-12-31'),
      status: 400,
      message: /to must be between/,
    },
    {
      name: 'search breakdown from=1900-01-01',
      send: () => as(app, admin).get('/api/searches/breakdown?from=1900-01-01&to=2026-01-01'),
      status: 400,
      message: /from must be between/,
    },
    {
      name: 'funder report to=9999-12-31 (was a 500)',
      send: () => as(app, admin).get('/api/reports/funder?territory=national&to=9999-12-31'),
      status: 400,
      message: /to must be between/,
    },
    {
      name: 'a day that does not exist',
      send: () => as(app, admin).get('/api/searches/series?from=2026-02-30&to=2026-03-31'),
      status: 400,
      message: /real calendar day/,
    },
    {
      name: 'anonymous login with 100,000 unclosed "[" (was a 500)',
      send: () => request(app.getHttpServer()).post('/api/auth/login').set('Content-Type', 'application/json').send(deep),
      status: 400,
      message: /nested too deeply/,
    },
    {
      name: 'signed-in export with 100,000 nested arrays (was a 500)',
      send: () => as(app, admin).post('/api/exports').set('Content-Type', 'application/json').send(deepClosed),
      status: 400,
      message: /nested too deeply/,
    },
    {
      name: 'a 5 MB login body',
      send: () =>
        request(app.getHttpServer())
          .post('/api/auth/login')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5 * 1024 * 1024) })),
      status: 413,
      message: /too large/,
    },
  ];

  it.each(cases)('$name → $status, the event loop never blocked 100 ms', async ({ send, status, message }) => {
    const { res, maxDelayMs } = await measured(send);
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect(maxDelayMs).toBeLessThan(100);
  });

  it('accepts ordinary periods and nesting', async () => {
    await as(app, admin).get('/api/deployment/activities?from=2026-01-01&to=2026-12-31').expect(200);
    await as(app, admin).get('/api/deployment/activities?to=2100-12-31').expect(200);
    const res = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'nobody@test.vigie', password: 'not the right one' });
    expect(res.status).toBe(401);
  });

  it('checks every date-like query value, whatever its key', () => {
    expect(() => checkQueryDates({ at: '+010000-01-01' })).toThrow(/at must be a real calendar day/);
    expect(() => checkQueryDates({ day: '2101-01-01' })).toThrow(/day must be between/);
    expect(() => checkQueryDates({ from: ['2026-01-01', '9999-01-01'] })).toThrow(/from must be between/);
    expect(() => checkQueryDates({ from: '2026-01-01', to: '2026-12-31', code: '95' })).not.toThrow();
    expect(() => checkQueryDates({ to: 'yesterday' })).not.toThrow(); // left to the DTO's "to must be a date" message
  });
});
