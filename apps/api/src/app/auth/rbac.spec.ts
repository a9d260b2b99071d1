import { Controller, Get, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { APP_GUARD, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { as, loginAs, testApp, type TestRole } from '../../test/app.js';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/pg-pool.js';
import { VIGIE_RUNTIME } from '../runtime.js';
import { ACCESS_KEY, type AccessRule, Public } from './access.decorators.js';
import { AccessGuard } from './access.guard.js';
import { SessionService } from './session.service.js';

type Who = TestRole | 'anonymous';
const WHO: Who[] = ['admin', 'coordinator', 'copil', 'funder', 'anonymous'];
const SIGNED_IN: TestRole[] = ['admin', 'coordinator', 'copil', 'funder'];
/** Territories of the matrix users: Val-d'Oise (95) is inside Île-de-France (11); Corse-du-Sud (2A) is outside both. */
const TERRITORIES: Record<TestRole, string[]> = {
  admin: ['national'],
  coordinator: ['department:95'],
  copil: ['department:95'],
  funder: ['region:11'],
};
const INSIDE = 'level=department&code=95';
const OUTSIDE = 'level=department&code=2A';

interface Expectation {
  access: 'public' | 'api-key' | TestRole[];
  /** Concrete URL (params filled; `{T}` is replaced by the inside/outside territory query). */
  url: string;
  body?: object;
  /** Territory-scoped: non-admins get 403 outside their territories. */
  territorial?: boolean;
  /** Needs its own session (logout destroys it). */
  fresh?: boolean;
  /** Territorial routes whose territory is not a level/code query: the URL or body used outside. */
  outsideUrl?: string;
  outsideBody?: object;
}

const ALL = SIGNED_IN;
/** The access matrix. Every route of the API must appear here or carry an access decorator checked generically. */
const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { access: 'public', url: '/api/health' },
  'POST /api/auth/login': { access: 'public', url: '/api/auth/login', body: {} },
  'POST /api/auth/logout': { access: 'public', url: '/api/auth/logout', fresh: true },
  'GET /api/auth/me': { access: ALL, url: '/api/auth/me' },
  'POST /api/auth/password': { access: ALL, url: '/api/auth/password', body: {} },
  'GET /api/users': { access: ['admin'], url: '/api/users' },
  'POST /api/users': { access: ['admin'], url: '/api/users', body: {} },
  'PATCH /api/users/:id': { access: ['admin'], url: '/api/users/999999', body: {} },
  'POST /api/users/:id/reset-password': { access: ['admin'], url: '/api/users/999999/reset-password' },
  'GET /api/api-keys': { access: ['admin'], url: '/api/api-keys' },
  'POST /api/api-keys': { access: ['admin'], url: '/api/api-keys', body: {} },
  'POST /api/api-keys/:id/revoke': { access: ['admin'], url: '/api/api-keys/999999/revoke' },
  'GET /api/audit-log': { access: ['admin'], url: '/api/audit-log?limit=5' },
  'GET /api/territories/search': { access: ALL, url: '/api/territories/search?q=cergy' },
  'GET /api/territories/:level': { access: ALL, url: '/api/territories/department?geometry=false' },
  'GET /api/territories/:level/:code': { access: ALL, url: '/api/territories/department/95' },
  'GET /api/searches/series': { access: ALL, url: '/api/searches/series?{T}', territorial: true },
  'GET /api/searches/breakdown': { access: ALL, url: '/api/searches/breakdown?by=theme&{T}', territorial: true },
  'GET /api/searches/peaks': { access: ALL, url: '/api/searches/peaks?{T}', territorial: true },
  'GET /api/searches/events.csv': {
    access: ['admin', 'coordinator'],
    url: '/api/searches/events.csv?from=2026-01-01&to=2026-01-02&{T}',
    territorial: true,
  },
  'GET /api/searches/unmet': { access: ALL, url: '/api/searches/unmet?{T}', territorial: true },
  'GET /api/coverage': {
    access: ALL,
    url: '/api/coverage?level=commune&parent=department:95&theme=food',
    outsideUrl: '/api/coverage?level=commune&parent=department:2A&theme=food',
    territorial: true,
  },
  'GET /api/coverage/:level/:code': {
    access: ALL,
    url: '/api/coverage/department/95',
    outsideUrl: '/api/coverage/department/2A',
    territorial: true,
  },
  'GET /api/priorities': {
    access: ALL,
    url: '/api/priorities?level=commune&parent=department:95',
    outsideUrl: '/api/priorities?level=commune&parent=department:2A',
    territorial: true,
  },
  'GET /api/settlements': { access: ALL, url: '/api/settlements?{T}', territorial: true },
  'GET /api/seasonal': { access: ALL, url: '/api/seasonal?{T}', territorial: true },
  'GET /api/quality': { access: ALL, url: '/api/quality?{T}', territorial: true },
  'POST /api/what-if': {
    access: ALL,
    url: '/api/what-if',
    body: { lat: 49.036, lon: 2.063, category: 'food_distribution' }, // Cergy (95)
    outsideBody: { lat: 41.9267, lon: 8.7369, category: 'food_distribution' }, // Ajaccio (2A)
    territorial: true,
  },
  'GET /api/deployment/kpis': { access: ALL, url: '/api/deployment/kpis?{T}', territorial: true },
  'GET /api/deployment/activities': { access: ALL, url: '/api/deployment/activities?{T}', territorial: true },
  'GET /api/deployment/mutual-aid': { access: ALL, url: '/api/deployment/mutual-aid?{T}', territorial: true },
  'GET /api/deployment/territories': { access: ALL, url: '/api/deployment/territories' },
  'GET /api/services/points': { access: ALL, url: '/api/services/points?limit=5&{T}', territorial: true },
  'GET /api/imports/formats': { access: ['admin', 'coordinator'], url: '/api/imports/formats' },
  'GET /api/imports': { access: ['admin', 'coordinator'], url: '/api/imports?limit=1' },
  'GET /api/imports/:id': { access: ['admin', 'coordinator'], url: '/api/imports/999999' },
  'GET /api/imports/:id/errors.csv': { access: ['admin', 'coordinator'], url: '/api/imports/999999/errors.csv' },
  'POST /api/imports/:kind': { access: ['admin', 'coordinator'], url: '/api/imports/services' },
  'POST /api/ingest/search-events': { access: 'api-key', url: '/api/ingest/search-events', body: { events: [] } },
  // Reports: the territory is checked before the period, so an inverted period answers 400 inside (no PDF rendered) and 403 outside.
  'GET /api/reports/funder': {
    access: ['admin', 'coordinator', 'copil', 'funder'],
    url: '/api/reports/funder?{T}&from=2026-05-01&to=2026-01-01',
    territorial: true,
  },
  'GET /api/reports/copil': {
    access: ['admin', 'coordinator', 'copil'],
    url: '/api/reports/copil?{T}&from=2026-05-01&to=2026-01-01',
    territorial: true,
  },
  'GET /api/reports/services-list': { access: ALL, url: '/api/reports/services-list?{T}&theme=food&format=csv', territorial: true },
  'POST /api/exports': { access: ALL, url: '/api/exports', body: {} },
};

interface Route {
  key: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

/** Every route Nest serves, found at run time from the controllers' metadata. */
function discoverRoutes(app: NestExpressApplication): Route[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const out: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...a: unknown[]) => object) | null;
      if (!type) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const m = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (m === undefined) continue;
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler as () => void, type]);
        for (const b of base) {
          for (const p of ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '')) {
            const path = ('/api/' + [b, p].filter((s) => s && s !== '/').join('/')).replace(/\/+/g, '/').replace(/\/$/, '');
            const method = RequestMethod[m];
            out.push({ key: `${method} ${path}`, method, path, rule });
          }
        }
      }
    }
  }
  return out;
}

function send(api: ReturnType<typeof as>, method: string, url: string, body?: object) {
  const t =
    method === 'GET'
      ? api.get(url)
      : method === 'POST'
        ? api.post(url)
        : method === 'PATCH'
          ? api.patch(url)
          : method === 'PUT'
            ? api.put(url)
            : api.delete(url);
  return body ? t.send(body) : t;
}

describe('access matrix: every route × every role × inside/outside territory', () => {
  let app: NestExpressApplication;
  let routes: Route[];
  const clients = {} as Record<Who, ReturnType<typeof as>>;
  let noSnapshot = false;
  beforeAll(async () => {
    app = await testApp({ VIGIE_LOGIN_RATE_PER_MINUTE: '10000' });
    routes = discoverRoutes(app);
    // Coverage routes answer 503 until a first snapshot exists (computing one here takes minutes on the
    // shared test database): access is checked before, so 401/403 still show; 503 then counts as allowed.
    noSnapshot = !(await app.get<Pool>(PG_POOL).query('SELECT 1 FROM coverage_current')).rowCount;
    for (const r of SIGNED_IN) clients[r] = as(app, await loginAs(app, r, TERRITORIES[r]));
    clients.anonymous = as(app, null);
  }, 120_000);
  afterAll(async () => app?.close());

  it('finds every Express route of the API among the Nest routes (nothing served outside the guard)', () => {
    const express = (
      app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
    ).router.stack
      .filter((l) => l.route && l.route.path.startsWith('/api') && !l.route.path.startsWith('/api/docs'))
      .flatMap((l) =>
        Object.keys(l.route!.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/\/$/, '')}`),
      );
    expect(express.length).toBeGreaterThan(20);
    const nest = new Set(routes.map((r) => r.key));
    expect(express.filter((k) => !nest.has(k))).toEqual([]);
  });

  it('every route carries an explicit access decorator (@Public, @Roles or @ApiKeyAuth)', () => {
    const naked = routes.filter((r) => !r.rule).map((r) => r.key);
    expect(naked).toEqual([]);
  });

  it('the matrix lists only routes that exist', () => {
    const keys = new Set(routes.map((r) => r.key));
    expect(Object.keys(MATRIX).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('the decorators say what the matrix says', () => {
    for (const r of routes) {
      const e = MATRIX[r.key];
      if (!e) continue;
      const declared = r.rule?.kind === 'roles' ? [...r.rule.roles].sort() : r.rule?.kind;
      expect({ route: r.key, access: declared }).toEqual({
        route: r.key,
        access: Array.isArray(e.access) ? [...e.access].sort() : e.access,
      });
    }
  });

  const cases: [string, Who, 'inside' | 'outside'][] = [];
  for (const key of Object.keys(MATRIX))
    for (const who of WHO)
      for (const where of MATRIX[key].territorial ? (['inside', 'outside'] as const) : (['inside'] as const)) cases.push([key, who, where]);

  it.each(cases)('%s as %s (%s)', async (key, who, where) => {
    const e = MATRIX[key];
    const method = key.split(' ')[0];
    const url = where === 'outside' && e.outsideUrl ? e.outsideUrl : e.url.replace('{T}', where === 'inside' ? INSIDE : OUTSIDE);
    const client = e.fresh && who !== 'anonymous' ? as(app, await loginAs(app, who, TERRITORIES[who])) : clients[who];
    const res = await send(client, method, url, where === 'outside' && e.outsideBody ? e.outsideBody : e.body);
    if (!(noSnapshot && res.status === 503 && /coverage metrics have not been computed/.test(res.text)))
      expect(res.status).toBeLessThan(500);
    let expected: 'allowed' | 401 | 403;
    if (e.access === 'public') expected = 'allowed';
    else if (e.access === 'api-key')
      expected = 401; // a session is not an API key
    else if (who === 'anonymous') expected = 401;
    else if (!e.access.includes(who)) expected = 403;
    else if (e.territorial && where === 'outside' && who !== 'admin') expected = 403;
    else expected = 'allowed';
    if (expected === 'allowed')
      expect({ key, who, where, status: res.status, ok: ![401, 403].includes(res.status) }).toMatchObject({ ok: true });
    else expect({ key, who, where, status: res.status }).toEqual({ key, who, where, status: expected });
  });

  it('routes of other modules follow their decorators: anonymous 401, roles outside the list 403', async () => {
    const others = routes.filter((r) => !MATRIX[r.key] && r.rule);
    for (const r of others) {
      const url = r.path.replace(/:(\w+)/g, (_m, p: string) => (p === 'level' ? 'department' : p === 'code' ? '95' : '1'));
      const anon = await send(clients.anonymous, r.method, url, r.method === 'GET' ? undefined : {});
      if (r.rule!.kind === 'public') expect({ r: r.key, s: [401, 403].includes(anon.status) }).toEqual({ r: r.key, s: false });
      else expect({ r: r.key, s: anon.status }).toEqual({ r: r.key, s: 401 });
      if (r.rule!.kind !== 'roles') continue;
      for (const role of SIGNED_IN.filter((x) => !(r.rule as { roles: string[] }).roles.includes(x))) {
        const res = await send(clients[role], r.method, url, r.method === 'GET' ? undefined : {});
        expect({ r: r.key, role, s: res.status }).toEqual({ r: r.key, role, s: 403 });
      }
    }
  });
});

describe('the global guard is default-deny', () => {
  @Controller('probe')
  class ProbeController {
    @Get('naked')
    naked(): string {
      return 'served';
    }

    @Get('open')
    @Public()
    open(): string {
      return 'served';
    }
  }

  it('refuses a route without access decorator, even to an admin, and serves a decorated one', async () => {
    const admin = {
      user: { id: 1, email: 'a@b.c', role: 'admin', territories: ['national'], mustChangePassword: false },
      viewer: { role: 'admin', territories: [], national: true },
    };
    const mod = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [
        { provide: SessionService, useValue: { resolve: async () => admin } },
        { provide: VIGIE_RUNTIME, useValue: { config: { corsOrigins: [] } } },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    }).compile();
    const app = mod.createNestApplication({ logger: false });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/probe/naked').expect(403);
      await request(app.getHttpServer()).get('/probe/naked').set('Cookie', 'vigie_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').expect(403);
      await request(app.getHttpServer()).get('/probe/open').expect(200);
    } finally {
      await app.close();
    }
  });
});
