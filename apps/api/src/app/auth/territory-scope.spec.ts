import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { Viewer } from '../common/viewer.js';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { TerritoryAccess } from './territory-access.js';
import { namedTerritories, TerritoryScopeGuard } from './territory-scope.guard.js';

const http = (req: { query?: object; params?: object; viewer?: Viewer }) =>
  ({
    getType: () => 'http',
    getHandler: () => http,
    getClass: () => Object,
    switchToHttp: () => ({ getRequest: () => ({ query: {}, params: {}, ...req }) }),
  }) as unknown as ExecutionContext;

describe('the territory scope guard (one place for every route, real Postgres)', () => {
  let pool: pg.Pool;
  let guard: TerritoryScopeGuard;
  const copil95: Viewer = { role: 'copil', territories: [{ level: 'department', code: '95' }] };
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await testApp(); // migrated, geography loaded
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    guard = new TerritoryScopeGuard(new TerritoryAccess(pool), new Reflector());
  });
  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  it('reads every way a route names a territory', () => {
    expect(
      namedTerritories({
        query: { level: 'department', code: '2a', territory: 'commune:75056', parent: 'region:11' },
        params: { level: 'commune', code: '95127' },
      } as never),
    ).toEqual([
      { level: 'department', code: '2A' },
      { level: 'commune', code: '95127' },
      { level: 'commune', code: '75056' },
      { level: 'region', code: '11' },
    ]);
    expect(namedTerritories({ query: { level: 'department' }, params: { code: '95' } } as never)).toEqual([]); // not a pair
    expect(namedTerritories({ query: { territory: 'nowhere:1' }, params: {} } as never)).toEqual([]); // the route's 400
  });

  it.each([
    ['a Paris commune by path', { params: { level: 'commune', code: '75056' } }],
    ['Paris by level and code', { query: { level: 'department', code: '75' } }],
    ['a report on Paris', { query: { territory: 'department:75' } }],
    ['the map of Paris', { query: { parent: 'department:75' } }],
    ['a commune of the Eure next door', { query: { territory: 'commune:27002' } }],
  ])('refuses a Val-d’Oise COPIL member %s, whatever the route', async (_, req) => {
    await expect(guard.canActivate(http({ ...req, viewer: copil95 }))).rejects.toThrow(/outside your territories/);
  });

  it.each([
    ['their department', { query: { level: 'department', code: '95' } }],
    ['a commune of theirs', { params: { level: 'commune', code: '95127' } }],
    ['the map of their region (it contains theirs; the route narrows it)', { query: { parent: 'region:11' } }],
    ['no territory at all (the route uses theirs)', { query: {} }],
  ])('lets them name %s', async (_, req) => {
    await expect(guard.canActivate(http({ ...req, viewer: copil95 }))).resolves.toBe(true);
  });

  it('lets admins and national users name any territory', async () => {
    const req = { query: { level: 'department', code: '75' } };
    await expect(guard.canActivate(http({ ...req, viewer: { role: 'admin', territories: [] } }))).resolves.toBe(true);
    await expect(guard.canActivate(http({ ...req, viewer: { role: 'funder', territories: [], national: true } }))).resolves.toBe(true);
  });

  describe('in the running API (registered after the access guard)', () => {
    it('answers 403 before any route handler for a foreign territory', async () => {
      const copil = await loginAs(app, 'copil');
      // The services points route narrows to the viewer's territory on its own; the guard answers first.
      const res = await as(app, copil).get('/api/services/points?level=department&code=75');
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/department:75 is outside your territories/);
      await as(app, copil).get('/api/services/points?level=department&code=95').expect(200);
    });

    it('lets public geography (@AnyTerritory) name a foreign territory: the name of Paris is no secret', async () => {
      const copil = await loginAs(app, 'copil');
      const res = await as(app, copil).get('/api/territories/department/75').expect(200);
      expect(res.body.name).toBe('Paris');
    });
  });
});
