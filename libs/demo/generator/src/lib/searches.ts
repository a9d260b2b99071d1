import type { SearchEventRecord, SearchGeoType, SearchOrigin, SearchUserStatus } from '@vigie/ingest-domain';
import { dayOf, DAY_MS, isoTime, monthOfDay, weekdayOfDay } from './calendar.js';
import {
  SEARCH_CATEGORY_SHARES,
  SEARCH_GEO_SHARES,
  SEARCH_HOUR_WEIGHTS,
  SEARCH_KIND_SHARES,
  SEARCH_LANGUAGE_SHARES,
  SEARCH_MONTH_FACTORS,
  SEARCH_ORIGIN_SHARES,
  SEARCH_USER_SHARES,
  SEARCH_WEEKDAY_FACTORS,
  SEARCH_WORDS,
  SEARCH_YEARLY_GROWTH,
} from './proportions.js';
import { AliasTable, Rng } from './random.js';
import { categoryIdx, SupplyIndex, THEME_IDS, themeIdx, themeOfCategory } from './supply.js';
import type { DemoCommune, ResolvedDemoOptions } from './types.js';

/** National searches per year (Soliguide: ≈ 1.8 M). */
export const NATIONAL_SEARCHES_PER_YEAR = 1_800_000;

const tableOf = <K extends string>(shares: Readonly<Record<K, number>>) =>
  new AliasTable(Object.keys(shares) as K[], Object.values(shares) as number[]);

const categoryTable = tableOf(SEARCH_CATEGORY_SHARES);
const themeDemand = new Map<string, number>();
for (const [c, w] of Object.entries(SEARCH_CATEGORY_SHARES)) {
  const t = themeOfCategory(c);
  themeDemand.set(t, (themeDemand.get(t) ?? 0) + w);
}
const themeTable = new AliasTable([...themeDemand.keys()], [...themeDemand.values()]);
const kindTable = tableOf(SEARCH_KIND_SHARES);
const geoTable = tableOf(SEARCH_GEO_SHARES) as AliasTable<SearchGeoType>;
const userTable = tableOf(SEARCH_USER_SHARES) as AliasTable<SearchUserStatus>;
const originTable = tableOf(SEARCH_ORIGIN_SHARES) as AliasTable<SearchOrigin>;
const languageTable = tableOf(SEARCH_LANGUAGE_SHARES);
/** Hour weights are Paris time; shift by one hour to get UTC hours (approximation, no DST). */
const hourTable = new AliasTable(
  SEARCH_HOUR_WEIGHTS.map((_, h) => h),
  SEARCH_HOUR_WEIGHTS.map((_, h) => SEARCH_HOUR_WEIGHTS[(h + 1) % 24]),
);

export interface SearchPlan {
  startDay: number;
  /** Number of events per day from startDay (the last day is the day before `today`). */
  dailyCounts: Int32Array;
  total: number;
}

/** Day factors (season, weekday, late-December lull, growth, noise) scaled to the expected total. */
export function planSearches(options: ResolvedDemoOptions, scopePopulation: number, francePopulation: number): SearchPlan {
  const rng = Rng.derive(options.seed, `search-days:${options.department ?? 'fr'}`);
  const todayDay = dayOf(options.today);
  const nDays = Math.round(options.years * 365.25);
  const startDay = todayDay - nDays;
  const mid = startDay + nDays / 2;
  const factors = new Float64Array(nDays);
  let sum = 0;
  for (let i = 0; i < nDays; i++) {
    const d = startDay + i;
    const date = new Date(d * DAY_MS);
    const m = date.getUTCMonth();
    const dom = date.getUTCDate();
    const lateDecember = (m === 11 && dom >= 20) || (m === 0 && dom <= 2) ? 0.65 : 1;
    const growth = Math.pow(1 + SEARCH_YEARLY_GROWTH, (d - mid) / 365.25);
    const noise = Math.exp(rng.normal(0, 0.06));
    const f = SEARCH_MONTH_FACTORS[monthOfDay(d)] * SEARCH_WEEKDAY_FACTORS[weekdayOfDay(d)] * lateDecember * growth * noise;
    factors[i] = f;
    sum += f;
  }
  const expectedTotal = ((NATIONAL_SEARCHES_PER_YEAR * nDays) / 365.25) * options.multiplier * (scopePopulation / francePopulation);
  const dailyCounts = new Int32Array(nDays);
  let total = 0;
  for (let i = 0; i < nDays; i++) {
    dailyCounts[i] = rng.roundStochastic((factors[i] / sum) * expectedTotal);
    total += dailyCounts[i];
  }
  return { startDay, dailyCounts, total };
}

/** Streams search events day by day, sorted by time within the day. */
export function* streamSearches(
  options: ResolvedDemoOptions,
  communes: readonly DemoCommune[],
  supply: SupplyIndex,
  plan: SearchPlan,
): Generator<SearchEventRecord, void, undefined> {
  const scopeKey = options.department ?? (options.multiplier === 1 ? 'fr' : `fr${options.multiplier}`);
  const rng = Rng.derive(options.seed, `searches:${scopeKey}`);
  const communeTable = new AliasTable(
    communes.map((_, i) => i),
    communes.map((c) => Math.max(0, c.population)),
  );
  let n = 0;
  for (let i = 0; i < plan.dailyCounts.length; i++) {
    const count = plan.dailyCounts[i];
    if (count === 0) continue;
    const dayMs = (plan.startDay + i) * DAY_MS;
    const offsets = new Float64Array(count);
    for (let k = 0; k < count; k++) offsets[k] = hourTable.sample(rng) * 3_600_000 + Math.floor(rng.next() * 3_600_000);
    offsets.sort();
    for (let k = 0; k < count; k++) {
      n++;
      const ci = communeTable.sample(rng);
      const commune = communes[ci];
      const geoType = geoTable.sample(rng);
      const kind = kindTable.sample(rng);
      let categoryId: string | null = null;
      let themeId: string | null = null;
      let searchType: string | null = null;
      if (kind === 'category') {
        categoryId = categoryTable.sample(rng);
        themeId = themeOfCategory(categoryId);
      } else if (kind === 'theme') {
        themeId = themeTable.sample(rng);
      } else {
        searchType = SEARCH_WORDS[Math.floor(rng.next() * SEARCH_WORDS.length)];
      }
      const available = supplyFor(supply, ci, commune, geoType, categoryId, themeId);
      const themeNearby = available > 0 || (themeId !== null && supplyFor(supply, ci, commune, geoType, null, themeId) > 0);
      const resultCount = resultCountFor(rng, available, themeNearby);
      const userStatus = userTable.sample(rng);
      const located = geoType === 'commune' || geoType === 'postal_code' || geoType === 'position';
      yield {
        sourceId: `demo-q-${scopeKey}-${n.toString(36)}`,
        occurredAt: isoTime(dayMs + offsets[k]),
        categoryId,
        themeId,
        searchType,
        geoType,
        communeCode: located ? commune.code : null,
        departmentCode: located || geoType === 'department' ? commune.departmentCode : null,
        regionCode: geoType === 'country' || geoType === 'unknown' ? null : commune.regionCode,
        resultCount,
        userStatus,
        origin: originTable.sample(rng),
        language: rng.chance(0.02) ? null : languageTable.sample(rng),
        adminSearch: userStatus === 'admin',
      };
    }
  }
}

/** Services a search can find, from where it is located and what it looks for. */
function supplyFor(
  supply: SupplyIndex,
  ci: number,
  commune: DemoCommune,
  geoType: SearchGeoType,
  categoryId: string | null,
  themeId: string | null,
): number {
  const t = themeId ? themeIdx(themeId) : -1;
  const c = categoryId ? categoryIdx(categoryId) : -1;
  switch (geoType) {
    case 'commune':
    case 'postal_code':
    case 'position':
      if (c >= 0) return supply.communeCategory(ci, c);
      if (t >= 0) return supply.communeTheme(ci, t);
      return Math.round(supply.communeAll(ci) / 10);
    case 'department':
    case 'region':
      if (c >= 0) return supply.deptCategory(commune.departmentCode, c);
      if (t >= 0) return supply.deptTheme(commune.departmentCode, t);
      return 1 + Math.round(THEME_IDS.reduce((s, _, i) => s + supply.deptTheme(commune.departmentCode, i), 0) / 10);
    case 'country':
      return t >= 0 ? supply.totalThemeCounts[t] : 100;
    default:
      return 0;
  }
}

/**
 * Nothing of the theme nearby → mostly zero results (sometimes a few found farther away); the theme
 * but not the category nearby → zero about half of the time; services nearby → about that many
 * results, with a few zero-result searches (filters, closures).
 */
function resultCountFor(rng: Rng, available: number, themeNearby: boolean): number {
  if (available <= 0) return rng.chance(themeNearby ? 0.45 : 0.85) ? 0 : rng.int(1, 3);
  if (rng.chance(0.03)) return 0;
  return Math.max(1, Math.round(available * rng.range(0.6, 1.1)));
}
