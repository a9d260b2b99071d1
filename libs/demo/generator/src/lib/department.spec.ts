import type { SearchEventRecord } from '@vigie/ingest-domain';
import { resolveCategory } from '@vigie/taxonomy';
import { ISO_TIME, loadCommunes, TODAY } from '../test/communes.js';
import { demoSummary, DemoOptionsError, generateDemo } from './generate.js';
import { FRANCE_POPULATION } from './services.js';
import type { DemoData } from './types.js';

const first = <T>(gen: Iterable<T>, n: number): T[] => {
  const out: T[] = [];
  for (const x of gen) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
};

describe('department demo (Val-d’Oise)', () => {
  const communes = loadCommunes();
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const pop95 = communes.filter((c) => c.departmentCode === '95').reduce((s, c) => s + c.population, 0);
  let data: DemoData;
  let searches: SearchEventRecord[];

  beforeAll(() => {
    data = generateDemo(communes, { scale: 'department', seed: 7, today: TODAY });
    searches = [...data.searches()];
  });

  it('is deterministic: same seed, same records; another seed, other records', () => {
    const again = generateDemo(communes, { scale: 'department', department: '95', seed: 7, today: new Date(TODAY), years: 2 });
    expect(again.services).toEqual(data.services);
    expect(again.settlements).toEqual(data.settlements);
    expect(again.mutualAid).toEqual(data.mutualAid);
    expect(again.indicators).toEqual(data.indicators);
    expect(again.activities).toEqual(data.activities);
    expect(again.targets).toEqual(data.targets);
    expect(demoSummary(again)).toEqual(demoSummary(data));
    expect(first(again.searches(), 2000)).toEqual(searches.slice(0, 2000));
    // The generator restarts on every call.
    expect(first(data.searches(), 10)).toEqual(searches.slice(0, 10));
    // Input order does not matter.
    const reversed = generateDemo([...communes].reverse(), { scale: 'department', seed: 7, today: TODAY });
    expect(reversed.services.slice(0, 50)).toEqual(data.services.slice(0, 50));

    const other = generateDemo(communes, { scale: 'department', seed: 8, today: TODAY });
    expect(other.services.slice(0, 20)).not.toEqual(data.services.slice(0, 20));
    expect(first(other.searches(), 200)).not.toEqual(searches.slice(0, 200));
    expect(other.settlements).not.toEqual(data.settlements);
  });

  it('only covers the department, with volumes proportional to its population', () => {
    const share = pop95 / FRANCE_POPULATION;
    expect(share).toBeGreaterThan(0.018);
    const s = demoSummary(data);
    expect(data.services.every((x) => x.location.departmentCode === '95')).toBe(true);
    expect(s.places).toBeGreaterThan(18000 * share * 0.7);
    expect(s.places).toBeLessThan(18000 * share * 1.4);
    expect(s.searches / (3_600_000 * share)).toBeGreaterThan(0.97);
    expect(s.searches / (3_600_000 * share)).toBeLessThan(1.03);
    expect(searches.length).toBe(s.searches);
    expect(s.settlementsOpen).toBeGreaterThanOrEqual(12);
    expect(s.settlementsOpen).toBeLessThanOrEqual(25);
    expect(data.settlements.every((x) => x.location.departmentCode === '95')).toBe(true);
    expect(new Set(data.indicators.map((i) => i.code))).toEqual(new Set(['95']));
    expect(new Set(data.activities.map((a) => a.code))).toEqual(new Set(['95']));
    // No listed mutual-aid city in 95: the largest commune (Argenteuil) stands in.
    expect(new Set(data.mutualAid.map((m) => m.location.communeCode))).toEqual(new Set(['95018']));
  });

  it('declares its department covered from its first deployment activity (issue 16)', () => {
    const first = [...data.activities].sort((a, b) => (a.date < b.date ? -1 : 1))[0].date;
    expect(data.coverage).toEqual([{ departmentCode: '95', from: first }]);
    expect(first <= TODAY.toISOString().slice(0, 10)).toBe(true);
  });

  it('gives a department exactly its places of the national demo', () => {
    const national = generateDemo(communes, { scale: 'national', seed: 7, today: TODAY });
    expect(national.services.filter((x) => x.location.departmentCode === '95')).toEqual(data.services);
    expect(national.settlements.filter((x) => x.location.departmentCode === '95')).toEqual(data.settlements);
  });

  it('multiplies places by ten at national-x10 scale', () => {
    const subset = communes.filter((c) => c.departmentCode === '95');
    const x10 = generateDemo(subset, { scale: 'national-x10', seed: 7, today: TODAY });
    const ratio = demoSummary(x10).places / demoSummary(data).places;
    expect(ratio).toBeGreaterThan(8.5);
    expect(ratio).toBeLessThan(11.5);
    expect(new Set(x10.services.map((s) => s.sourceId)).size).toBe(x10.services.length);
  });

  it('rejects bad options', () => {
    expect(() => generateDemo(communes, { scale: 'department', department: '99', seed: 1, today: TODAY })).toThrow(DemoOptionsError);
    expect(() => generateDemo(communes, { scale: 'national', seed: 1.5, today: TODAY })).toThrow(DemoOptionsError);
    expect(() => generateDemo(communes, { scale: 'national', seed: 1, today: new Date('x') })).toThrow(DemoOptionsError);
  });

  it('has a June peak, an August lull, fewer searches on weekends and gentle growth', () => {
    const byMonth = new Map<string, number>();
    let weekday = 0;
    let weekend = 0;
    for (const s of searches) {
      const m = s.occurredAt.slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
      const dow = new Date(s.occurredAt).getUTCDay();
      if (dow === 0 || dow === 6) weekend++;
      else weekday++;
    }
    // Full year July 2024 – June 2025 is incomplete in June 2025: use June 2024 – May 2025.
    const months = [
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
    ];
    const mean = months.reduce((s, m) => s + byMonth.get(m)!, 0) / 12;
    expect(byMonth.get('2024-06')!).toBeGreaterThan(mean * 1.15);
    expect(byMonth.get('2024-08')!).toBeLessThan(mean * 0.85);
    expect(byMonth.get('2024-08')!).toBeLessThan(byMonth.get('2024-05')!);
    expect(weekend / 2 / (weekday / 5)).toBeLessThan(0.7);
    const year1 = ['2023-07', '2023-09', '2023-10', '2023-11'].reduce((s, m) => s + byMonth.get(m)!, 0);
    const year2 = ['2024-07', '2024-09', '2024-10', '2024-11'].reduce((s, m) => s + byMonth.get(m)!, 0);
    expect(year2 / year1).toBeGreaterThan(1.03);
    expect(year2 / year1).toBeLessThan(1.25);
  });

  it('returns zero results more often where supply is thin', () => {
    const withServices = new Set(data.services.filter((s) => s.status === 'ONLINE').map((s) => `${s.location.communeCode}|${s.themeId}`));
    let zeroNo = 0;
    let nNo = 0;
    let zeroYes = 0;
    let nYes = 0;
    for (const s of searches) {
      if (s.geoType !== 'commune' || !s.themeId) continue;
      if (withServices.has(`${s.communeCode}|${s.themeId}`)) {
        nYes++;
        if (s.resultCount === 0) zeroYes++;
      } else {
        nNo++;
        if (s.resultCount === 0) zeroNo++;
      }
    }
    expect(nNo).toBeGreaterThan(1000);
    expect(zeroNo / nNo).toBeGreaterThan(2 * (zeroYes / nYes));
    expect(zeroYes / nYes).toBeLessThan(0.15);
  });

  it('mixes users, origins, languages, geo types and categories like real demand', () => {
    const n = searches.length;
    const share = (f: (s: SearchEventRecord) => boolean) => searches.filter(f).length / n;
    expect(share((s) => s.userStatus === 'pro')).toBeGreaterThan(0.37);
    expect(share((s) => s.userStatus === 'pro')).toBeLessThan(0.43);
    expect(share((s) => s.userStatus === 'public')).toBeGreaterThan(0.56);
    expect(share((s) => s.language === 'fr')).toBeGreaterThan(0.8);
    for (const l of ['en', 'ar', 'uk', 'ro', 'ps']) expect(share((s) => s.language === l)).toBeGreaterThan(0.002);
    for (const o of ['web', 'widget', 'api', 'mobile']) expect(share((s) => s.origin === o)).toBeGreaterThan(0.03);
    expect(share((s) => s.geoType === 'commune')).toBeGreaterThan(0.5);
    for (const g of ['postal_code', 'department', 'position']) expect(share((s) => s.geoType === g)).toBeGreaterThan(0.05);
    const theme = (t: string) => share((s) => s.themeId === t);
    expect(theme('food')).toBeGreaterThan(theme('counseling'));
    expect(theme('accomodation_and_housing')).toBeGreaterThan(theme('training_and_jobs'));
    expect(theme('hygiene_and_wellness')).toBeGreaterThan(theme('activities'));
    expect(theme('health')).toBeGreaterThan(theme('mobility'));
    expect(share((s) => s.searchType !== null)).toBeGreaterThan(0.02);
  });

  it('produces valid search records, never in the future', () => {
    const start = new Date(Date.parse(TODAY.toISOString().slice(0, 10)) - 731 * 86_400_000).toISOString();
    const now = TODAY.toISOString();
    const invalid = searches.filter(
      (s) =>
        !ISO_TIME.test(s.occurredAt) ||
        s.occurredAt >= now ||
        s.occurredAt < start ||
        (s.communeCode !== null && byCode.get(s.communeCode)?.departmentCode !== '95') ||
        (s.departmentCode !== null && s.departmentCode !== '95') ||
        (s.regionCode !== null && s.regionCode !== '11') ||
        (s.categoryId !== null && resolveCategory(s.categoryId)?.themeId !== s.themeId) ||
        s.resultCount < 0 ||
        s.adminSearch !== (s.userStatus === 'admin'),
    );
    expect(invalid.slice(0, 5)).toEqual([]);
    expect(searches[0].occurredAt < new Date(Date.parse(start) + 86_400_000).toISOString()).toBe(true);
    expect(new Set(searches.map((s) => s.sourceId)).size).toBe(searches.length);
  });
});
