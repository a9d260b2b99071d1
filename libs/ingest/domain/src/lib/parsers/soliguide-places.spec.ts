import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, realGeo, soliguideTestDb } from '../../fixtures/real-geo.js';
import type { ParsedRow, RowError, ServiceRecord } from '../records.js';
import {
  describePlacesReport,
  emptyPlacesReport,
  parseSoliguidePlaces,
  parseSoliguideServices,
  readSoliguideTempClosures,
  type SoliguidePlace,
} from './soliguide-places.js';
import { errorsOf } from './testing.js';

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
      // no serviceObjectId: ids from the service's content (see the stable-id test below)
      [expect.stringMatching(/^9002:c:[\w-]{12}$/), 'food_distribution', '75056'],
      [expect.stringMatching(/^9002:c:[\w-]{12}$/), 'emergency_accommodation', '75056'],
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

describe('Soliguide exports of every era (fixtures/soliguide)', () => {
  const read = async (file: string, opts: { categoryEra?: '2020' | 'current' } = {}) => {
    const report = emptyPlacesReport();
    const warnings: RowError[] = [];
    const rows = await all(
      parseSoliguideServices(createReadStream(join(fixturesDir, 'soliguide', file)), {
        geo: realGeo(),
        now,
        report,
        onWarning: (w) => warnings.push(w),
        ...opts,
      }),
    );
    return { rows, report, warnings, ok: rows.flatMap((r) => (r.ok ? [r.record] : [])), bad: rows.filter((r) => !r.ok) };
  };
  const cats = (services: ServiceRecord[]) => Object.fromEntries(services.map((s) => [`${s.placeSourceId} ${s.name}`, s.categoryId]));

  it('reads a 2020-era export with the 2020 table, learnt from the file (708 exists in that era only)', async () => {
    const { ok, bad, rows } = await read('lieux-2020.ndjson');
    expect([ok.length, bad.length]).toEqual([26, 1]);
    expect(cats(ok)).toMatchObject({
      // place 1 has only renumbered codes: it waits until place 2 (708) tells the era
      '1 Infirmerie': 'infirmary',
      '1 Permanence juridique': 'legal_advice',
      '2 Infirmerie': 'infirmary',
      '3 Hébergement d’urgence': 'emergency_accommodation',
      '2 Hébergement d’urgence (ancien code)': 'emergency_accommodation',
      '3 Conseil logement': 'access_to_housing',
      '3 Vaccination': 'vaccination',
      '4 Espace de repos': 'rest_area',
      '6 Vétérinaire solidaire': 'vet_care',
      '7 Conseil aux parents': 'parent_assistance',
    });
    expect(rows.filter((r) => r.line === 1)).toHaveLength(3);
    expect(bad.flatMap((r) => errorsOf(r).map((e) => e[1]))).toEqual([
      'legacy category 704 (LOGEMENT_BASPRIX (removed in 2021)) has no current equivalent in 2020-era exports',
    ]);
  });

  it('does not guess when nothing in the file tells the era', async () => {
    const firstPlace = (await import('node:fs')).readFileSync(join(fixturesDir, 'soliguide', 'lieux-2020.ndjson'), 'utf8').split('\n')[0];
    const rows = await all(parseSoliguideServices([firstPlace], { geo: realGeo(), now }));
    expect(rows.map((r) => (r.ok ? r.record.categoryId : errorsOf(r)[0][1]))).toEqual([
      'food_distribution',
      "ambiguous legacy category 110: INFIRMERIE → infirmary in 2020-era exports, vet_care since Soliguide's 2022 renumbering; nothing in the file tells its era (give it)",
      "ambiguous legacy category 402: PERMANENCE_JURIDIQUE → legal_advice in 2020-era exports, domiciliation since Soliguide's 2022 renumbering; nothing in the file tells its era (give it)",
    ]);
  });

  it('reads every 2020-era service once the era is given; the current table would misread 16 of 27 and reject 8', async () => {
    const old = await read('lieux-2020.ndjson', { categoryEra: '2020' });
    expect([old.ok.length, old.bad.length]).toEqual([26, 1]);
    expect(cats(old.ok)).toMatchObject({ '1 Infirmerie': 'infirmary', '1 Permanence juridique': 'legal_advice' });
    const naive = await read('lieux-2020.ndjson', { categoryEra: 'current' });
    const right = cats(old.ok);
    const wrong = naive.ok.filter((s) => right[`${s.placeSourceId} ${s.name}`] !== s.categoryId);
    expect(wrong.map((s) => `${s.name} → ${s.categoryId}`)).toContain('Infirmerie → vet_care');
    expect(wrong.map((s) => `${s.name} → ${s.categoryId}`)).toContain('Permanence juridique → domiciliation');
    expect(wrong.map((s) => `${s.name} → ${s.categoryId}`)).toContain('Hébergement d’urgence → rest_area');
    expect([wrong.length, naive.bad.length]).toEqual([16, 8]);
  });

  it('skips Soliguía places (country field or a position abroad) and counts them', async () => {
    const { ok, bad, report, warnings } = await read('lieux-current.ndjson');
    expect(bad).toEqual([]);
    expect(report.foreignSkipped).toEqual({ es: 1, ad: 1, position: 1 });
    expect(warnings.filter((w) => w.reason.startsWith('foreign place skipped')).map((w) => [w.line, w.sourceId, w.field])).toEqual([
      [3, '103', 'position.country'],
      [4, '104', 'position.country'],
      [5, '105', 'position.location.coordinates'],
    ]);
    expect(describePlacesReport(report)).toBe('3 foreign places skipped (es 1, ad 1, position 1)');
    expect(ok.map((s) => s.location.departmentCode)).not.toContain('08');
    expect(ok.map((s) => s.location.departmentCode)).not.toContain('07');
  });

  it('trusts coordinates over a stated commune more than 5 km away, with a warning', async () => {
    const { rows, warnings } = await read('lieux-current.ndjson');
    const first = rows[0] as Extract<ParsedRow<ServiceRecord>, { ok: true }>;
    expect(first.record.location).toMatchObject({ communeCode: '69123', departmentCode: '69' });
    expect(warnings.filter((w) => w.field === 'position')).toEqual([
      {
        line: 1,
        field: 'position',
        sourceId: '101',
        reason: 'coordinates are 7.5 km from the stated commune 69256 (Vaulx-en-Velin): kept the commune at the coordinates, 69123 (Lyon)',
      },
    ]);
  });

  it('keys services without serviceObjectId by their content: reordering the export keeps the ids', async () => {
    const { ok } = await read('lieux-current.ndjson');
    const ids = ok.filter((s) => s.placeSourceId === '102').map((s) => [s.sourceId, s.name]);
    expect(new Set(ids.map((i) => i[0])).size).toBe(4);
    expect(ids[2][0]).toBe(`${ids[0][0]}#2`); // two identical "Douches" services
    const doc = JSON.parse(
      (await import('node:fs')).readFileSync(join(fixturesDir, 'soliguide', 'lieux-current.ndjson'), 'utf8').split('\n')[1],
    );
    doc.services_all.reverse();
    const again = await all(parseSoliguideServices([JSON.stringify(doc)], { geo: realGeo(), now }));
    const byName = (rows: [string, string | null][]) => rows.map(([id, n]) => `${n}=${id}`).sort();
    expect(byName(again.flatMap((r) => (r.ok ? [[r.record.sourceId, r.record.name] as [string, string | null]] : [])))).toEqual(
      byName(ids as [string, string | null][]),
    );
  });

  it('reads a 2022 /new-search answer: statut, and the city name among the communes of postal code 44640', async () => {
    const { ok, bad } = await read('new-search-2022.json');
    expect(bad).toEqual([]);
    expect(ok.map((s) => [s.placeSourceId, s.status, s.categoryId, s.location.communeCode])).toEqual([
      ['201', 'ONLINE', 'social_grocery_stores', '44166'],
      ['201', 'ONLINE', 'clothing', '44166'],
      ['202', 'ONLINE', 'day_hosting', '44120'],
    ]);
    // The nearest centroid among 44640's communes would not have said Saint-Jean-de-Boiseau for place 201.
    expect(realGeo().resolve({ postalCode: '44640', lat: 47.2105, lon: -1.778 })?.communeCode).not.toBe('44166');
    expect(realGeo().resolve({ postalCode: '44640', city: 'ST JEAN DE BOISEAU', lat: 47.2105, lon: -1.778 })?.communeCode).toBe('44166');
  });
});
