import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { testApp } from '../../test/app.js';

describe('GET /api/health', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => app.close());

  it('reports the database and the loaded geography', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').expect(200);
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
