import type { SearchEventRecord, ServiceRecord } from '@vigie/ingest-domain';
import { MUTUAL_AID_CATEGORIES } from '@vigie/ingest-domain';
import { resolveCategory } from '@vigie/taxonomy';
import { addDays, ISO_DAY, ISO_TIME, loadCommunes, TODAY } from '../test/communes.js';
import { demoSummary, generateDemo } from './generate.js';
import { haversineKm } from './geo.js';
import { DEPLOYMENT_DEPARTMENTS } from './deployment.js';
import { MUTUAL_AID_CITIES } from './mutual-aid.js';
import type { DemoData } from './types.js';

const LISTED = ['93', '94', '91', '95', '77', '78', '92', '75', '59', '13', '33', '44', '31', '69', '34', '06', '38', '67'];
const TODAY_DAY = TODAY.toISOString().slice(0, 10);

function openOn(s: ServiceRecord, day: string): boolean {
  if (s.status !== 'ONLINE') return false;
  return !s.closedPeriods.some((p) => p.start <= day && (p.end === null || p.end >= day));
}

describe('national demo', () => {
  const communes = loadCommunes();
  const byCode = new Map(communes.map((c) => [c.code, c]));
  let data: DemoData;

  beforeAll(() => {
    data = generateDemo(communes, { scale: 'national', seed: 42, today: TODAY, years: 2 });
  });

  it('has about 18,000 places and 60,000 services, placed where people live', () => {
    const summary = demoSummary(data);
    expect(summary.places).toBeGreaterThanOrEqual(16000);
    expect(summary.places).toBeLessThanOrEqual(20000);
    expect(summary.services).toBeGreaterThanOrEqual(50000);
    expect(summary.services).toBeLessThanOrEqual(70000);
    expect(summary.services / summary.places).toBeGreaterThan(3);
    expect(summary.services / summary.places).toBeLessThan(4);

    const placesPerCommune = new Map<string, number>();
    for (const s of data.services) placesPerCommune.set(s.location.communeCode as string, 0);
    for (const p of new Set(data.services.map((s) => `${s.location.communeCode}|${s.placeSourceId}`))) {
      const code = p.split('|')[0];
      placesPerCommune.set(code, (placesPerCommune.get(code) ?? 0) + 1);
    }
    // Rural gaps: most small communes have nothing; every big city has many places.
    const small = communes.filter((c) => c.population < 1000);
    expect(small.filter((c) => placesPerCommune.has(c.code)).length / small.length).toBeLessThan(0.15);
    for (const c of communes.filter((c) => c.population > 100000)) expect(placesPerCommune.get(c.code) ?? 0).toBeGreaterThan(20);
    expect(placesPerCommune.get('75056')).toBeGreaterThan(400);
    // Sub-linear: places per inhabitant lower in Paris than in a 50k town on average.
    const perCapita = (min: number, max: number) => {
      const list = communes.filter((c) => c.population >= min && c.population < max);
      return list.reduce((s, c) => s + (placesPerCommune.get(c.code) ?? 0), 0) / list.reduce((s, c) => s + c.population, 0);
    };
    expect(perCapita(1e6, 1e7)).toBeLessThan(perCapita(30000, 100000));
    expect(perCapita(0, 1000)).toBeLessThan(perCapita(30000, 100000));
  });

  it('keeps points close to their commune centroid', () => {
    const far = data.services.filter((s) => {
      const c = byCode.get(s.location.communeCode as string)!;
      return haversineKm(c.lat, c.lon, s.location.lat as number, s.location.lon as number) > 2.01;
    });
    expect(far).toEqual([]);
  });

  it('follows the category proportion table (food 6–10 %, few mobility/technology)', () => {
    const share = (theme: string) => data.services.filter((s) => s.themeId === theme).length / data.services.length;
    expect(share('food')).toBeGreaterThanOrEqual(0.06);
    expect(share('food')).toBeLessThanOrEqual(0.1);
    expect(share('counseling')).toBeGreaterThan(0.15);
    expect(share('health')).toBeGreaterThan(0.13);
    expect(share('mobility')).toBeLessThan(0.03);
    expect(share('technology')).toBeLessThan(0.04);
  });

  it('has realistic statuses, visibility, freshness and campaigns', () => {
    const n = data.services.length;
    const count = (f: (s: ServiceRecord) => boolean) => data.services.filter(f).length / n;
    expect(count((s) => s.status === 'ONLINE')).toBeGreaterThan(0.8);
    expect(count((s) => s.status === 'PERMANENTLY_CLOSED')).toBeGreaterThan(0.005);
    expect(count((s) => s.status === 'PERMANENTLY_CLOSED')).toBeLessThan(0.02);
    expect(count((s) => s.status === 'OFFLINE')).toBeGreaterThan(0.02);
    expect(count((s) => s.status === 'DRAFT')).toBeGreaterThan(0.02);
    expect(count((s) => s.visibility === 'ALL')).toBeGreaterThan(0.85);
    const sixMonthsAgo = new Date(TODAY);
    sixMonthsAgo.setUTCMonth(sixMonthsAgo.getUTCMonth() - 6);
    const stale = count((s) => s.updatedAt !== null && s.updatedAt < sixMonthsAgo.toISOString());
    expect(stale).toBeGreaterThanOrEqual(0.25);
    expect(stale).toBeLessThanOrEqual(0.35);
    for (const c of ['TO_DO', 'STARTED', 'FINISHED'] as const) expect(count((s) => s.campaignStatus === c)).toBeGreaterThan(0.05);
    // Completeness varies.
    for (const f of ['phone', 'email', 'website', 'description', 'openingHours', 'publics'] as const) {
      const missing = count((s) => s[f] === null);
      expect(missing).toBeGreaterThan(0.01);
      expect(missing).toBeLessThan(0.6);
    }
  });

  it('closes many places in August, some at Christmas, and announces closures', () => {
    const may = data.services.filter((s) => openOn(s, '2024-05-15')).length;
    const august = data.services.filter((s) => openOn(s, '2024-08-15')).length;
    expect(august / may).toBeLessThan(0.85);
    expect(august / may).toBeGreaterThan(0.6);
    const places = new Map(data.services.map((s) => [s.placeSourceId, s]));
    const withSummer = [...places.values()].filter((s) =>
      s.closedPeriods.some((p) => p.description === 'Fermeture estivale' && p.start.startsWith('2024')),
    ).length;
    expect(withSummer / places.size).toBeGreaterThan(0.25);
    expect(withSummer / places.size).toBeLessThan(0.35);
    const christmas = data.services.filter((s) => openOn(s, '2024-12-26')).length;
    expect(christmas).toBeLessThan(may);
    const announced = [...places.values()].filter((s) =>
      s.closedPeriods.some((p) => p.start > TODAY_DAY && p.description !== 'Fermeture estivale'),
    ).length;
    expect(announced / places.size).toBeGreaterThan(0.03);
  });

  it('produces valid service records', () => {
    const horizon = addDays(TODAY_DAY, 56);
    const ids = new Set<string>();
    const problems: string[] = [];
    const check = (ok: boolean, what: string, s: ServiceRecord) => {
      if (!ok) problems.push(`${s.sourceId}: ${what}`);
    };
    for (const s of data.services) {
      check(s.source === 'demo', 'source', s);
      check(!ids.has(s.sourceId), 'duplicate id', s);
      ids.add(s.sourceId);
      const c = byCode.get(s.location.communeCode as string);
      check(c !== undefined && s.location.departmentCode === c.departmentCode, 'commune', s);
      const r = resolveCategory(s.categoryId);
      check(r !== null && r.categoryId === s.categoryId && r.themeId === s.themeId, 'category', s);
      check(ISO_TIME.test(s.createdAt ?? '') && ISO_TIME.test(s.updatedAt ?? ''), 'dates', s);
      check(s.createdAt! <= s.updatedAt! && Date.parse(s.updatedAt!) <= TODAY.getTime(), 'date order', s);
      for (const p of s.closedPeriods) {
        check(ISO_DAY.test(p.start) && (p.end === null || (ISO_DAY.test(p.end) && p.end >= p.start)), 'closed period', s);
        check(p.start <= horizon, 'closure beyond the announcement horizon', s);
      }
      if (s.phone !== null) check(/^0[1-9] \d{2} \d{2} \d{2} \d{2}$/.test(s.phone), 'phone', s);
      if (s.email !== null) check(/^contact@[a-z0-9-]+\.example\.org$/.test(s.email), 'email', s);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('places about 450 open settlements, mostly in the departments that have most', () => {
    const open = data.settlements.filter((s) => s.status === 'open');
    const closed = data.settlements.filter((s) => s.status === 'closed');
    expect(open.length).toBeGreaterThanOrEqual(420);
    expect(open.length).toBeLessThanOrEqual(480);
    expect(open.filter((s) => LISTED.includes(s.location.departmentCode as string)).length / open.length).toBeGreaterThanOrEqual(0.5);
    expect(closed.length).toBeGreaterThan(100);
    for (const s of closed) {
      expect(s.closingReason).not.toBeNull();
      expect(s.closedAt).toMatch(ISO_DAY);
      expect(s.closedAt! <= TODAY_DAY).toBe(true);
    }
    const pops = data.settlements
      .map((s) => s.populationTotal)
      .filter((p): p is number => p !== null)
      .sort((a, b) => a - b);
    expect(pops[Math.floor(pops.length / 2)]).toBeLessThan(60);
    expect(pops[pops.length - 1]).toBeGreaterThanOrEqual(300);
    expect(pops[0]).toBeLessThan(10);
    const lacking = (f: 'waterAccess' | 'electricityAccess' | 'sanitaryAccess') => open.filter((s) => s[f] === false).length / open.length;
    expect(lacking('waterAccess')).toBeGreaterThan(0.5);
    expect(lacking('electricityAccess')).toBeGreaterThan(0.5);
    expect(lacking('sanitaryAccess')).toBeGreaterThan(0.5);
    for (const s of data.settlements) {
      expect(byCode.has(s.location.communeCode as string)).toBe(true);
      if (s.builtAt) expect(s.builtAt <= (s.closedAt ?? TODAY_DAY)).toBe(true);
      expect(s.declaredAt! <= TODAY_DAY).toBe(true);
      expect(Date.parse(s.updatedAt!)).toBeLessThanOrEqual(TODAY.getTime());
    }
  });

  it('puts mutual aid in big cities, with dates and statuses', () => {
    expect(data.mutualAid.length).toBeGreaterThan(1000);
    const cities = new Set(data.mutualAid.map((m) => m.location.communeCode));
    expect([...cities].every((c) => MUTUAL_AID_CITIES[c as string] !== undefined)).toBe(true);
    expect(cities.size).toBeGreaterThanOrEqual(7);
    for (const m of data.mutualAid) {
      expect(MUTUAL_AID_CATEGORIES).toContain(m.category);
      expect(m.createdAt).toMatch(ISO_TIME);
      expect(Date.parse(m.createdAt)).toBeLessThanOrEqual(TODAY.getTime());
    }
    expect(new Set(data.mutualAid.map((m) => m.status)).size).toBe(4);
  });

  it('declares the deployment departments covered, each from its first activity (issue 16)', () => {
    expect(data.coverage.map((c) => c.departmentCode)).toEqual([...DEPLOYMENT_DEPARTMENTS].sort());
    for (const c of data.coverage) {
      const first = data.activities
        .filter((a) => a.code === c.departmentCode)
        .map((a) => a.date)
        .sort()[0];
      expect(c.from).toBe(first);
      expect(c.from <= data.options.today.toISOString().slice(0, 10)).toBe(true);
    }
  });

  it('has RSA counts per department and year, and no synthetic poverty rate (the real INSEE rates are used)', () => {
    expect(data.indicators.filter((i) => i.indicator === 'poverty_rate')).toEqual([]);
    const rsa = data.indicators.filter((i) => i.indicator === 'rsa_beneficiaries');
    expect(new Set(rsa.map((r) => r.code)).size).toBe(101);
    expect(new Set(rsa.map((r) => r.year))).toEqual(new Set([2020, 2021, 2022, 2023, 2024]));
    const rsa93 = rsa.find((i) => i.code === '93' && i.year === 2024)!.value;
    expect(rsa93).toBeGreaterThan(50000);
    expect(rsa93).toBeLessThan(150000);
    const perHead = (c: string) => rsa.find((i) => i.code === c && i.year === 2024)!.value;
    expect(perHead('93') / 1_650_000).toBeGreaterThan(perHead('78') / 1_450_000); // Seine-Saint-Denis poorer than Yvelines
  });

  it('has deployment activities and targets for 38 departments, none in the future', () => {
    expect(new Set(data.activities.map((a) => a.code)).size).toBe(38);
    expect(new Set(data.targets.map((t) => t.code))).toEqual(new Set(DEPLOYMENT_DEPARTMENTS));
    for (const kind of ['training', 'sensitisation', 'copil', 'funding'] as const)
      expect(data.activities.some((a) => a.kind === kind)).toBe(true);
    for (const a of data.activities) {
      expect(a.date).toMatch(ISO_DAY);
      expect(a.date <= TODAY_DAY).toBe(true);
      if (a.kind === 'training') expect(a.listeners!).toBeLessThanOrEqual(a.people!);
      if (a.kind === 'funding') {
        expect(a.funder).toBeTruthy();
        expect(a.amount!).toBeGreaterThan(0);
      }
    }
    const copilPerYear = data.activities.filter((a) => a.kind === 'copil' && a.code === '75' && a.date.startsWith('2024')).length;
    expect(copilPerYear).toBeGreaterThanOrEqual(2);
    expect(copilPerYear).toBeLessThanOrEqual(4);
    const metrics = new Set(data.targets.map((t) => t.metric));
    expect(metrics).toEqual(
      new Set(['structures', 'searches_per_month', 'people_sensitised', 'listeners_trained', 'copil_held', 'funds_raised', 'budget']),
    );
  });

  it('streams about 1.8 M searches a year with no personal data', () => {
    expect(data.searchCount).toBeGreaterThan(3_500_000);
    expect(data.searchCount).toBeLessThan(3_700_000);
    const keys = [
      'sourceId',
      'occurredAt',
      'categoryId',
      'themeId',
      'searchType',
      'geoType',
      'communeCode',
      'departmentCode',
      'regionCode',
      'resultCount',
      'userStatus',
      'origin',
      'language',
      'adminSearch',
    ].sort();
    const stream = data.searches();
    let previous = '';
    let n = 0;
    const sample: SearchEventRecord[] = [];
    let badKeys = 0;
    let unordered = 0;
    for (const s of stream) {
      if (Object.keys(s).sort().join() !== keys.join()) badKeys++;
      if (s.occurredAt < previous) unordered++;
      previous = s.occurredAt;
      sample.push(s);
      if (++n >= 20000) break;
    }
    expect(badKeys).toBe(0);
    expect(unordered).toBe(0);
    expect(sample[0].occurredAt.startsWith('2023-06')).toBe(true);
    const invalid = sample.filter(
      (s) =>
        !ISO_TIME.test(s.occurredAt) ||
        (s.communeCode !== null && byCode.get(s.communeCode)?.departmentCode !== s.departmentCode) ||
        (s.categoryId !== null && resolveCategory(s.categoryId)?.themeId !== s.themeId) ||
        (s.themeId !== null && resolveCategory(s.themeId)?.themeId !== s.themeId),
    );
    expect(invalid).toEqual([]);
    // Paris searches ≈ its population share (3 %).
    const paris = sample.filter((s) => s.departmentCode === '75').length / sample.filter((s) => s.departmentCode).length;
    expect(paris).toBeGreaterThan(0.02);
    expect(paris).toBeLessThan(0.045);
  });
});
