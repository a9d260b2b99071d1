import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, realGeo } from '../../fixtures/real-geo.js';
import type { ParsedRow, SearchEventRecord } from '../records.js';
import { parseSearchesCsv, parseSoliguideSearches } from './soliguide-searches.js';

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
      searchType: 'douche gratuite',
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
      ['location.geoType', 'unknown value "galaxie" (allowed: ville, codePostal, departement, region, position, pays)'],
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
  it('reads the CSV equivalent and ignores personal columns', async () => {
    const rows = await all(parseSearchesCsv(createReadStream(join(fixturesDir, 'searches.csv')), { geo: realGeo(), now }));
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, true],
      [6, false],
      [7, false],
    ]);
    const ok = rows.flatMap((r) => (r.ok ? [r.record] : []));
    expect(ok.map((r) => [r.communeCode, r.departmentCode, r.regionCode])).toEqual([
      ['69123', '69', '84'],
      ['13055', '13', '93'],
      [null, '67', '44'],
      [null, null, '32'],
    ]);
    expect(ok[1]).toMatchObject({ searchType: 'bains douches', occurredAt: '2024-02-01T10:30:00.000Z', origin: 'mobile', language: 'ar' });
    expect(ok[2]).toMatchObject({ categoryId: 'food_distribution', adminSearch: true });
    expect(JSON.stringify(rows)).not.toMatch(/198\.51|x@example|Dupont/);
    expect(errorsOf(rows[4]).map((e) => e[0])).toEqual(['createdAt', 'nbResults']);
    expect(errorsOf(rows[5])[0][1]).toBe('malformed CSV row: 15 cells, the header has 21 columns');
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
