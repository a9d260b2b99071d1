import { realGeo } from '../../fixtures/real-geo.js';
import { parseMutualAidCsv } from './mutual-aid.js';
import { parseActivitiesCsv, parseIndicatorsCsv, parseTargetsCsv } from './territory-tables.js';
import { collect, errorsOf, fixture, NOW as now, outline, records } from './testing.js';

describe('mutual aid CSV', () => {
  it('accepts French labels and reports bad rows', async () => {
    const rows = await collect(parseMutualAidCsv(fixture('mutual-aid.csv'), { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
    ]);
    expect(records(rows).map((r) => [r.kind, r.category, r.status, r.location.communeCode])).toEqual([
      ['offer', 'courses', 'offered', '95127'],
      ['request', 'garde_animaux', 'matched', '75056'],
      ['request', 'administratif', 'done', '75056'],
    ]);
    expect(errorsOf(rows[3])[0]).toEqual([
      'category',
      expect.stringContaining('unknown value "jardinage" (allowed: courses, accompagnement'),
    ]);
    expect(errorsOf(rows[4]).map((e) => e[0])).toEqual(['kind', 'commune_code', 'created_at', 'status']);
  });
});

describe('indicators CSV', () => {
  it('validates levels, codes, years and values', async () => {
    const rows = await collect(parseIndicatorsCsv(fixture('indicators.csv'), { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, true],
      [6, false],
      [7, false],
      [8, false],
    ]);
    expect(records(rows)[0]).toEqual({
      level: 'department',
      code: '95',
      indicator: 'poverty_rate',
      year: 2021,
      value: 17.2,
      unit: '%',
      source: 'INSEE Filosofi',
    });
    expect(records(rows)[3]).toMatchObject({ level: 'country', code: 'FR' });
    expect(errorsOf(rows[4])).toEqual([['level', 'unknown value "county" (allowed: country, region, department, epci, commune)']]);
    expect(errorsOf(rows[5])).toEqual([['code', 'invalid territory code: "999" is not a valid department code']]);
    expect(errorsOf(rows[6])).toEqual([
      ['indicator', 'invalid indicator "Poverty Rate" (expected snake_case, e.g. poverty_rate)'],
      ['year', 'invalid year 2101 (expected 1900–2026)'],
      ['value', 'not a number: "abc"'],
    ]);
  });

  it('checks that codes exist when a resolver is given', async () => {
    const rows = await collect(
      parseIndicatorsCsv(['level,code,indicator,year,value\ncommune,99999,x,2020,1\ndepartment,96,x,2020,1\n'], { geo: realGeo(), now }),
    );
    expect(rows.map(errorsOf)).toEqual([
      [['code', 'invalid territory code: commune "99999" does not exist']],
      [['code', 'invalid territory code: department "96" does not exist']],
    ]);
  });
});

describe('deployment activities and targets', () => {
  it('reads activities', async () => {
    const rows = await collect(parseActivitiesCsv(fixture('activities.csv'), { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, true],
      [6, false],
      [7, false],
      [8, false],
    ]);
    expect(records(rows)[0]).toEqual({
      sourceId: 'a1',
      kind: 'training',
      date: '2024-02-12',
      level: 'department',
      code: '95',
      title: 'Formation écoutants 115',
      people: 14,
      listeners: 9,
      funder: null,
      amount: null,
    });
    expect(records(rows)[3]).toMatchObject({ kind: 'funding', amount: 25000, funder: 'Région Île-de-France' });
    expect(errorsOf(rows[4])).toEqual([['amount', 'a funding line needs an amount']]);
    expect(errorsOf(rows[5])).toEqual([['listeners', 'more listeners (8) than people (5)']]);
    expect(errorsOf(rows[6]).map((e) => e[0])).toEqual(['kind', 'date', 'code', 'people']);
  });

  it('reads targets', async () => {
    const rows = await collect(parseTargetsCsv(fixture('targets.csv'), { now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
    ]);
    expect(records(rows)[2]).toEqual({ level: 'region', code: '11', year: 2026, metric: 'funds_raised', value: 120000 });
    expect(errorsOf(rows[3])[0][1]).toMatch(/^unknown value "happiness" \(allowed: structures, searches_per_month/);
    expect(errorsOf(rows[4])).toEqual([
      ['year', 'invalid year 1850 (expected 1900–2036)'],
      ['value', 'negative target: -5'],
    ]);
  });
});
