import type { ActivityRecord, IndicatorRecord, MutualAidRecord, ServiceRecord, SettlementRecord, TargetRecord } from '@vigie/ingest-domain';
import { DEPLOYMENT_DEPARTMENTS, generateDepartmentDeployment } from './deployment.js';
import { PointGrid } from './geo.js';
import { generateDepartmentIndicators } from './indicators.js';
import { generateCityMutualAid, mutualAidCities } from './mutual-aid.js';
import { planSearches, streamSearches } from './searches.js';
import { FRANCE_POPULATION, generateCommuneServices, PLACE_INTENSITY, placeWeight } from './services.js';
import { generateDepartmentSettlements } from './settlements.js';
import { SEARCH_RADIUS_KM, SupplyIndex } from './supply.js';
import type { DemoCommune, DemoData, DemoOptions, ResolvedDemoOptions } from './types.js';

export class DemoOptionsError extends Error {}

export function resolveDemoOptions(options: DemoOptions): ResolvedDemoOptions {
  const { scale, seed, today } = options;
  if (scale !== 'department' && scale !== 'national' && scale !== 'national-x10')
    throw new DemoOptionsError(`unknown scale "${String(scale)}"`);
  if (!Number.isInteger(seed)) throw new DemoOptionsError('seed must be an integer');
  if (!(today instanceof Date) || Number.isNaN(today.getTime())) throw new DemoOptionsError('today must be a valid Date');
  const years = options.years ?? 2;
  if (!(years > 0 && years <= 20)) throw new DemoOptionsError('years must be in (0, 20]');
  return {
    scale,
    seed: seed >>> 0,
    department: scale === 'department' ? (options.department ?? '95') : null,
    today: new Date(today.getTime()),
    years,
    multiplier: scale === 'national-x10' ? 10 : 1,
  };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Generates a complete, deterministic demo dataset over the real geography. The same communes, seed
 * and options always give exactly the same records. Each part is drawn from its own random stream
 * (per commune for places, per department for settlements, indicators and deployment, per city for
 * mutual aid), so a department generated alone gets exactly the places, settlements, indicators and
 * activities it has in the national demo (searches are drawn afresh, with the same distributions).
 */
export function generateDemo(communes: readonly DemoCommune[], options: DemoOptions): DemoData {
  const opts = resolveDemoOptions(options);
  const all = [...communes].sort(byCode);
  const scope = opts.department === null ? all : all.filter((c) => c.departmentCode === opts.department);
  if (scope.length === 0) throw new DemoOptionsError(opts.department ? `no commune in department ${opts.department}` : 'no commune given');

  // Places of the scope, plus (department scale) of the communes just across its border, so that
  // searches near the border find the services a few km away as they would nationally.
  const services: ServiceRecord[] = [];
  for (const c of scope) generateCommuneServices(c, opts, services);
  const supplyServices = opts.department === null ? services : [...services, ...borderServices(all, scope, opts)];
  const supply = new SupplyIndex(scope, supplyServices);

  const departments = new Map<string, DemoCommune[]>();
  for (const c of scope) {
    const list = departments.get(c.departmentCode) ?? [];
    list.push(c);
    departments.set(c.departmentCode, list);
  }

  const settlements: SettlementRecord[] = [];
  const indicators: IndicatorRecord[] = [];
  const activities: ActivityRecord[] = [];
  const targets: TargetRecord[] = [];
  for (const [dept, list] of [...departments].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const population = list.reduce((s, c) => s + c.population, 0);
    generateDepartmentSettlements(dept, list, opts, settlements);
    generateDepartmentIndicators(dept, population, opts, indicators);
    if (DEPLOYMENT_DEPARTMENTS.includes(dept)) {
      const expectedPlaces = list.reduce((s, c) => s + PLACE_INTENSITY * placeWeight(c.population), 0) * opts.multiplier;
      generateDepartmentDeployment(dept, population, expectedPlaces, opts, activities, targets);
    }
  }
  activities.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sourceId < b.sourceId ? -1 : 1));
  const coverage = demoCoverage(opts, [...departments.keys()], activities);

  const mutualAid: MutualAidRecord[] = [];
  for (const [city, count] of mutualAidCities(scope, opts)) generateCityMutualAid(city, count, opts, mutualAid);

  const scopePopulation = scope.reduce((s, c) => s + Math.max(0, c.population), 0);
  const francePopulation = opts.department === null ? scopePopulation : FRANCE_POPULATION;
  const plan = planSearches(opts, scopePopulation, francePopulation);

  return {
    options: opts,
    communes: scope,
    services,
    settlements,
    mutualAid,
    indicators,
    activities,
    targets,
    coverage,
    searchCount: plan.total,
    searches: () => streamSearches(opts, scope, supply, plan),
  };
}

/** The departments the demo directory covers and from when (see DemoData.coverage). */
function demoCoverage(opts: ResolvedDemoOptions, scopeDepartments: string[], activities: readonly ActivityRecord[]) {
  const first = new Map<string, string>();
  for (const a of activities) if (a.level === 'department' && !first.has(a.code)) first.set(a.code, a.date); // sorted by date
  const historyStart = new Date(opts.today.getTime() - Math.round(opts.years * 365.25) * 86_400_000).toISOString().slice(0, 10);
  const codes = opts.department !== null ? [opts.department] : scopeDepartments.filter((d) => DEPLOYMENT_DEPARTMENTS.includes(d));
  return codes.sort().map((departmentCode) => ({ departmentCode, from: first.get(departmentCode) ?? historyStart }));
}

function borderServices(all: readonly DemoCommune[], scope: readonly DemoCommune[], opts: ResolvedDemoOptions): ServiceRecord[] {
  const grid = new PointGrid(0.1);
  for (const c of scope) grid.add(c.lat, c.lon);
  const out: ServiceRecord[] = [];
  const margin = SEARCH_RADIUS_KM + 4;
  for (const c of all) {
    if (c.departmentCode === opts.department) continue;
    let near = false;
    grid.within(c.lat, c.lon, margin, () => (near = true));
    if (near) generateCommuneServices(c, opts, out);
  }
  return out;
}

export interface DemoSummary {
  scale: string;
  department: string | null;
  communes: number;
  communesWithPlaces: number;
  places: number;
  services: number;
  servicesByTheme: Record<string, number>;
  servicesByStatus: Record<string, number>;
  searches: number;
  settlementsOpen: number;
  settlementsClosed: number;
  mutualAid: number;
  indicators: number;
  activities: number;
  targets: number;
}

/** Counts of a generated demo (searches: the exact number `searches()` yields, without streaming them). */
export function demoSummary(data: DemoData): DemoSummary {
  const places = new Set<string>();
  const communes = new Set<string>();
  const servicesByTheme: Record<string, number> = {};
  const servicesByStatus: Record<string, number> = {};
  for (const s of data.services) {
    places.add(s.placeSourceId);
    if (s.location.communeCode) communes.add(s.location.communeCode);
    servicesByTheme[s.themeId] = (servicesByTheme[s.themeId] ?? 0) + 1;
    servicesByStatus[s.status] = (servicesByStatus[s.status] ?? 0) + 1;
  }
  return {
    scale: data.options.scale,
    department: data.options.department,
    communes: data.communes.length,
    communesWithPlaces: communes.size,
    places: places.size,
    services: data.services.length,
    servicesByTheme,
    servicesByStatus,
    searches: data.searchCount,
    settlementsOpen: data.settlements.filter((s) => s.status === 'open').length,
    settlementsClosed: data.settlements.filter((s) => s.status === 'closed').length,
    mutualAid: data.mutualAid.length,
    indicators: data.indicators.length,
    activities: data.activities.length,
    targets: data.targets.length,
  };
}
