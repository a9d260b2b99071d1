import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { as, loginAs, testApp } from '../../test/app.js';

describe('GET /api/health', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => app.close());

  it('says only "ok" to anyone not signed in as an admin', async () => {
    const anonymous = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    for (const role of ['coordinator', 'copil', 'funder'] as const) {
      const res = await as(app, await loginAs(app, role))
        .get('/api/health')
        .expect(200);
      expect(res.body).toEqual({ status: 'ok' });
    }
  });

  it('reports the database and the loaded geography to admins', async () => {
    const res = await as(app, await loginAs(app, 'admin'))
      .get('/api/health')
      .expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, geography: { loaded: true, communes: 34875 } });
    expect(Number(res.body.database.serverVersion.split('.')[0])).toBeGreaterThanOrEqual(15);
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/territories/{level}', '/api/territories/{level}/{code}']),
    );
  });
});
