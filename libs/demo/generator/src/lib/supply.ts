import type { ServiceRecord } from '@vigie/ingest-domain';
import { themeOf, THEMES } from '@vigie/taxonomy';
import { PointGrid } from './geo.js';
import { SEARCH_CATEGORY_SHARES, SERVICE_CATEGORY_SHARES } from './proportions.js';
import type { DemoCommune } from './types.js';

/** Radius (km) around a commune centroid within which a search finds services. */
export const SEARCH_RADIUS_KM = 5;

export const THEME_IDS: readonly string[] = THEMES.map((t) => t.id);
export const SUPPLY_CATEGORY_IDS: readonly string[] = [
  ...new Set([...Object.keys(SERVICE_CATEGORY_SHARES), ...Object.keys(SEARCH_CATEGORY_SHARES)]),
];
const themeIndex = new Map(THEME_IDS.map((t, i) => [t, i]));
const categoryIndex = new Map(SUPPLY_CATEGORY_IDS.map((c, i) => [c, i]));

export function themeIdx(themeId: string): number {
  return themeIndex.get(themeId) ?? -1;
}
export function categoryIdx(categoryId: string): number {
  return categoryIndex.get(categoryId) ?? -1;
}

/**
 * Online services counted around each commune (within SEARCH_RADIUS_KM of its centroid) and per
 * department, by theme and by category. Used to decide the result count of a search.
 */
export class SupplyIndex {
  readonly themeCounts: Uint16Array;
  readonly categoryCounts: Uint16Array;
  readonly deptThemeCounts = new Map<string, Uint32Array>();
  readonly deptCategoryCounts = new Map<string, Uint32Array>();
  readonly totalThemeCounts = new Uint32Array(THEME_IDS.length);

  constructor(
    readonly communes: readonly DemoCommune[],
    services: readonly ServiceRecord[],
  ) {
    const nT = THEME_IDS.length;
    const nC = SUPPLY_CATEGORY_IDS.length;
    this.themeCounts = new Uint16Array(communes.length * nT);
    this.categoryCounts = new Uint16Array(communes.length * nC);
    const grid = new PointGrid(0.05);
    const sTheme: number[] = [];
    const sCat: number[] = [];
    for (const s of services) {
      if (s.status !== 'ONLINE' || s.location.lat === null || s.location.lon === null) continue;
      const t = themeIdx(s.themeId);
      const c = categoryIdx(s.categoryId);
      grid.add(s.location.lat, s.location.lon);
      sTheme.push(t);
      sCat.push(c);
      const dept = s.location.departmentCode ?? '';
      let dt = this.deptThemeCounts.get(dept);
      let dc = this.deptCategoryCounts.get(dept);
      if (!dt) this.deptThemeCounts.set(dept, (dt = new Uint32Array(nT)));
      if (!dc) this.deptCategoryCounts.set(dept, (dc = new Uint32Array(nC)));
      if (t >= 0) {
        dt[t]++;
        this.totalThemeCounts[t]++;
      }
      if (c >= 0) dc[c]++;
    }
    communes.forEach((commune, i) => {
      grid.within(commune.lat, commune.lon, SEARCH_RADIUS_KM, (id) => {
        const t = sTheme[id];
        const c = sCat[id];
        if (t >= 0 && this.themeCounts[i * nT + t] < 65535) this.themeCounts[i * nT + t]++;
        if (c >= 0 && this.categoryCounts[i * nC + c] < 65535) this.categoryCounts[i * nC + c]++;
      });
    });
  }

  communeTheme(communeIdx: number, theme: number): number {
    return this.themeCounts[communeIdx * THEME_IDS.length + theme];
  }
  communeCategory(communeIdx: number, category: number): number {
    return this.categoryCounts[communeIdx * SUPPLY_CATEGORY_IDS.length + category];
  }
  communeAll(communeIdx: number): number {
    let n = 0;
    for (let t = 0; t < THEME_IDS.length; t++) n += this.communeTheme(communeIdx, t);
    return n;
  }
  deptTheme(dept: string, theme: number): number {
    return this.deptThemeCounts.get(dept)?.[theme] ?? 0;
  }
  deptCategory(dept: string, category: number): number {
    return this.deptCategoryCounts.get(dept)?.[category] ?? 0;
  }
}

export function themeOfCategory(categoryId: string): string {
  return themeOf(categoryId) as string;
}
