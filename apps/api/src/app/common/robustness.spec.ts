import type { NestExpressApplication } from '@nestjs/platform-express';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import request from 'supertest';
import { as, loginAs, testApp } from '../../test/app.js';
import { checkQueryDates } from './validation.js';

const run = promisify(execFile);

/**
 * Hostile requests any signed-in role (or nobody) can send: each is refused with a clear 4xx and none blocks the
 * event loop. What is measured is the main thread's CPU time between two turns of the loop (process.threadCpuUsage),
 * not wall-clock time, so a loaded machine does not fail the test.
 */
describe('robustness: bounded dates and periods, JSON size and depth, event-loop delay', () => {
  let app: NestExpressApplication;
  let admin: string;
  beforeAll(async () => {
    app = await testApp();
    await app.listen(0, '127.0.0.1'); // one case is sent from another process
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => app.close());

  /**
   * Runs one request and returns the response and the longest stretch of synchronous work of this (the only
   * JavaScript) thread meanwhile, in ms: the main thread's CPU time between two turns of a 10 ms timer. A handler
   * that blocks the loop for 100 ms shows ≥ 100 ms of CPU between two turns; a busy machine that merely delays
   * the timer (the process not scheduled) does not, so the figure does not depend on the machine's load.
   */
  async function measured<R>(send: () => PromiseLike<R>): Promise<{ res: R; maxDelayMs: number }> {
    const cpu = () => {
      const u = process.threadCpuUsage();
      return (u.user + u.system) / 1000;
    };
    let last = cpu();
    let maxDelayMs = 0;
    const turn = () => {
      const now = cpu();
      maxDelayMs = Math.max(maxDelayMs, now - last);
      last = now;
    };
    const timer = setInterval(turn, 10);
    try {
      const res = await send();
      // one more turn of the loop so that a block at the end of the request is recorded
      await new Promise((r) => setTimeout(r, 20));
      turn();
      return { res, maxDelayMs };
    } finally {
      clearInterval(timer);
    }
  }

  const deep = '['.repeat(100_000);
  const deepClosed = '['.repeat(100_000) + ']'.repeat(100_000);
  /** POSTs a JSON login body of `bytes` bytes from a child Node process to the listening app. */
  async function fromAnotherProcess(path: string, bytes: number): Promise<{ status: number; body: { message?: string } }> {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const script = `
      const body = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(${bytes}) });
      fetch('http://127.0.0.1:${port}${path}', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json() })))
        .catch((e) => console.log(JSON.stringify({ status: 0, body: { message: String(e) } })));`;
    const { stdout } = await run(process.execPath, ['-e', script]);
    return JSON.parse(stdout) as { status: number; body: { message?: string } };
  }

  const cases: {
    name: string;
    send: () => PromiseLike<{ status: number; body: { message?: string } }>;
    status: number;
    message: RegExp;
  }[] = [
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
      // Sent by another process: building and writing 5 MB is the client's work, not the server's.
      send: () => fromAnotherProcess('/api/auth/login', 5 * 1024 * 1024),
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
