import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fixturesDir, realGeo } from '../../fixtures/real-geo.js';
import type { ParsedRow, RowError, SearchEventRecord } from '../records.js';
import { emptySearchReport, isPersonalColumn, parseSearchesCsv, parseSoliguideSearches, PERSONAL_REASON } from './soliguide-searches.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const now = new Date('2026-11-22T00:00:00Z');
type Bad = Extract<ParsedRow<unknown>, { ok: false }>;
const errorsOf = (r: ParsedRow<unknown>) => (r.ok ? [] : (r as Bad).errors.map((e) => [e.field, e.reason]));

describe('Soliguide search logs (NDJSON)', () => {
  let rows: ParsedRow<SearchEventRecord>[];
  beforeAll(async () => {
    rows = await all(parseSoliguideSearches(createReadStream(join(fixturesDir, 'soliguide-searches.ndjson')), { geo: realGeo(), now }));
  });
  const rec = (line: number) => (rows.find((r) => r.line === line) as { record: SearchEventRecord }).record;

  it('reads every line and reports the bad ones with their line', () => {
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
      [6, false],
      [7, false],
      [8, false],
      [9, false],
    ]);
  });

  it('drops personal data at the door', () => {
    const r = rec(1);
    expect(r).toEqual({
      sourceId: '65a000000000000000000001',
      occurredAt: '2024-01-15T10:12:00.000Z',
      categoryId: 'food_distribution',
      themeId: 'food',
      searchType: null,
      geoType: 'commune',
      communeCode: '93008',
      departmentCode: '93',
      regionCode: '11',
      resultCount: 12,
      userStatus: 'pro',
      origin: 'web',
      language: 'fr',
      adminSearch: false,
      userTerritory: '93',
    });
    const text = JSON.stringify(rows);
    for (const personal of ['203.0.113.7', '4242', 'Jeanne', 'jeanne.martin@example.org', 'Association Exemple', 'orgaId'])
      expect(text).not.toContain(personal);
  });

  it('resolves postal codes, departments and positions; maps legacy ids and themes', () => {
    expect(rec(2)).toMatchObject({
      geoType: 'postal_code',
      communeCode: '75056',
      categoryId: 'food_distribution',
      userStatus: 'public',
      origin: 'widget',
    });
    expect(rec(3)).toMatchObject({
      geoType: 'department',
      communeCode: null,
      departmentCode: '95',
      regionCode: '11',
      // free text is never kept from Soliguide documents (privacy)
      searchType: null,
      resultCount: 3,
      adminSearch: true,
      userStatus: 'admin',
      origin: 'api',
    });
    expect(rec(3).occurredAt).toBe('2024-01-15T12:00:00.000Z');
    expect(rec(4)).toMatchObject({ geoType: 'position', communeCode: '13055', categoryId: null, themeId: 'health' });
    expect(rec(5)).toMatchObject({ geoType: 'country', communeCode: null, departmentCode: null, regionCode: null, categoryId: 'shower' });
  });

  it('explains each problem, several per row', () => {
    expect(errorsOf(rows[5])).toEqual([
      ['category', 'unknown category "teleportation"'],
      [
        'location.geoType',
        'unknown value "galaxie" (allowed: ville, codePostal, departement, region, position, pays, citiesGroup, inconnu)',
      ],
      ['location.departmentCode', 'invalid territory code: department "999" does not exist'],
      ['nbResults', 'negative count: -2'],
    ]);
    expect(errorsOf(rows[6])[0]).toEqual(['createdAt', expect.stringContaining('unparseable date "yesterday"')]);
    expect(errorsOf(rows[7])[0]).toEqual(['*', expect.stringContaining('malformed JSON')]);
    expect(errorsOf(rows[8])).toEqual([
      ['createdAt', 'date in the future: 2099-01-01 is after 2026-11-22'],
      ['location.cityCode', 'invalid territory code: commune "99999" does not exist'],
    ]);
  });
});

describe('search logs (CSV)', () => {
  it('reads the CSV equivalent, refuses rows holding personal data and never keeps the searched words', async () => {
    const rows = await all(parseSearchesCsv(createReadStream(join(fixturesDir, 'searches.csv')), { geo: realGeo(), now }));
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [2, false],
      [3, true],
      [4, true],
      [5, true],
      [6, false],
      [7, false],
    ]);
    // line 2 has an IP address, an e-mail and a name: refused with a row error naming the first such column
    expect(errorsOf(rows[0])).toEqual([['ip', PERSONAL_REASON]]);
    const ok = rows.flatMap((r) => (r.ok ? [r.record] : []));
    expect(ok.map((r) => [r.communeCode, r.departmentCode, r.regionCode])).toEqual([
      ['13055', '13', '93'],
      [null, '67', '44'],
      [null, null, '32'],
    ]);
    // the `word` column ("bains douches") is dropped at parse
    expect(ok[0]).toMatchObject({ searchType: null, occurredAt: '2024-02-01T10:30:00.000Z', origin: 'mobile', language: 'ar' });
    expect(ok[1]).toMatchObject({ categoryId: 'food_distribution', adminSearch: true });
    expect(JSON.stringify(rows)).not.toMatch(/198\.51|x@example|Dupont|bains/);
    expect(errorsOf(rows[4]).map((e) => e[0])).toEqual(['createdAt', 'nbResults']);
    expect(errorsOf(rows[5])[0][1]).toBe('malformed CSV row: 15 cells, the header has 21 columns');
  });

  it('recognises personal columns whatever their spelling; empty personal cells are accepted', async () => {
    expect(['IP', 'e-mail', 'user_id', 'userData.email', 'Téléphone', 'session-id', 'nom'].map(isPersonalColumn)).toEqual([
      true,
      true,
      true,
      true,
      false, // accented: spelled "telephone" it is refused; an unknown column is ignored
      true,
      true,
    ]);
    expect(['word', 'city_code', 'territory', 'origin'].some(isPersonalColumn)).toBe(false);
    const csv = 'id;created_at;nb_results;email\na;2024-02-01;3;\nb;2024-02-01;3;jean.dupont@example.org\n';
    const rows = await all(parseSearchesCsv(Readable.from([csv]), { geo: realGeo(), now }));
    expect(rows.map((r) => r.ok)).toEqual([true, false]);
    expect(errorsOf(rows[1])).toEqual([['email', PERSONAL_REASON]]);
    expect(JSON.stringify(rows)).not.toMatch(/dupont/);
  });

  it('reads statuses and origins through their tables only (not inherited object properties)', async () => {
    const csv =
      'id,created_at,nb_results,user_status,origin\na,2024-01-01T10:00:00.000Z,1,constructor,toString\nb,2024-01-01T10:00:00.000Z,1,Simple User,App\n';
    const rows = await all(parseSearchesCsv([csv], { geo: realGeo(), now }));
    expect(rows.map((r) => (r.ok ? [r.record.userStatus, r.record.origin] : null))).toEqual([
      ['unknown', 'unknown'],
      ['public', 'mobile'],
    ]);
  });
});

describe('Soliguide search collection as the producer logs it (fixtures/soliguide/search.ndjson)', () => {
  const read = async (opts: { categoryEra?: '2020' | 'current' } = {}) => {
    const report = emptySearchReport();
    const rows = await all(
      parseSoliguideSearches(createReadStream(join(fixturesDir, 'soliguide', 'search.ndjson')), { geo: realGeo(), now, report, ...opts }),
    );
    return { rows, report };
  };
  const byId = (rows: ParsedRow<SearchEventRecord>[]) =>
    new Map(rows.flatMap((r) => (r.ok && r.record.sourceId ? [[r.record.sourceId.slice(-2), r.record] as const] : [])));

  it('keeps free-text searches (no category), drops page 2 of a search and foreign searches, counts them', async () => {
    const warnings: RowError[] = [];
    const report = emptySearchReport();
    const rows = await all(
      parseSoliguideSearches(createReadStream(join(fixturesDir, 'soliguide', 'search.ndjson')), {
        geo: realGeo(),
        now,
        report,
        onWarning: (w) => warnings.push(w),
      }),
    );
    expect(warnings.map((w) => [w.line, w.field, w.reason])).toEqual([
      [2, 'options.page', 'page 2 of a search already counted (same user and query within 30 s): counted once'],
      [8, 'location.country', 'foreign search skipped (country "es", Soliguía): only searches in France are counted'],
    ]);
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [3, true],
      [4, true],
      [5, true],
      [6, true],
      [7, true],
      [9, true],
      [10, true],
      [11, true],
      [12, false],
      [13, true],
    ]);
    expect(report).toEqual({ pagedDuplicates: 1, foreignSkipped: 1 });
  });

  it('reads territories from location.areas at their level, and the real enums', async () => {
    const m = byId((await read()).rows);
    expect(m.get('01')).toMatchObject({
      categoryId: 'food_distribution',
      geoType: 'commune',
      communeCode: '93008',
      userStatus: 'pro',
      origin: 'web',
      userTerritory: '93',
    });
    expect(m.get('03')).toMatchObject({
      categoryId: null,
      themeId: null,
      searchType: null,
      geoType: 'department',
      communeCode: null,
      departmentCode: '93',
      regionCode: '11',
      resultCount: 0,
      userStatus: 'public',
      origin: 'widget',
    });
    expect(m.get('04')).toMatchObject({
      geoType: 'region',
      communeCode: null,
      departmentCode: null,
      regionCode: '84',
      userStatus: 'public',
      origin: 'mobile',
    });
    expect(m.get('05')).toMatchObject({ geoType: 'position', communeCode: '13055', themeId: 'health', origin: 'web', language: 'en' });
    expect(m.get('06')).toMatchObject({
      geoType: 'postal_code',
      communeCode: '75056',
      categoryId: 'food_distribution',
      userStatus: 'pro',
      origin: 'api',
    });
    expect(m.get('07')).toMatchObject({ communeCode: '93008', userStatus: 'public' });
    expect(m.get('09')).toMatchObject({
      geoType: 'unknown',
      communeCode: null,
      departmentCode: '44',
      regionCode: '52',
      userStatus: 'pro',
      origin: 'web',
      adminSearch: true,
    });
    expect(m.get('10')).toMatchObject({ userStatus: 'admin', origin: 'unknown' });
    expect(m.get('11')).toMatchObject({ userStatus: 'admin', origin: 'unknown' });
    expect(m.get('13')).toMatchObject({ communeCode: '93008' });
  });

  it('never keeps the searched words, the kind of search or anything personal', async () => {
    const { rows } = await read();
    const out = JSON.stringify(rows);
    for (const s of [
      'colis',
      'CATEGORY',
      'EXPRESSION',
      'jeanne',
      'Jeanne',
      '4242',
      'Association Exemple',
      'widget-partenaire',
      'Partenaire API',
      '64f0',
    ])
      expect(out).not.toContain(s);
    expect(rows.every((r) => !r.ok || r.record.searchType === null)).toBe(true);
  });

  it('reads a numeric legacy category only with its era', async () => {
    const { rows } = await read();
    expect(errorsOf(rows.find((r) => r.line === 12)!)).toEqual([
      [
        'category',
        "ambiguous legacy category 702: HEBERGEMENT_URGENCE → emergency_accommodation in 2020-era exports, rest_area since Soliguide's 2022 renumbering (give the export's era)",
      ],
    ]);
    const old = await read({ categoryEra: '2020' });
    expect(byId(old.rows).get('12')).toMatchObject({ categoryId: 'emergency_accommodation', communeCode: '93008' });
    const current = await read({ categoryEra: 'current' });
    expect(byId(current.rows).get('12')).toMatchObject({ categoryId: 'rest_area' });
  });

  it('counts a page 2 within the delay once, whatever the delay option', async () => {
    const report = emptySearchReport();
    const rows = await all(
      parseSoliguideSearches(createReadStream(join(fixturesDir, 'soliguide', 'search.ndjson')), {
        geo: realGeo(),
        now,
        report,
        pagedWithinMs: 600_000,
      }),
    );
    // with 10 minutes, line 13 (page 2, 5 minutes after line 1 by the same user) is the same search too
    expect(rows.some((r) => r.line === 13)).toBe(false);
    expect(report.pagedDuplicates).toBe(2);
  });
});

describe('Soliguide search in a city whose postal code several communes share', () => {
  it('takes the commune named by location.areas.city (44640: Le Pellerin, not the most populated Saint-Jean-de-Boiseau)', async () => {
    const doc = {
      _id: { $oid: '66b0000000000000000000ff' },
      createdAt: { $date: '2025-03-11T09:00:00.000Z' },
      category: 'food_packages',
      categories: ['food_packages'],
      nbResults: 2,
      options: { page: 1 },
      location: {
        areas: { city: 'LE PELLERIN', postalCode: '44640', departmentCode: '44', regionCode: '52', country: 'fr' },
        coordinates: [0, 0],
        geoType: 'ville',
        geoValue: 'le-pellerin-44640',
      },
      userData: { status: 'NOT_LOGGED', origin: 'SOLIGUIDE', language: 'fr' },
    };
    const rows = await all(parseSoliguideSearches([JSON.stringify(doc)], { geo: realGeo(), now }));
    expect(rows[0].ok && rows[0].record).toMatchObject({ communeCode: '44120', departmentCode: '44', regionCode: '52' });
    delete (doc.location.areas as { city?: string }).city;
    const without = await all(parseSoliguideSearches([JSON.stringify(doc)], { geo: realGeo(), now }));
    expect(without[0].ok && without[0].record.communeCode).toBe('44166');
  });
});
