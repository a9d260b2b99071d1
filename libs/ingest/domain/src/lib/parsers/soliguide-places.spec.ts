import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { realGeo, soliguideTestDb } from '../../fixtures/real-geo.js';
import type { ParsedRow, ServiceRecord } from '../records.js';
import { parseSoliguidePlaces, parseSoliguideServices, readSoliguideTempClosures, type SoliguidePlace } from './soliguide-places.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const now = new Date('2026-11-22T00:00:00Z');
const lieux = () => createReadStream(join(soliguideTestDb, 'lieux.ndjson'));

describe('Soliguide places: the real test database', () => {
  let places: ParsedRow<SoliguidePlace>[];
  let byId: Map<string, SoliguidePlace>;
  beforeAll(async () => {
    const tempClosures = await readSoliguideTempClosures(createReadStream(join(soliguideTestDb, 'tempInfos.ndjson')));
    places = await all(parseSoliguidePlaces(lieux(), { geo: realGeo(), now, tempClosures }));
    byId = new Map(places.flatMap((p) => (p.ok ? [[p.record.sourceId, p.record] as const] : [])));
  });

  it('reads the 142 places and their 38 services', () => {
    expect(places).toHaveLength(142);
    // lieu_id 44 (976) and 54 (974) only have the centre-of-France fallback point and a postal code
    // that is not in the postal-code table: nothing locates them. lieu_id 140 ([0,0]) resolves by postal code.
    const failed = places.filter((p) => !p.ok);
    expect(failed.map((p) => !p.ok && [p.line, p.errors[0].sourceId, p.errors[0].field])).toEqual([
      [40, '44', 'position.cityCode'],
      [50, '54', 'position.cityCode'],
    ]);
    expect(byId.get('140')!.location).toMatchObject({ lat: null, lon: null, communeCode: expect.any(String) });
    expect([...byId.values()].reduce((n, p) => n + p.services.length, 0)).toBe(38);
    expect([...byId.values()].filter((p) => p.services.length > 0)).toHaveLength(35);
  });

  it('maps place 1 (Paris, legacy 1302 = emergency accommodation) to the commune of Paris', () => {
    const p = byId.get('1')!;
    expect(p.status).toBe('DRAFT');
    // cityCode "75003" is a postal code in the fixture: resolved through the postal code to 75056.
    expect(p.location).toMatchObject({ lat: 48.8634914, lon: 2.3525585, communeCode: '75056', departmentCode: '75', postalCode: '75003' });
    const s = p.services[0];
    expect(s).toMatchObject({
      sourceId: '1:62221b765fe7a848e82a9169',
      placeSourceId: '1',
      categoryId: 'emergency_accommodation',
      themeId: expect.any(String),
      saturation: 'LOW',
      visibility: 'ALL',
      createdAt: '2022-03-04T14:00:22.000Z',
      updatedAt: expect.stringMatching(/^202\d-/),
    });
    expect(s.openingHours?.monday).toEqual([['00:00', '23:59']]);
    expect(s.publics?.accueil).toBe('unconditional');
  });

  it('maps place 3 (Bobigny): postal code 93000 → commune 93008', () => {
    const p = byId.get('3')!;
    expect(p.status).toBe('ONLINE');
    expect(p.location).toMatchObject({ communeCode: '93008', departmentCode: '93', lat: 48.9073487, lon: 2.4483946 });
    expect(p.services.map((s) => s.categoryId)).toEqual(['emergency_accommodation']);
  });

  it('resolves an overseas place from its postal code (lieu_id 43, La Réunion)', () => {
    const p = byId.get('43')!;
    expect(p.location).toMatchObject({ departmentCode: '974', communeCode: expect.stringMatching(/^974\d\d$/) });
  });

  it('keeps temporary closures of places and services, as Paris calendar days', () => {
    const closed = byId.get('6')!.services[0].closedPeriods;
    expect(closed).toContainEqual({
      start: '2022-03-03',
      end: null,
      scope: 'place',
      description: 'Cette structure est fermée temporairement en ce moment',
    });
    const svc = byId.get('8')!.services.find((s) => s.sourceId === '8:622222735fe7a848e82a9756')!;
    expect(svc.closedPeriods).toContainEqual(expect.objectContaining({ start: '2022-03-03', end: null, scope: 'service' }));
  });

  it('never copies editors or user accounts', async () => {
    const text = JSON.stringify([...byId.values()]);
    expect(text).not.toMatch(/USER_ADMIN|Bot soliguide|61901bb8c0df9e81d898def8/);
  });

  it('flattens to one row per service', async () => {
    const rows = await all(parseSoliguideServices(lieux(), { geo: realGeo(), now }));
    expect(rows.filter((r) => r.ok)).toHaveLength(38);
    const ids = rows.flatMap((r) => (r.ok ? [(r.record as ServiceRecord).sourceId] : []));
    expect(new Set(ids).size).toBe(38);
  });
});

describe('Soliguide places: bad documents', () => {
  const place = (over: Record<string, unknown>) =>
    JSON.stringify({
      lieu_id: 9001,
      name: 'Test',
      status: 'ONLINE',
      position: { location: { type: 'Point', coordinates: [2.35, 48.86] }, postalCode: '75004', cityCode: '75104' },
      services_all: [{ categorie: 601, serviceObjectId: { $oid: 'aaaaaaaaaaaaaaaaaaaaaaaa' } }],
      updatedByUserAt: { $date: { $numberLong: '1640995200000' } },
      ...over,
    });

  it('maps legacy numeric and former category ids, and canonical EJSON dates', async () => {
    const input = [place({}), place({ lieu_id: 9002, services_all: [{ category: 'seated_catering' }, { categorie: 1302 }] })].join('\n');
    const rows = await all(parseSoliguideServices([input], { geo: realGeo(), now }));
    expect(rows.map((r) => r.ok && [r.record.sourceId, r.record.categoryId, r.record.location.communeCode])).toEqual([
      ['9001:aaaaaaaaaaaaaaaaaaaaaaaa', 'food_distribution', '75056'],
      ['9002:0', 'food_distribution', '75056'],
      ['9002:1', 'emergency_accommodation', '75056'],
    ]);
    expect(rows[0].ok && rows[0].record.updatedAt).toBe('2022-01-01T00:00:00.000Z');
  });

  it('reports each problem with its line and field', async () => {
    const input = [
      place({}),
      place({ status: 'ARCHIVED', updatedByUserAt: '2031-01-01T00:00:00Z' }),
      '{"lieu_id": 3, "name": ',
      place({ position: { location: { coordinates: [0, 0] } } }),
      place({ services_all: [{ category: 'teleportation' }, { category: 'food' }, { categorie: 601 }] }),
    ].join('\n');
    const rows = await all(parseSoliguidePlaces([input], { geo: realGeo(), now }));
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    const bad = rows[1] as Extract<ParsedRow<unknown>, { ok: false }>;
    expect(bad.errors.map((e) => [e.field, e.sourceId])).toEqual([
      ['status', '9001'],
      ['updatedByUserAt', '9001'],
    ]);
    expect(bad.errors[0].reason).toBe('unknown value "ARCHIVED" (allowed: ONLINE, OFFLINE, DRAFT, PERMANENTLY_CLOSED)');
    expect(bad.errors[1].reason).toMatch(/date in the future/);
    expect((rows[2] as { errors: { reason: string }[] }).errors[0].reason).toMatch(/malformed JSON/);
    expect((rows[3] as { errors: { field: string; reason: string }[] }).errors[0]).toMatchObject({
      field: 'position.cityCode',
      reason: 'missing coordinates and no resolvable commune',
    });
    const mixed = rows[4] as Extract<ParsedRow<SoliguidePlace>, { ok: true }>;
    expect(mixed.record.services.map((s) => s.categoryId)).toEqual(['food_distribution']);
    expect(mixed.record.serviceErrors.map((e) => e.reason)).toEqual([
      'unknown category "teleportation" (not a Soliguide id, legacy id, slug or label)',
      '"food" names the theme "food", not a category',
    ]);
  });

  it('reads a JSON array and an API response with a places array', async () => {
    const arr = await all(parseSoliguidePlaces([`[${place({})},\n${place({ lieu_id: 2 })}]`], { geo: realGeo(), now }));
    const api = await all(parseSoliguidePlaces([`{"nbResults": 1, "places": [${place({})}]}`], { geo: realGeo(), now }));
    expect(arr.map((r) => r.ok)).toEqual([true, true]);
    expect(api.map((r) => r.ok)).toEqual([true]);
  });
});
