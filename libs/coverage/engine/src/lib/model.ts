import { dayNumber, monthsBetween } from './dates.js';
import { completenessScoreOfDay } from './quality.js';
import { SparseRows, SparseTable } from './sparse-table.js';
import { SphereIndex, chord2ToMeters, metersToChord2, toUnitVector } from './sphere-index.js';
import {
  DEFAULT_CONFIG,
  LEVELS,
  type CoverageConfig,
  type CoverageInput,
  type CommuneInput,
  type CoverageRow,
  type DistanceBand,
  type KeyType,
  type Level,
  type PlaceQualityRow,
  type SearchAggregateInput,
  type ServiceInput,
  type SettlementAccessRow,
} from './types.js';
import { completenessCriteria } from './quality.js';

export interface KeyInfo {
  id: string;
  type: KeyType;
  /** Theme of the key (itself for a theme). */
  themeId: string | null;
  thresholdMeters: number;
}

export interface TerritoryTable {
  level: Level;
  codes: string[];
  index: Map<string, number>;
  population: Float64Array;
  /** Poor population (estimated when some communes lack the indicator); NaN when unknown. */
  poor: Float64Array;
  /** Number of communes of each territory. */
  communes: Int32Array;
  /** Number of those communes computed in this run (all, except in an incremental run). */
  computed: Int32Array;
  /**
   * Directory coverage. `population`, `poor` and `communes` above are over the covered communes of a territory that has
   * some (its figures are computed over them), over all of them otherwise; `totalPopulation` is over all of them.
   */
  totalPopulation: Float64Array;
  /** 1 when at least one commune of the territory is covered. */
  covered: Uint8Array;
  /** Covered population / total population (0–1). */
  coveredShare: Float64Array;
  /** Distinct departments of the territory with a covered commune, and all of them. */
  coveredDepartments: Int32Array;
  departments: Int32Array;
}

export interface ComputeOptions {
  /** Incremental run: compute only the territories inside these departments (see docs/METRICS.md). */
  departments?: readonly string[];
}

/** Weight of a distance in the stepped E2SFCA function (0 beyond the last band). */
export function bandWeight(bands: readonly DistanceBand[], meters: number): number {
  for (const b of bands) if (meters <= b.maxMeters) return b.weight;
  return 0;
}

// Columns of the per level × key aggregates.
const C = {
  services: 0,
  distSum: 1,
  median: 2,
  beyond: 3,
  accSum: 4,
  reach: 5,
  searches: 6,
  zero: 7,
  sites: 8,
  sitesBeyond: 9,
  residentsBeyond: 10,
  active: 11,
  recent: 12,
  todo: 13,
  started: 14,
  finished: 15,
  complSum: 16,
  /** Need-weighted accessibility: Σ poor·A' and Σ poor over the communes with a known poverty rate. */
  accPoorSum: 17,
  poorKnown: 18,
} as const;
const NCOL = 19;

// Columns of the sparse per commune × key local stats.
const L = { open: 0, active: 1, recent: 2, todo: 3, started: 4, finished: 5, complSum: 6 } as const;
const NLOC = 7;
const LOCAL_TO_C = [C.services, C.active, C.recent, C.todo, C.started, C.finished, C.complSum];
const SEARCH_TO_C = [C.searches, C.zero];
const HIGHER: readonly Level[] = ['epci', 'department', 'region', 'country'];
/** Communes per group of the nearest-distance searches beyond the adjacency radius. */
const NN_GROUP = 48;

export interface ServiceState {
  input: ServiceInput;
  commune: number;
  location: number;
  cat: number;
  theme: number;
  openToday: boolean;
  completeness: number;
  /** Closed periods as inclusive day-number pairs [start0, end0, start1, end1, …] (end Infinity = open-ended). */
  closed: number[];
}

/**
 * The computed coverage of one dated snapshot. Built once (`computeCoverage`), then read through
 * `rows()`, `settlementAccess()`, `placeQuality()`, and used by what-if and seasonal functions.
 * Internally columnar (typed arrays per key), so a national run stays small and fast.
 */
export class CoverageModel {
  readonly config: CoverageConfig;
  readonly today: number;
  readonly catchmentMeters: number;
  readonly keys: KeyInfo[] = [];
  readonly keyIndex = new Map<string, number>();
  readonly categoryTheme: Record<string, string>;

  // Communes.
  readonly nCommunes: number;
  readonly communeCodes: string[];
  readonly communeLat: Float64Array;
  readonly communeLon: Float64Array;
  readonly communeIndex: SphereIndex;
  readonly communeByCode = new Map<string, number>();
  readonly territories: Record<Level, TerritoryTable>;
  /**
   * Commune → territory index at each level (-1 when none, e.g. no EPCI), for the aggregates: an uncovered commune of a
   * territory with covered communes has none (the territory's figures are over its covered part).
   */
  readonly parent: Record<Level, Int32Array>;
  /** Commune → territory index at each level whatever the coverage (-1 when none). */
  readonly fullParent: Record<Level, Int32Array>;
  /** 1 when the directory covers the commune (CommuneInput.covered, default true). */
  readonly communeCovered: Uint8Array;
  /** Communes computed in this run. */
  readonly target: Uint8Array;
  readonly incremental: boolean;

  // Services and their distinct locations.
  readonly services: ServiceState[] = [];
  readonly locLat: number[] = [];
  readonly locLon: number[] = [];
  /** Per location: per key open-today service counts (key index → count). */
  readonly locKeys: Map<number, number>[] = [];
  /** Per key: spatial index over the locations holding open services of the key, and tree → location. */
  readonly keyTrees: (SphereIndex | null)[] = [];
  readonly keyTreeLoc: Int32Array[] = [];

  // Location → communes within the adjacency radius (CSR).
  readonly adjRadius: number;
  catStart = new Int32Array(1);
  catCommune = new Int32Array(0);
  catMeters = new Float64Array(0);
  /** Locations whose catchment list was built (all, or those near the targets). */
  readonly locComputed: Uint8Array;
  /** E2SFCA step-1 ratio per location (per service there): 1 / Σ P·W. */
  ratio: Float64Array;

  // Dense per key × commune results (null for keys without open services).
  readonly nearest: (Float64Array | null)[] = [];
  readonly access: (Float64Array | null)[] = [];
  readonly reach: (Int32Array | null)[] = [];
  /** Need-weighted E2SFCA (demand = poor population), per key × commune; NaN where the commune's poverty is unknown. */
  readonly accessPoor: (Float64Array | null)[] = [];
  // Sparse per key × commune, stored as rows of typed arrays (see `local` and `searches`).
  private readonly localTable: SparseTable;
  private readonly searchTable: SparseRows;
  private localMaps: Map<number, Float64Array>[] | null = null;
  private searchMaps: Map<number, [number, number]>[] | null = null;
  /** Per key: commune → local stats of its services (L columns). Built on first read. */
  get local(): Map<number, Float64Array>[] {
    if (!this.localMaps) {
      const maps: Map<number, Float64Array>[] = this.keys.map(() => new Map());
      const tb = this.localTable;
      for (let r = 0; r < tb.size; r++) maps[tb.keys[r]].set(tb.communes[r], tb.values.slice(r * NLOC, (r + 1) * NLOC));
      this.localMaps = maps;
    }
    return this.localMaps;
  }
  /** Per key: commune → [searches, zero-result searches]. Built on first read. */
  get searches(): Map<number, [number, number]>[] {
    if (!this.searchMaps) {
      const maps: Map<number, [number, number]>[] = this.keys.map(() => new Map());
      const tb = this.searchTable;
      for (let r = 0; r < tb.size; r++) maps[tb.keys[r]].set(tb.communes[r], [tb.values[2 * r], tb.values[2 * r + 1]]);
      this.searchMaps = maps;
    }
    return this.searchMaps;
  }
  /** Per level above the commune: Float64Array(NCOL × nTerritories × nKeys), index (k·NCOL + col)·nT + t. */
  readonly agg = {} as Record<Level, Float64Array>;

  // Settlements.
  readonly settlementRows: SettlementAccessRow[] = [];
  /** Per settlement theme key index: nearest metres per settlement (Infinity when none). */
  readonly settlementNearest = new Map<number, Float64Array>();
  readonly settlementCommune: number[] = [];
  readonly settlementPop: number[] = [];
  readonly settlementLat: number[] = [];
  readonly settlementLon: number[] = [];
  readonly unknownSearchKeys = new Set<string>();
  /** Milliseconds spent in each phase of the computation (for benchmarks and logs). */
  readonly timings: Record<string, number> = {};
  private clock = performance.now();
  private lap(name: string): void {
    const now = performance.now();
    this.timings[name] = Math.round(now - this.clock);
    this.clock = now;
  }

  constructor(input: CoverageInput, options: ComputeOptions = {}) {
    // Phases in their historical order (the computation order changed: catchments and e2sfca before nearest).
    for (const name of PHASES) this.timings[name] = 0;
    this.config = { ...DEFAULT_CONFIG, ...input.config } as CoverageConfig;
    const cfg = this.config;
    this.today = dayNumber(cfg.today);
    if (Number.isNaN(this.today)) throw new Error(`config.today is not an ISO day: ${cfg.today}`);
    if (!cfg.bands.length) throw new Error('config.bands is empty');
    this.catchmentMeters = cfg.bands[cfg.bands.length - 1].maxMeters;
    // The loops of every phase live in small methods and functions: a loop in this (large)
    // constructor would make V8 compile all of it on stack replacement, several times per run.

    // --- Communes and territories.
    const communes = input.communes;
    const n = (this.nCommunes = communes.length);
    this.communeCodes = communes.map((c) => c.code);
    this.communeLat = Float64Array.from(communes, (c) => c.lat);
    this.communeLon = Float64Array.from(communes, (c) => c.lon);
    communes.forEach((c, i) => this.communeByCode.set(c.code, i));
    this.communeIndex = new SphereIndex(this.communeLat, this.communeLon);
    this.parent = {} as Record<Level, Int32Array>;
    this.fullParent = {} as Record<Level, Int32Array>;
    this.territories = {} as Record<Level, TerritoryTable>;
    const deptSet = options.departments ? new Set(options.departments) : null;
    this.incremental = deptSet !== null;
    this.target = targetCommunes(communes, deptSet);
    this.communeCovered = Uint8Array.from(communes, (c) => (c.covered === false ? 0 : 1));
    const deptOf = parentsAt(communes, 'department').par;
    for (const level of LEVELS) {
      const { par: full, codes, index } = parentsAt(communes, level);
      const par = coveredParents(full, this.communeCovered, codes.length);
      this.parent[level] = par;
      this.fullParent[level] = full;
      this.territories[level] = territoryTable(communes, level, codes, index, par, this.target, full, this.communeCovered, deptOf);
    }

    this.lap('setup');
    // --- Keys.
    const categoryTheme = categoryThemeOf(cfg, input.services);
    this.categoryTheme = categoryTheme;
    const catIds = cfg.categories ? [...cfg.categories] : [...new Set(input.services.map((s) => s.categoryId))].sort();
    const themeIds = cfg.themes ? [...cfg.themes] : [...new Set(input.services.map((s) => s.themeId))].sort();
    if (!cfg.categories || !cfg.themes) addSearchedKeys(cfg, input.searches ?? [], categoryTheme, catIds, themeIds);
    const thresholdOf = (theme: string | null) => (theme && cfg.thresholdsByTheme[theme]) || cfg.defaultThresholdMeters;
    for (const id of catIds)
      this.addKey({ id, type: 'category', themeId: categoryTheme[id] ?? null, thresholdMeters: thresholdOf(categoryTheme[id] ?? null) });
    for (const id of themeIds)
      if (!this.keyIndex.has(id)) this.addKey({ id, type: 'theme', themeId: id, thresholdMeters: thresholdOf(id) });
    this.adjRadius = Math.max(this.catchmentMeters, ...this.keys.map((k) => k.thresholdMeters));

    this.lap('keys');
    // --- Services → distinct locations.
    const updatedDay = this.loadServices(input.services);
    const nLoc = this.locLat.length;
    this.flattenLocKeys();

    this.lap('services');
    // --- Per key location trees.
    this.buildKeyTrees();

    this.lap('keyTrees');
    const [cx, cy, cz] = unitVectors(this.communeLat, this.communeLon);
    // --- Catchment lists: for each location, the communes within the adjacency radius. In an
    // incremental run, only locations within that radius of a target commune.
    this.locComputed = new Uint8Array(nLoc);
    if (!this.incremental) {
      this.locComputed.fill(1);
      this.buildCatchmentsByCommune(cx, cy, cz);
    } else {
      this.markComputedLocations(cx, cy, cz);
      this.buildCatchments();
    }

    this.lap('catchments');
    // --- E2SFCA step 1 (per location, key-independent) and step 2 (per key), reachable counts;
    // the same pass over the catchment lists gives the nearest distances within the adjacency
    // radius (see computeNearest).
    for (let k = 0; k < this.keys.length; k++) {
      const some = this.keyTrees[k] !== null;
      this.nearest.push(some ? new Float64Array(n).fill(Infinity) : null);
      this.access.push(some ? new Float64Array(n) : null);
      this.reach.push(some ? new Int32Array(n) : null);
      this.accessPoor.push(some ? new Float64Array(n) : null);
    }
    this.ratio = new Float64Array(nLoc);
    const pop = Float64Array.from(communes, (c) => c.population);
    for (const lv of HIGHER) this.agg[lv] = new Float64Array(NCOL * this.territories[lv].codes.length * this.keys.length);
    this.computeE2sfca(pop);

    this.lap('e2sfca');
    // --- Nearest open service of each key from each (target) commune centroid.
    this.computeNearest(cx, cy, cz);

    this.lap('nearest');
    // --- Sparse local stats of services (supply, freshness, campaign, completeness).
    this.localTable = this.localStats(updatedDay);
    // --- Searches (category searches also count for their theme when rollUpSearches).
    this.searchTable = this.searchStats(input.searches ?? []);

    this.lap('localAndSearches');
    // --- Settlements.
    this.computeSettlements(input);

    this.lap('settlements');
    // --- Aggregation to every level (commune level included, for uniform row output).
    this.aggregate(pop);
    this.lap('aggregate');
  }

  /**
   * The model of the same services, communes, settlements and config with other search aggregates, without
   * the spatial work: searches only feed the search columns (demand pressure divides them by the reachable
   * counts, which do not depend on searches), so every other array is shared with this model and only the
   * search table and the search columns of the aggregates are rebuilt. Its rows equal those of
   * `computeCoverage` on the new input (tested). This model is left unchanged. Null when the keys may depend
   * on the searches (a config without the lists of categories and themes): recompute fully then.
   */
  withSearches(searches: readonly SearchAggregateInput[]): CoverageModel | null {
    if (!this.config.categories || !this.config.themes) return null;
    const t0 = performance.now();
    const m = Object.assign(Object.create(CoverageModel.prototype) as CoverageModel, this);
    const w = m as unknown as {
      searchTable: SparseRows;
      searchMaps: null;
      agg: Record<Level, Float64Array>;
      unknownSearchKeys: Set<string>;
      timings: Record<string, number>;
    };
    w.unknownSearchKeys = new Set();
    w.searchMaps = null;
    w.timings = Object.fromEntries(PHASES.map((p) => [p, 0]));
    w.searchTable = m.searchStats(searches);
    const t1 = performance.now();
    const K = this.keys.length;
    const agg = {} as Record<Level, Float64Array>;
    for (const lv of HIGHER) {
      const a = this.agg[lv].slice();
      const nt = this.territories[lv].codes.length;
      for (let k = 0; k < K; k++) {
        a.fill(0, (k * NCOL + C.searches) * nt, (k * NCOL + C.searches + 1) * nt);
        a.fill(0, (k * NCOL + C.zero) * nt, (k * NCOL + C.zero + 1) * nt);
      }
      agg[lv] = a;
    }
    w.agg = agg;
    m.aggregateSearches();
    w.timings['localAndSearches'] = Math.round(t1 - t0);
    w.timings['aggregate'] = Math.round(performance.now() - t1);
    return m;
  }

  /** Distinct locations and service states of the active services; returns their update days. */
  private loadServices(services: readonly ServiceInput[]): Float64Array {
    const cfg = this.config;
    const locOf = new Map<number, Map<number, number>>();
    /** Per kept service: day number of its last update (NaN when unknown). */
    const updatedDay = new Float64Array(services.length);
    const dayCache = new Map<string, number>();
    const dayOf = (iso: string): number => {
      let d = dayCache.get(iso);
      if (d === undefined) dayCache.set(iso, (d = dayNumber(iso)));
      return d;
    };
    for (const s of services) {
      if (!s.active) continue;
      if (!cfg.includeProOnly && s.visibility === 'PRO') continue;
      if (!Number.isFinite(s.lat) || !Number.isFinite(s.lon)) continue;
      // Same grouping as a `${lat},${lon}` string key (number keys compare as SameValueZero: 0 = -0).
      let byLon = locOf.get(s.lat);
      if (byLon === undefined) locOf.set(s.lat, (byLon = new Map()));
      let loc = byLon.get(s.lon);
      if (loc === undefined) {
        loc = this.locLat.length;
        byLon.set(s.lon, loc);
        this.locLat.push(s.lat);
        this.locLon.push(s.lon);
        this.locKeys.push(new Map());
      }
      const day = s.updatedAt ? dayNumber(s.updatedAt) : NaN;
      updatedDay[this.services.length] = day;
      this.services.push(this.serviceState(s, loc, day, dayOf));
    }
    return updatedDay;
  }

  private serviceState(s: ServiceInput, loc: number, day: number, dayOf: (iso: string) => number): ServiceState {
    let commune = s.communeCode != null ? (this.communeByCode.get(s.communeCode) ?? -1) : -1;
    if (commune < 0) commune = this.nearestCommune(s.lat, s.lon);
    const st: ServiceState = {
      input: s,
      commune,
      location: loc,
      cat: this.keyIndex.get(s.categoryId) ?? -1,
      theme: this.keyIndex.get(s.themeId) ?? -1,
      openToday: false,
      closed: s.closedPeriods.length ? parseClosedCached(s, dayOf) : [],
      completeness: completenessScoreOfDay(s.completeness, day, this.today, this.config.freshMonths),
    };
    st.openToday = isOpenOn(st.closed, this.today);
    if (st.openToday) {
      const m = this.locKeys[loc];
      if (st.cat >= 0) m.set(st.cat, (m.get(st.cat) ?? 0) + 1);
      if (st.theme >= 0 && st.theme !== st.cat) m.set(st.theme, (m.get(st.theme) ?? 0) + 1);
    }
    return st;
  }

  // Flat copy of locKeys (CSR): keys and open-service counts of each location, in map order.
  private lkStart = new Int32Array(1);
  private lkKey = new Int32Array(0);
  private lkCount = new Float64Array(0);

  private flattenLocKeys(): void {
    const nLoc = this.locLat.length;
    const lkStart = new Int32Array(nLoc + 1);
    for (let l = 0; l < nLoc; l++) lkStart[l + 1] = lkStart[l] + this.locKeys[l].size;
    const lkKey = new Int32Array(lkStart[nLoc]);
    const lkCount = new Float64Array(lkStart[nLoc]);
    for (let l = 0; l < nLoc; l++) {
      let j = lkStart[l];
      for (const [k, c] of this.locKeys[l]) {
        lkKey[j] = k;
        lkCount[j++] = c;
      }
    }
    this.lkStart = lkStart;
    this.lkKey = lkKey;
    this.lkCount = lkCount;
  }

  private buildKeyTrees(): void {
    const K = this.keys.length,
      nLoc = this.locLat.length;
    const lkStart = this.lkStart,
      lkKey = this.lkKey;
    const keyLocs: number[][] = Array.from({ length: K }, () => []);
    for (let l = 0; l < nLoc; l++) for (let j = lkStart[l]; j < lkStart[l + 1]; j++) keyLocs[lkKey[j]].push(l);
    for (let k = 0; k < K; k++) {
      const locs = keyLocs[k];
      this.keyTreeLoc.push(Int32Array.from(locs));
      this.keyTrees.push(
        locs.length
          ? new SphereIndex(
              locs.map((l) => this.locLat[l]),
              locs.map((l) => this.locLon[l]),
            )
          : null,
      );
    }
  }

  /** Incremental run: the locations within the adjacency radius of a target commune. */
  private markComputedLocations(cx: Float64Array, cy: Float64Array, cz: Float64Array): void {
    if (!this.locLat.length) return;
    const locTree = new SphereIndex(this.locLat, this.locLon);
    const r2 = metersToChord2(this.adjRadius);
    for (let i = 0; i < this.nCommunes; i++) {
      if (!this.target[i]) continue;
      const cnt = locTree.collectWithin(cx[i], cy[i], cz[i], r2);
      for (let j = 0; j < cnt; j++) this.locComputed[locTree.ids[locTree.foundPos[j]]] = 1;
    }
  }

  /**
   * Nearest distances. Great-circle metres are a non-decreasing function of the squared chord, so
   * the minimum over the catchment lists (taken in computeE2sfca) is exactly the nearest distance
   * whenever a location of the key lies within the adjacency radius (the lists hold every such
   * pair, with the same squared chords as a tree search). The other communes go by compact groups
   * (subtrees of the commune tree), which share one bounding search in the key's tree.
   */
  private computeNearest(cx: Float64Array, cy: Float64Array, cz: Float64Array): void {
    const runs = this.communeIndex.subtreeRuns(NN_GROUP);
    const members = new Int32Array(NN_GROUP + 1);
    for (let k = 0; k < this.keys.length; k++) {
      const tree = this.keyTrees[k];
      if (tree) nearestBeyond(tree, this.nearest[k]!, this.communeIndex.ids, runs, this.target, cx, cy, cz, members);
    }
  }

  /**
   * E2SFCA. Step 1 per location (the ratio, and the band of each pair of its list); step 2 per key
   * (key-major: the key's arrays stay in cache), over the key's locations in ascending order, so
   * each commune's index receives the same additions in the same order as a location-major pass.
   * The same pass takes the nearest distances within the adjacency radius (see computeNearest).
   */
  private computeE2sfca(pop: Float64Array): void {
    const nLoc = this.locLat.length,
      K = this.keys.length;
    const bands = this.config.bands;
    const bandMax = Float64Array.from(bands, (b) => b.maxMeters);
    const bandW = Float64Array.from(bands, (b) => b.weight);
    const catStart = this.catStart,
      catCommune = this.catCommune,
      catMeters = this.catMeters;
    // Band index of each pair; OUT when the pair is beyond the catchment or to a non-target commune.
    const band = new Int32Array(catCommune.length);
    for (let l = 0; l < nLoc; l++) {
      if (!this.locComputed[l]) continue;
      this.ratio[l] = e2sfcaRatio(
        catStart[l],
        catStart[l + 1],
        catCommune,
        catMeters,
        this.catchmentMeters,
        bandMax,
        bandW,
        pop,
        this.target,
        band,
      );
    }
    // Locations of each key with their open-service counts (ascending location).
    const lkStart = this.lkStart,
      lkKey = this.lkKey,
      lkCount = this.lkCount;
    const keyStart = new Int32Array(K + 1);
    for (let j = 0; j < lkKey.length; j++) keyStart[lkKey[j] + 1]++;
    for (let k = 0; k < K; k++) keyStart[k + 1] += keyStart[k];
    const next = keyStart.slice(0, K);
    const keyLoc = new Int32Array(lkKey.length),
      keyCount = new Float64Array(lkKey.length);
    for (let l = 0; l < nLoc; l++) {
      for (let j = lkStart[l]; j < lkStart[l + 1]; j++) {
        const q = next[lkKey[j]]++;
        keyLoc[q] = l;
        keyCount[q] = lkCount[j];
      }
    }
    for (let k = 0; k < K; k++) {
      const d = this.nearest[k],
        A = this.access[k],
        Rc = this.reach[k];
      if (!d || !A || !Rc) continue;
      for (let q = keyStart[k]; q < keyStart[k + 1]; q++) {
        const l = keyLoc[q];
        step2(d, A, Rc, keyCount[q], this.ratio[l], catStart[l], catStart[l + 1], catCommune, catMeters, band, bandW);
      }
    }
    // Need-weighted index: the same steps with demand = poor population (communes with a known rate).
    const poor = this.territories.commune.poor;
    const ratioPoor = new Float64Array(nLoc);
    for (let l = 0; l < nLoc; l++)
      if (this.locComputed[l])
        ratioPoor[l] = e2sfcaPoorRatio(catStart[l], catStart[l + 1], catCommune, catMeters, this.catchmentMeters, bandMax, bandW, poor);
    for (let k = 0; k < K; k++) {
      const Ap = this.accessPoor[k];
      if (!Ap) continue;
      for (let q = keyStart[k]; q < keyStart[k + 1]; q++) {
        const l = keyLoc[q];
        const c = keyCount[q] * ratioPoor[l] * 10_000;
        for (let p = catStart[l]; p < catStart[l + 1]; p++) {
          const j = band[p];
          if (j !== OUT) Ap[catCommune[p]] += c * bandW[j];
        }
      }
      for (let i = 0; i < Ap.length; i++) if (Number.isNaN(poor[i])) Ap[i] = NaN;
    }
    // Distinct higher-level territories reached (for demand pressure).
    const e = { catStart, catCommune, catMeters, catch2: this.catchmentMeters, lkStart, lkKey, lkCount };
    for (const lv of HIGHER) {
      const nt = this.territories[lv].codes.length;
      const stamp = new Int32Array(nt).fill(-1);
      for (let l = 0; l < nLoc; l++) {
        if (!this.locComputed[l] || lkStart[l] === lkStart[l + 1]) continue;
        reachTerritories(e, l, this.parent[lv], stamp, nt, this.agg[lv]);
      }
    }
  }

  private localStats(updatedDay: Float64Array): SparseTable {
    const services = this.services;
    const lt = new SparseTable(NLOC, Math.ceil(1.25 * services.length));
    const fresh = this.config.freshMonths;
    for (let s = 0; s < services.length; s++) {
      const st = services[s];
      const recent = monthsBetween(updatedDay[s], this.today) < fresh;
      addLocal(lt, st, st.cat, recent);
      if (st.theme !== st.cat) addLocal(lt, st, st.theme, recent);
    }
    return lt;
  }

  /**
   * Search rows: the searches are resolved in input order, listed per key (a category search also
   * under its theme when rolled up), then each key's rows are created in first-occurrence order
   * and summed in input order, with a dense commune → row scratch instead of a hash.
   */
  private searchStats(searches: readonly SearchAggregateInput[]): SparseRows {
    const K = this.keys.length,
      n = this.nCommunes,
      N = searches.length;
    const rollTo = new Int32Array(K).fill(-1);
    if (this.config.rollUpSearches) {
      for (let k = 0; k < K; k++) {
        if (this.keys[k].type !== 'category') continue;
        const th = this.keyIndex.get(this.categoryTheme[this.keys[k].id]);
        if (th !== undefined && th !== k) rollTo[k] = th;
      }
    }
    const qk = new Int32Array(N),
      qi = new Int32Array(N);
    const qc = new Float64Array(N),
      qz = new Float64Array(N);
    const perKey = new Int32Array(K + 1);
    let lastCode: string | null = null;
    let lastI: number | undefined = undefined;
    for (let j = 0; j < N; j++) {
      const q = searches[j];
      const code = q.communeCode;
      const i: number | undefined = code === lastCode ? lastI : this.communeByCode.get(code);
      lastCode = code;
      lastI = i;
      const k = this.keyIndex.get(q.key);
      if (i === undefined || k === undefined) {
        this.unknownSearchKeys.add(k === undefined ? q.key : `commune:${q.communeCode}`);
        qk[j] = -1;
        continue;
      }
      qk[j] = k;
      qi[j] = i;
      qc[j] = q.count;
      qz[j] = q.zeroResultCount;
      perKey[k + 1]++;
      if (rollTo[k] >= 0) perKey[rollTo[k] + 1]++;
    }
    for (let k = 0; k < K; k++) perKey[k + 1] += perKey[k];
    const next = perKey.slice(0, K);
    const list = new Int32Array(perKey[K]);
    for (let j = 0; j < N; j++) {
      const k = qk[j];
      if (k < 0) continue;
      list[next[k]++] = j;
      if (rollTo[k] >= 0) list[next[rollTo[k]]++] = j;
    }
    const rows = new SparseRows(2, perKey[K], n);
    const slot = new Int32Array(n).fill(-1);
    for (let k = 0; k < K; k++) searchRowsOfKey(rows, k, list, perKey[k], perKey[k + 1], qi, qc, qz, slot);
    return rows;
  }

  private addKey(k: KeyInfo): void {
    this.keyIndex.set(k.id, this.keys.length);
    this.keys.push(k);
  }

  /** Index of the commune whose centroid is nearest to (lat, lon). */
  nearestCommune(lat: number, lon: number): number {
    const [x, y, z] = toUnitVector(lat, lon);
    const pos = this.communeIndex.nearestPos(x, y, z);
    return pos < 0 ? -1 : this.communeIndex.ids[pos];
  }

  /**
   * Catchment lists of a full run, built from the communes' side: one radius search per commune
   * (ascending index) in a tree of the locations, then a stable counting sort by location, so each
   * list comes out sorted by commune index with no per-list sort. Same pairs and squared chords as
   * `buildCatchments` (the chord is symmetric; it is recomputed with the same operations, so the
   * pairs need no temporary distance buffer).
   */
  private buildCatchmentsByCommune(cx: Float64Array, cy: Float64Array, cz: Float64Array): void {
    const nLoc = this.locLat.length;
    const n = this.nCommunes;
    const start = new Int32Array(nLoc + 1);
    if (nLoc === 0) {
      this.catStart = start;
      this.catCommune = new Int32Array(0);
      this.catMeters = new Float64Array(0);
      return;
    }
    const tree = new SphereIndex(this.locLat, this.locLon);
    const ids = tree.ids;
    const lx = new Float64Array(nLoc),
      ly = new Float64Array(nLoc),
      lz = new Float64Array(nLoc);
    for (let p = 0; p < nLoc; p++) {
      const l = ids[p];
      lx[l] = tree.coord(p, 0);
      ly[l] = tree.coord(p, 1);
      lz[l] = tree.coord(p, 2);
    }
    const r2 = metersToChord2(this.adjRadius);
    let pl = new Int32Array(Math.max(1024, nLoc * 128));
    const comStart = new Int32Array(n + 1);
    const count = new Int32Array(nLoc);
    let len = 0;
    for (let i = 0; i < n; i++) {
      comStart[i] = len;
      const found = tree.collectWithin(cx[i], cy[i], cz[i], r2);
      if (len + found > pl.length) {
        let cap = pl.length;
        while (len + found > cap) cap *= 2;
        const nl = new Int32Array(cap);
        nl.set(pl);
        pl = nl;
      }
      const fp = tree.foundPos;
      for (let j = 0; j < found; j++) {
        const l = ids[fp[j]];
        pl[len++] = l;
        count[l]++;
      }
    }
    comStart[n] = len;
    for (let l = 0; l < nLoc; l++) start[l + 1] = start[l] + count[l];
    const next = start.slice(0, nLoc);
    const com = new Int32Array(len);
    const met = new Float64Array(len);
    for (let i = 0; i < n; i++) {
      const x = cx[i],
        y = cy[i],
        z = cz[i];
      for (let q = comStart[i]; q < comStart[i + 1]; q++) {
        const l = pl[q];
        const dst = next[l]++;
        const dx = lx[l] - x,
          dy = ly[l] - y,
          dz = lz[l] - z;
        com[dst] = i;
        met[dst] = chord2ToMeters(dx * dx + dy * dy + dz * dz);
      }
    }
    this.catStart = start;
    this.catCommune = com;
    this.catMeters = met;
  }

  private buildCatchments(): void {
    const nLoc = this.locLat.length;
    const r2 = metersToChord2(this.adjRadius);
    const start = new Int32Array(nLoc + 1);
    let cap = Math.max(1024, nLoc * 64);
    let com = new Int32Array(cap);
    let met = new Float64Array(cap);
    let len = 0;
    const tree = this.communeIndex;
    for (let l = 0; l < nLoc; l++) {
      start[l] = len;
      if (!this.locComputed[l]) continue;
      const [x, y, z] = toUnitVector(this.locLat[l], this.locLon[l]);
      const from = len;
      tree.within(x, y, z, r2, (pos, c2) => {
        if (len === cap) {
          cap *= 2;
          const nc = new Int32Array(cap);
          nc.set(com);
          com = nc;
          const nm = new Float64Array(cap);
          nm.set(met);
          met = nm;
        }
        com[len] = tree.ids[pos];
        met[len] = chord2ToMeters(c2);
        len++;
      });
      // Sort each list by commune index so sums do not depend on the tree layout.
      sortPairs(com, met, from, len);
    }
    start[nLoc] = len;
    this.catStart = start;
    this.catCommune = com.subarray(0, len);
    this.catMeters = met.subarray(0, len);
  }

  private computeSettlements(input: CoverageInput): void {
    const cfg = this.config;
    const themeKeys = cfg.settlementThemes.map((t) => this.keyIndex.get(t)).filter((k): k is number => k !== undefined);
    const sets = (input.settlements ?? []).filter((s) => s.open && Number.isFinite(s.lat) && Number.isFinite(s.lon));
    const kept: typeof sets = [];
    for (const s of sets) {
      let i = s.communeCode != null ? (this.communeByCode.get(s.communeCode) ?? -1) : -1;
      if (i < 0) i = this.nearestCommune(s.lat, s.lon);
      if (i < 0 || !this.target[i]) continue;
      kept.push(s);
      this.settlementCommune.push(i);
      this.settlementPop.push(s.population ?? 0);
      this.settlementLat.push(s.lat);
      this.settlementLon.push(s.lon);
    }
    for (const k of themeKeys) {
      const d = new Float64Array(kept.length).fill(Infinity);
      const tree = this.keyTrees[k];
      if (tree) {
        kept.forEach((s, j) => {
          const [x, y, z] = toUnitVector(s.lat, s.lon);
          tree.nearestPos(x, y, z);
          d[j] = chord2ToMeters(tree.lastChord2);
        });
      }
      this.settlementNearest.set(k, d);
    }
    const dept = this.territories.department;
    kept.forEach((s, j) => {
      const i = this.settlementCommune[j];
      this.settlementRows.push({
        id: s.id,
        communeCode: this.communeCodes[i],
        departmentCode: dept.codes[this.fullParent.department[i]],
        population: s.population,
        distances: themeKeys.map((k) => {
          const m = this.settlementNearest.get(k)![j];
          const thr = this.keys[k].thresholdMeters;
          return { themeId: this.keys[k].id, meters: Number.isFinite(m) ? m : null, thresholdMeters: thr, beyond: !(m <= thr) };
        }),
      });
    });
  }

  private aggregate(pop: Float64Array): void {
    this.aggregateSparse();
    const n = this.nCommunes;
    const K = this.keys.length;
    const target = this.target;
    const NL = HIGHER.length;
    const nts = HIGHER.map((lv) => this.territories[lv].codes.length);
    const pars = HIGHER.map((lv) => this.parent[lv]);
    const aggs = HIGHER.map((lv) => this.agg[lv]);
    const tps = HIGHER.map((lv) => this.territories[lv].population);
    const targets = targetList(target);
    const nT = targets.length;
    // Target-ordered copies: parents per level, population; per key P·d, P·A and P beyond.
    const parT = pars.map((par) => Int32Array.from(targets, (i) => par[i]));
    // Levels whose territories interleave in commune order (EPCI) add element-wise, others by runs.
    const byRuns = parT.map((par) => {
      let runs = 0;
      for (let o = 1; o < par.length; o++) if (par[o] !== par[o - 1]) runs++;
      return runs < par.length / 4;
    });
    const popT = Float64Array.from(targets, (i) => pop[i]);
    const pd = new Float64Array(nT),
      pa = new Float64Array(nT),
      pb = new Float64Array(nT);
    const cums = nts.map((nt) => new Float64Array(nt));
    const dones = nts.map((nt) => new Uint8Array(nt));
    const sortBuf = new ArgsortBuffers(targets.length);
    // Every territory receives its additions in the same order as one pass per level over the
    // communes (ascending index): identical sums.
    for (let k = 0; k < K; k++) {
      const kb = k * NCOL;
      const thr = this.keys[k].thresholdMeters;
      const d = this.nearest[k];
      // Population-weighted median: the distance at which the cumulated population (communes in
      // increasing distance order) first reaches half of the territory's population. One sort of
      // the communes by distance per key serves the medians of every level.
      const sorted = d ? ((n < 65_536 ? argsortCentimetres(d, targets, sortBuf) : null) ?? argsortFinite(d, target)) : null;
      if (d) denseTerms(targets, popT, d, this.access[k]!, thr, pd, pa, pb);
      for (let v = 0; v < NL; v++) {
        const par = pars[v],
          agg = aggs[v],
          nt = nts[v];
        const cBeyond = (kb + C.beyond) * nt;
        if (d)
          (byRuns[v] ? aggregateDense : aggregateDenseScattered)(
            agg,
            parT[v],
            pd,
            pb,
            pa,
            (kb + C.distSum) * nt,
            cBeyond,
            (kb + C.accSum) * nt,
          );
        else aggregateBeyond(agg, parT[v], popT, cBeyond);
        const cMed = (kb + C.median) * nt;
        agg.fill(NaN, cMed, cMed + nt);
        if (sorted) aggregateMedian(agg, par, sorted, pop, d!, tps[v], cums[v], dones[v], cMed);
        const sd = this.settlementNearest.get(k);
        if (sd) this.aggregateSettlements(agg, par, sd, thr, (kb + C.sites) * nt, (kb + C.sitesBeyond) * nt, (kb + C.residentsBeyond) * nt);
        aggregatePoor(
          agg,
          par,
          targets,
          this.territories.commune.poor,
          this.accessPoor[k],
          (kb + C.accPoorSum) * nt,
          (kb + C.poorKnown) * nt,
        );
      }
    }
  }

  private aggregateSettlements(
    agg: Float64Array,
    par: Int32Array,
    sd: Float64Array,
    thr: number,
    cSites: number,
    cSB: number,
    cRB: number,
  ): void {
    for (let j = 0; j < sd.length; j++) {
      const t = par[this.settlementCommune[j]];
      if (t < 0) continue;
      agg[cSites + t]++;
      if (!(sd[j] <= thr)) {
        agg[cSB + t]++;
        agg[cRB + t] += this.settlementPop[j];
      }
    }
  }

  /**
   * Sparse parts of the aggregates: each territory × key receives its rows in insertion order,
   * the order of the per-key maps (identical sums).
   */
  private aggregateSparse(): void {
    this.addSparseRows(this.localTable, LOCAL_TO_C);
    this.aggregateSearches();
  }

  /** Search columns of the aggregates (added to what they hold; zero after construction of `agg`). */
  private aggregateSearches(): void {
    this.addSparseRows(this.searchTable, SEARCH_TO_C);
  }

  /** Adds every row of a sparse table (value j → aggregate column cols[j]) to the higher territories of its commune. */
  private addSparseRows(tb: { size: number; keys: Int32Array; communes: Int32Array; values: Float64Array }, cols: readonly number[]): void {
    const target = this.target;
    const NL = HIGHER.length,
      W = cols.length;
    const nts = HIGHER.map((lv) => this.territories[lv].codes.length);
    const pars = HIGHER.map((lv) => this.parent[lv]);
    const aggs = HIGHER.map((lv) => this.agg[lv]);
    const tk = tb.keys,
      tc = tb.communes,
      tv = tb.values;
    for (let r = 0; r < tb.size; r++) {
      const i = tc[r];
      if (!target[i]) continue;
      const kb = tk[r] * NCOL;
      for (let v = 0; v < NL; v++) {
        const t = pars[v][i];
        if (t < 0) continue;
        const agg = aggs[v],
          nt = nts[v];
        for (let j = 0; j < W; j++) agg[(kb + cols[j]) * nt + t] += tv[r * W + j];
      }
    }
  }

  /** Commune-level values of one key, read from the dense arrays and sparse tables. */
  private communeValues(k: number, i: number): Float64Array {
    const v = new Float64Array(NCOL);
    const d = this.nearest[k];
    const P = this.territories.commune.population[i];
    if (d) {
      v[C.distSum] = P * d[i];
      v[C.median] = d[i];
      v[C.accSum] = P * this.access[k]![i];
      v[C.reach] = this.reach[k]![i];
      if (d[i] > this.keys[k].thresholdMeters) v[C.beyond] = P;
      const poor = this.territories.commune.poor[i];
      if (!Number.isNaN(poor)) {
        v[C.accPoorSum] = poor * this.accessPoor[k]![i];
        v[C.poorKnown] = poor;
      }
    } else {
      v[C.median] = NaN;
      v[C.beyond] = P;
      const poor = this.territories.commune.poor[i];
      if (!Number.isNaN(poor)) v[C.poorKnown] = poor;
    }
    const lr = this.localTable.find(k, i);
    if (lr >= 0) for (let j = 0; j < NLOC; j++) v[LOCAL_TO_C[j]] = this.localTable.values[lr * NLOC + j];
    const qr = this.searchTable.find(k, i);
    if (qr >= 0) {
      v[C.searches] = this.searchTable.values[2 * qr];
      v[C.zero] = this.searchTable.values[2 * qr + 1];
    }
    const sd = this.settlementNearest.get(k);
    if (sd) {
      for (const j of this.settlementsByCommune().get(i) ?? []) {
        v[C.sites]++;
        if (!(sd[j] <= this.keys[k].thresholdMeters)) {
          v[C.sitesBeyond]++;
          v[C.residentsBeyond] += this.settlementPop[j];
        }
      }
    }
    return v;
  }

  private settlementIndex: Map<number, number[]> | null = null;
  private settlementsByCommune(): Map<number, number[]> {
    if (!this.settlementIndex) {
      this.settlementIndex = new Map();
      this.settlementCommune.forEach((i, j) => {
        const l = this.settlementIndex!.get(i);
        if (l) l.push(j);
        else this.settlementIndex!.set(i, [j]);
      });
    }
    return this.settlementIndex;
  }

  /** Whether territory t of level is fully computed in this run (always, except incremental runs). */
  isComputed(level: Level, t: number): boolean {
    const tt = this.territories[level];
    return tt.computed[t] === tt.communes[t];
  }

  /** The row of one territory × key. */
  row(level: Level, t: number, k: number): CoverageRow {
    const tt = this.territories[level];
    const key = this.keys[k];
    const P = tt.population[t];
    const poor = tt.poor[t];
    const nt = tt.codes.length;
    const cv = level === 'commune' ? this.communeValues(k, t) : null;
    const agg = this.agg[level];
    const g = cv ? (c: number) => cv[c] : (c: number) => agg[(k * NCOL + c) * nt + t];
    const hasSupply = this.nearest[k] !== null;
    const services = g(C.services);
    const searches = g(C.searches);
    const zero = g(C.zero);
    const reach = g(C.reach);
    const active = g(C.active);
    const per = (x: number, base: number) => (base > 0 ? (x / base) * 10_000 : null);
    const med = g(C.median);
    return {
      level,
      code: tt.codes[t],
      key: key.id,
      keyType: key.type,
      population: P,
      poorPopulation: Number.isNaN(poor) ? null : poor,
      services,
      servicesPer10k: per(services, P),
      servicesPer10kPoor: Number.isNaN(poor) ? null : per(services, poor),
      nearestMeters: !hasSupply ? null : level === 'commune' ? this.nearest[k]![t] : P > 0 ? g(C.distSum) / P : null,
      medianNearestMeters: hasSupply && !Number.isNaN(med) ? med : null,
      thresholdMeters: key.thresholdMeters,
      populationBeyond: g(C.beyond),
      shareBeyond: P > 0 ? g(C.beyond) / P : null,
      accessibility: level === 'commune' ? (hasSupply ? this.access[k]![t] : 0) : P > 0 ? (hasSupply ? g(C.accSum) / P : 0) : null,
      accessibilityPoor:
        level === 'commune'
          ? Number.isNaN(poor)
            ? null
            : hasSupply
              ? this.accessPoor[k]![t]
              : 0
          : g(C.poorKnown) > 0
            ? hasSupply
              ? g(C.accPoorSum) / g(C.poorKnown)
              : 0
            : null,
      reachable: reach,
      searches,
      zeroResults: zero,
      searchesPer10k: per(searches, P),
      zeroResultRate: searches > 0 ? zero / searches : null,
      demandPressure: searches > 0 && reach > 0 ? searches / reach : null,
      settlementSites: g(C.sites),
      settlementSitesBeyond: g(C.sitesBeyond),
      settlementResidentsBeyond: g(C.residentsBeyond),
      activeServices: active,
      updatedRecently: g(C.recent),
      shareUpdatedRecently: active > 0 ? g(C.recent) / active : null,
      campaignToDo: g(C.todo),
      campaignStarted: g(C.started),
      campaignFinished: g(C.finished),
      meanCompleteness: active > 0 ? g(C.complSum) / active : null,
      covered: tt.covered[t] === 1,
      totalPopulation: tt.totalPopulation[t],
      coveredShare: tt.coveredShare[t],
      coveredDepartments: tt.coveredDepartments[t],
      departments: tt.departments[t],
    };
  }

  /**
   * Rows of the snapshot, lazily (4.7 M commune rows nationally if every key is asked: filter!).
   * Only fully computed territories are produced. `skipEmpty` (default true) drops commune rows of
   * keys without any open service, search or local service in that commune.
   */
  *rows(opts: { levels?: readonly Level[]; keys?: readonly string[]; skipEmpty?: boolean } = {}): Generator<CoverageRow> {
    const levels = opts.levels ?? LEVELS;
    const ks = opts.keys
      ? opts.keys.map((id) => this.keyIndex.get(id)).filter((k): k is number => k !== undefined)
      : this.keys.map((_, k) => k);
    const skipEmpty = opts.skipEmpty ?? true;
    for (const level of levels) {
      const nt = this.territories[level].codes.length;
      for (const k of ks) {
        const empty = skipEmpty && this.nearest[k] === null;
        for (let t = 0; t < nt; t++) {
          if (!this.isComputed(level, t)) continue;
          if (empty && level === 'commune' && this.searchTable.find(k, t) < 0 && this.localTable.find(k, t) < 0) continue;
          yield this.row(level, t, k);
        }
      }
    }
  }

  /** Access of every open settlement (computed territories only) to the settlement themes. */
  settlementAccess(): SettlementAccessRow[] {
    return this.settlementRows;
  }

  /** Completeness per place (mean of its active services' scores). */
  placeQuality(): PlaceQualityRow[] {
    const byPlace = new Map<string, ServiceState[]>();
    for (const st of this.services) {
      if (!this.target[st.commune]) continue;
      const id = st.input.placeId ?? st.input.id;
      const list = byPlace.get(id);
      if (list) list.push(st);
      else byPlace.set(id, [st]);
    }
    const out: PlaceQualityRow[] = [];
    for (const [placeId, list] of byPlace) {
      const crit = { address: 0, hours: 0, contact: 0, publics: 0, description: 0, freshness: 0 };
      let score = 0;
      for (const st of list) {
        const c = completenessCriteria(st.input.completeness, st.input.updatedAt, this.today, this.config.freshMonths);
        for (const name of Object.keys(crit) as (keyof typeof crit)[]) crit[name] += c[name] / list.length;
        score += st.completeness / list.length;
      }
      out.push({
        placeId,
        communeCode: this.communeCodes[list[0].commune],
        services: list.length,
        score: Math.round(score * 10) / 10,
        criteria: crit,
      });
    }
    return out;
  }

  /** Great-circle metres from commune i to the nearest open service of key k (NaN if not computed). */
  nearestMeters(k: number, i: number): number {
    const d = this.nearest[k];
    return d ? d[i] : Infinity;
  }
}

/** Whether an active service is open on a day (not inside one of its closed periods). */
export function isOpenOn(closed: readonly number[], day: number): boolean {
  for (let j = 0; j < closed.length; j += 2) if (day >= closed[j] && day <= closed[j + 1]) return false;
  return true;
}

/** Closed periods of a service as day-number pairs; unparsable periods are ignored. */
export function parseClosed(s: ServiceInput): number[] {
  const out: number[] = [];
  for (const p of s.closedPeriods) {
    const a = dayNumber(p.start);
    const b = p.end ? dayNumber(p.end) : Infinity;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    out.push(a, b);
  }
  return out;
}

/** Sorts pairs (com, met) in [from, to) by commune index (insertion sort on small lists, else native). */
function sortPairs(com: Int32Array, met: Float64Array, from: number, to: number): void {
  const len = to - from;
  if (len < 2) return;
  if (len <= 48) {
    for (let a = from + 1; a < to; a++) {
      const c = com[a],
        m = met[a];
      let b = a - 1;
      while (b >= from && com[b] > c) {
        com[b + 1] = com[b];
        met[b + 1] = met[b];
        b--;
      }
      com[b + 1] = c;
      met[b + 1] = m;
    }
    return;
  }
  const idx = Array.from({ length: len }, (_, j) => from + j).sort((x, y) => com[x] - com[y]);
  const c2 = idx.map((j) => com[j]);
  const m2 = idx.map((j) => met[j]);
  for (let j = 0; j < len; j++) {
    com[from + j] = c2[j];
    met[from + j] = m2[j];
  }
}

/** Indices of target entries sorted by value (ties by index). */
function argsortFinite(d: Float64Array, target: Uint8Array): Uint32Array {
  const n = d.length;
  if (n < 65_536) {
    // Pack (centimetres, index) into one float64 and use the native numeric sort.
    const keys = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) if (target[i]) keys[m++] = Math.round(d[i] * 100) * 65_536 + i;
    const sorted = keys.subarray(0, m).sort();
    const out = new Uint32Array(m);
    for (let j = 0; j < m; j++) out[j] = sorted[j] % 65_536;
    return out;
  }
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (target[i]) idx.push(i);
  idx.sort((a, b) => d[a] - d[b] || a - b);
  return Uint32Array.from(idx);
}

/** Phase names of `timings`, in their historical order. */
const PHASES = ['setup', 'keys', 'services', 'keyTrees', 'nearest', 'catchments', 'e2sfca', 'localAndSearches', 'settlements', 'aggregate'];

function targetCommunes(communes: readonly CommuneInput[], deptSet: Set<string> | null): Uint8Array {
  const n = communes.length;
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) target[i] = !deptSet || deptSet.has(communes[i].departmentCode) ? 1 : 0;
  return target;
}

function codeAt(c: CommuneInput, level: Level): string | null {
  switch (level) {
    case 'commune':
      return c.code;
    case 'epci':
      return c.epciCode || null;
    case 'department':
      return c.departmentCode;
    case 'region':
      return c.regionCode;
    default:
      return 'FR';
  }
}

/** Territory codes of a level (first-seen order), their index and the commune → territory index (-1: none). */
function parentsAt(communes: readonly CommuneInput[], level: Level): { par: Int32Array; codes: string[]; index: Map<string, number> } {
  const n = communes.length;
  const codes: string[] = [];
  const index = new Map<string, number>();
  const par = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = codeAt(communes[i], level);
    if (code === null) {
      par[i] = -1;
      continue;
    }
    let t = index.get(code);
    if (t === undefined) {
      t = codes.length;
      codes.push(code);
      index.set(code, t);
    }
    par[i] = t;
  }
  return { par, codes, index };
}

/**
 * The aggregation parents under directory coverage: a commune that is not covered leaves its territory when the
 * territory has covered communes (the territory is computed over its covered part); a territory without any covered
 * commune keeps all of them (computed as before, marked uncovered).
 */
function coveredParents(full: Int32Array, covered: Uint8Array, nt: number): Int32Array {
  const n = full.length;
  const some = new Uint8Array(nt);
  let all = true;
  for (let i = 0; i < n; i++) {
    if (covered[i] && full[i] >= 0) some[full[i]] = 1;
    if (!covered[i]) all = false;
  }
  if (all) return full;
  const par = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = full[i];
    par[i] = t >= 0 && !covered[i] && some[t] ? -1 : t;
  }
  return par;
}

function territoryTable(
  communes: readonly CommuneInput[],
  level: Level,
  codes: string[],
  index: Map<string, number>,
  par: Int32Array,
  target: Uint8Array,
  full: Int32Array,
  covered: Uint8Array,
  deptOf: Int32Array,
): TerritoryTable {
  const n = communes.length;
  const nt = codes.length;
  const totalPopulation = new Float64Array(nt);
  const coveredPopulation = new Float64Array(nt);
  const isCovered = new Uint8Array(nt);
  const departments = new Int32Array(nt);
  const coveredDepartments = new Int32Array(nt);
  const seen = new Set<number>();
  const seenCovered = new Set<number>();
  let nd = 1;
  for (let i = 0; i < n; i++) if (deptOf[i] >= nd) nd = deptOf[i] + 1;
  for (let i = 0; i < n; i++) {
    const t = full[i];
    if (t < 0) continue;
    totalPopulation[t] += communes[i].population;
    const pair = t * nd + deptOf[i];
    if (!seen.has(pair)) {
      seen.add(pair);
      departments[t]++;
    }
    if (covered[i]) {
      isCovered[t] = 1;
      coveredPopulation[t] += communes[i].population;
      if (!seenCovered.has(pair)) {
        seenCovered.add(pair);
        coveredDepartments[t]++;
      }
    }
  }
  const coveredShare = new Float64Array(nt);
  for (let t = 0; t < nt; t++) coveredShare[t] = totalPopulation[t] > 0 ? coveredPopulation[t] / totalPopulation[t] : isCovered[t] ? 1 : 0;
  const population = new Float64Array(nt);
  const knownPoor = new Float64Array(nt);
  const knownPop = new Float64Array(nt);
  const cnt = new Int32Array(nt);
  const computed = new Int32Array(nt);
  for (let i = 0; i < n; i++) {
    const t = par[i];
    if (t < 0) continue;
    const c = communes[i];
    population[t] += c.population;
    cnt[t]++;
    computed[t] += target[i];
    const poor = c.poorPopulation ?? (c.povertyRate != null ? (c.povertyRate / 100) * c.population : null);
    if (poor != null && Number.isFinite(poor)) {
      knownPoor[t] += poor;
      knownPop[t] += c.population;
    }
  }
  const poor = new Float64Array(nt);
  for (let t = 0; t < nt; t++) {
    // Exact sum when every commune has the indicator, else the known poverty rate applied to the
    // whole population; NaN when no commune has it.
    poor[t] = knownPop[t] <= 0 ? NaN : knownPop[t] === population[t] ? knownPoor[t] : (knownPoor[t] / knownPop[t]) * population[t];
  }
  return {
    level,
    codes,
    index,
    population,
    poor,
    communes: cnt,
    computed,
    totalPopulation,
    covered: isCovered,
    coveredShare,
    coveredDepartments,
    departments,
  };
}

/** Category → theme: the configured map, completed from the services. */
function categoryThemeOf(cfg: CoverageConfig, services: readonly ServiceInput[]): Record<string, string> {
  const categoryTheme: Record<string, string> = { ...(cfg.categoryTheme ?? {}) };
  for (const s of services) if (!(s.categoryId in categoryTheme)) categoryTheme[s.categoryId] = s.themeId;
  return categoryTheme;
}

/** Keys seen only in searches (when categories or themes are not configured). */
function addSearchedKeys(
  cfg: CoverageConfig,
  searches: readonly SearchAggregateInput[],
  categoryTheme: Record<string, string>,
  catIds: string[],
  themeIds: string[],
): void {
  const known = new Set([...catIds, ...themeIds]);
  for (const q of searches) {
    if (known.has(q.key)) continue;
    if (!cfg.categories && q.key in categoryTheme) {
      catIds.push(q.key);
      known.add(q.key);
    } else if (!cfg.themes && Object.values(categoryTheme).includes(q.key)) {
      themeIds.push(q.key);
      known.add(q.key);
    }
  }
}

function unitVectors(lat: Float64Array, lon: Float64Array): [Float64Array, Float64Array, Float64Array] {
  const n = lat.length;
  const x = new Float64Array(n),
    y = new Float64Array(n),
    z = new Float64Array(n);
  for (let i = 0; i < n; i++) [x[i], y[i], z[i]] = toUnitVector(lat[i], lon[i]);
  return [x, y, z];
}

/**
 * Nearest distances of the target communes left at Infinity by the catchment lists (NaN for the
 * other communes), by groups of commune tree positions sharing one bounding search.
 */
function nearestBeyond(
  tree: SphereIndex,
  d: Float64Array,
  order: Int32Array,
  runs: Int32Array,
  target: Uint8Array,
  cx: Float64Array,
  cy: Float64Array,
  cz: Float64Array,
  members: Int32Array,
): void {
  for (let r = 0; r + 1 < runs.length; r++) {
    let cnt = 0;
    for (let o = runs[r], o1 = runs[r + 1]; o < o1; o++) {
      const i = order[o];
      if (!target[i]) d[i] = NaN;
      else if (d[i] === Infinity) members[cnt++] = i;
    }
    if (cnt === 0) continue;
    if (cnt === 1) {
      const i = members[0];
      tree.nearestPos(cx[i], cy[i], cz[i]);
      d[i] = tree.lastChord2;
    } else tree.nearestChord2Group(cx, cy, cz, members, cnt, d);
    for (let j = 0; j < cnt; j++) d[members[j]] = chord2ToMeters(d[members[j]]);
  }
}

/** Band index of pairs that do not count in step 2. */
const OUT = -1;

/** E2SFCA step 1 of one location: 1 / Σ P·W over its list [a, b); records each pair's band. */
function e2sfcaRatio(
  a: number,
  b: number,
  catCommune: Int32Array,
  catMeters: Float64Array,
  catch2: number,
  bandMax: Float64Array,
  bandW: Float64Array,
  pop: Float64Array,
  target: Uint8Array,
  band: Int32Array,
): number {
  const nb = bandMax.length;
  let denom = 0;
  for (let p = a; p < b; p++) {
    const m = catMeters[p];
    band[p] = OUT;
    if (!(m <= catch2)) continue;
    // bandWeight: the first band holding m (one exists: m ≤ the last band's maxMeters).
    let j = 0;
    while (j < nb - 1 && !(m <= bandMax[j])) j++;
    const i = catCommune[p];
    denom += pop[i] * bandW[j];
    if (target[i]) band[p] = j;
  }
  return denom > 0 ? 1 / denom : 0;
}

/** Need-weighted step 1 of one location: 1 / Σ poor·W over its list [a, b) (communes with a known rate). */
function e2sfcaPoorRatio(
  a: number,
  b: number,
  catCommune: Int32Array,
  catMeters: Float64Array,
  catch2: number,
  bandMax: Float64Array,
  bandW: Float64Array,
  poor: Float64Array,
): number {
  const nb = bandMax.length;
  let denom = 0;
  for (let p = a; p < b; p++) {
    const m = catMeters[p];
    if (!(m <= catch2)) continue;
    const x = poor[catCommune[p]];
    if (!(x > 0)) continue;
    let j = 0;
    while (j < nb - 1 && !(m <= bandMax[j])) j++;
    denom += x * bandW[j];
  }
  return denom > 0 ? 1 / denom : 0;
}

/** Σ poor·A' and Σ poor of the target communes with a known poverty rate, into their territories (par). */
function aggregatePoor(
  agg: Float64Array,
  par: Int32Array,
  targets: Int32Array,
  poor: Float64Array,
  Ap: Float64Array | null,
  cSum: number,
  cKnown: number,
): void {
  for (let o = 0; o < targets.length; o++) {
    const i = targets[o];
    const t = par[i];
    const x = poor[i];
    if (t < 0 || Number.isNaN(x)) continue;
    if (Ap) agg[cSum + t] += x * Ap[i];
    agg[cKnown + t] += x;
  }
}

/** One key at one location: d[i] = min(d[i], metres) over the list, step-2 terms c·R·W·10⁴ on the pairs that count. */
function step2(
  d: Float64Array,
  A: Float64Array,
  Rc: Int32Array,
  c: number,
  R: number,
  a: number,
  b: number,
  catCommune: Int32Array,
  catMeters: Float64Array,
  band: Int32Array,
  bandW: Float64Array,
): void {
  for (let p = a; p < b; p++) {
    const i = catCommune[p];
    const m = catMeters[p];
    if (m < d[i]) d[i] = m;
    const j = band[p];
    if (j === OUT) continue;
    A[i] += c * (R * bandW[j] * 10_000);
    Rc[i] += c;
  }
}

interface ReachContext {
  catStart: Int32Array;
  catCommune: Int32Array;
  catMeters: Float64Array;
  catch2: number;
  lkStart: Int32Array;
  lkKey: Int32Array;
  lkCount: Float64Array;
}

/** Adds the location's open services to the reachable count of each distinct territory of its catchment. */
function reachTerritories(e: ReachContext, l: number, par: Int32Array, stamp: Int32Array, nt: number, agg: Float64Array): void {
  const a = e.catStart[l],
    b = e.catStart[l + 1],
    k0 = e.lkStart[l],
    k1 = e.lkStart[l + 1];
  const { catCommune, catMeters, catch2, lkKey, lkCount } = e;
  for (let p = a; p < b; p++) {
    if (catMeters[p] > catch2) continue;
    const t = par[catCommune[p]];
    if (t < 0 || stamp[t] === l) continue;
    stamp[t] = l;
    for (let j = k0; j < k1; j++) agg[(lkKey[j] * NCOL + C.reach) * nt + t] += lkCount[j];
  }
}

function addLocal(lt: SparseTable, st: ServiceState, k: number, recent: boolean): void {
  if (k < 0) return;
  const o = lt.row(k, st.commune) * NLOC;
  const v = lt.values;
  const status = st.input.campaignStatus;
  if (st.openToday) v[o + L.open]++;
  v[o + L.active]++;
  if (recent) v[o + L.recent]++;
  if (status === 'TO_DO') v[o + L.todo]++;
  else if (status === 'STARTED') v[o + L.started]++;
  else if (status === 'FINISHED') v[o + L.finished]++;
  v[o + L.complSum] += st.completeness;
}

/** Rows of key k from its searches list[a, b) (input order); slot: commune → row scratch, all -1. */
function searchRowsOfKey(
  rows: SparseRows,
  k: number,
  list: Int32Array,
  a: number,
  b: number,
  qi: Int32Array,
  qc: Float64Array,
  qz: Float64Array,
  slot: Int32Array,
): void {
  const first = rows.size;
  const v = rows.values;
  for (let p = a; p < b; p++) {
    const j = list[p];
    const i = qi[j];
    const r = slot[i];
    if (r < 0) {
      const nr = rows.append(k, i);
      slot[i] = nr;
      v[2 * nr] = qc[j];
      v[2 * nr + 1] = qz[j];
    } else {
      v[2 * r] += qc[j];
      v[2 * r + 1] += qz[j];
    }
  }
  for (let r = first; r < rows.size; r++) slot[rows.communes[r]] = -1;
}

function targetList(target: Uint8Array): Int32Array {
  let m = 0;
  for (let i = 0; i < target.length; i++) m += target[i];
  const out = new Int32Array(m);
  for (let i = 0, o = 0; i < target.length; i++) if (target[i]) out[o++] = i;
  return out;
}

/** Per target commune: P·d, P·A, and P when beyond the threshold (else 0, which adds nothing). */
function denseTerms(
  targets: Int32Array,
  popT: Float64Array,
  d: Float64Array,
  a: Float64Array,
  thr: number,
  pd: Float64Array,
  pa: Float64Array,
  pb: Float64Array,
): void {
  for (let o = 0; o < targets.length; o++) {
    const i = targets[o];
    const p = popT[o],
      di = d[i];
    pd[o] = p * di;
    pa[o] = p * a[i];
    pb[o] = di > thr ? p : 0;
  }
}

/**
 * Σ P·d, population beyond the threshold and Σ P·A of the target communes (ascending index), per
 * territory. Runs of communes of the same territory (the usual case: codes are grouped) sum in
 * registers, in the same order as element-wise additions: identical values. Adding the 0 of a
 * commune within the threshold leaves the (never negative-zero) sum unchanged.
 */
function aggregateDense(
  agg: Float64Array,
  parT: Int32Array,
  pd: Float64Array,
  pb: Float64Array,
  pa: Float64Array,
  cDist: number,
  cBeyond: number,
  cAcc: number,
): void {
  let cur = -1,
    sD = 0,
    sB = 0,
    sA = 0;
  for (let o = 0; o < parT.length; o++) {
    const t = parT[o];
    if (t < 0) continue;
    if (t !== cur) {
      if (cur >= 0) {
        agg[cDist + cur] = sD;
        agg[cBeyond + cur] = sB;
        agg[cAcc + cur] = sA;
      }
      cur = t;
      sD = agg[cDist + t];
      sB = agg[cBeyond + t];
      sA = agg[cAcc + t];
    }
    sD += pd[o];
    sB += pb[o];
    sA += pa[o];
  }
  if (cur >= 0) {
    agg[cDist + cur] = sD;
    agg[cBeyond + cur] = sB;
    agg[cAcc + cur] = sA;
  }
}

/** aggregateDense for levels whose territories interleave (short runs): plain element-wise additions. */
function aggregateDenseScattered(
  agg: Float64Array,
  parT: Int32Array,
  pd: Float64Array,
  pb: Float64Array,
  pa: Float64Array,
  cDist: number,
  cBeyond: number,
  cAcc: number,
): void {
  for (let o = 0; o < parT.length; o++) {
    const t = parT[o];
    if (t < 0) continue;
    agg[cDist + t] += pd[o];
    agg[cBeyond + t] += pb[o];
    agg[cAcc + t] += pa[o];
  }
}

/** Without any open service of the key, the whole population is beyond the threshold. */
function aggregateBeyond(agg: Float64Array, parT: Int32Array, popT: Float64Array, cBeyond: number): void {
  let cur = -1,
    sB = 0;
  for (let o = 0; o < parT.length; o++) {
    const t = parT[o];
    if (t < 0) continue;
    if (t !== cur) {
      if (cur >= 0) agg[cBeyond + cur] = sB;
      cur = t;
      sB = agg[cBeyond + t];
    }
    sB += popT[o];
  }
  if (cur >= 0) agg[cBeyond + cur] = sB;
}

/** Population-weighted medians of one level (cum, done: scratch of the level's size). */
function aggregateMedian(
  agg: Float64Array,
  par: Int32Array,
  sorted: ArrayLike<number>,
  pop: Float64Array,
  d: Float64Array,
  tp: Float64Array,
  cum: Float64Array,
  done: Uint8Array,
  cMed: number,
): void {
  cum.fill(0);
  done.fill(0);
  let left = cum.length;
  for (let o = 0; o < sorted.length; o++) {
    const i = sorted[o];
    const t = par[i];
    if (t < 0 || done[t]) continue;
    const c = (cum[t] += pop[i]);
    if (c >= tp[t] / 2 && c > 0) {
      agg[cMed + t] = d[i];
      done[t] = 1;
      if (--left === 0) break;
    }
  }
}

/** Closed periods as parseClosed, with a day-number cache for the repeated period bounds. */
function parseClosedCached(s: ServiceInput, dayOf: (iso: string) => number): number[] {
  const out: number[] = [];
  for (const p of s.closedPeriods) {
    const a = dayOf(p.start);
    const b = p.end ? dayOf(p.end) : Infinity;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    out.push(a, b);
  }
  return out;
}

/** Scratch arrays of argsortCentimetres. */
class ArgsortBuffers {
  readonly cm: Uint32Array;
  readonly cm2: Uint32Array;
  readonly idx: Int32Array;
  readonly idx2: Int32Array;
  readonly counts = new Int32Array(3 * 2048);
  constructor(m: number) {
    this.cm = new Uint32Array(m);
    this.cm2 = new Uint32Array(m);
    this.idx = new Int32Array(m);
    this.idx2 = new Int32Array(m);
  }
}

/**
 * Target communes (ascending `targets`) sorted by (Math.round(d · 100), index): the order of
 * argsortFinite for fewer than 65,536 communes, by a stable LSD radix sort on the whole centimetres
 * (< 2³² on Earth: at most π·R ≈ 2.0·10⁹ cm) instead of a comparison sort. The returned array is a
 * view of the buffers (valid until the next call); null when a value does not fit.
 */
function argsortCentimetres(d: Float64Array, targets: Int32Array, buf: ArgsortBuffers): Int32Array | null {
  const m = targets.length;
  let cm = buf.cm,
    cm2 = buf.cm2,
    idx = buf.idx,
    idx2 = buf.idx2;
  const counts = buf.counts;
  counts.fill(0);
  for (let o = 0; o < m; o++) {
    const i = targets[o];
    const x = Math.round(d[i] * 100);
    if (!(x >= 0 && x <= 0xffffffff)) return null; // not a distance on Earth: the generic sort
    const c = x >>> 0;
    cm[o] = c;
    idx[o] = i;
    counts[c & 2047]++;
    counts[2048 + ((c >>> 11) & 2047)]++;
    counts[4096 + (c >>> 22)]++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * 2048,
      shift = pass * 11;
    // Skip a pass whose digit is the same for every entry (the order is kept as is).
    if (m === 0 || counts[base + ((cm[0] >>> shift) & 2047)] === m) continue;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[base + b];
      counts[base + b] = sum;
      sum += c;
    }
    for (let o = 0; o < m; o++) {
      const c = cm[o];
      const dst = counts[base + ((c >>> shift) & 2047)]++;
      cm2[dst] = c;
      idx2[dst] = idx[o];
    }
    [cm, cm2] = [cm2, cm];
    [idx, idx2] = [idx2, idx];
  }
  return idx;
}

export function computeCoverage(input: CoverageInput, options: ComputeOptions = {}): CoverageModel {
  return new CoverageModel(canonicalOrder(input), options);
}

/**
 * The input with services, communes and settlements in one canonical order (by id / code, see `idOrder`), so
 * that the figures do not depend on the order the rows were read in: floating-point sums (E2SFCA, poor
 * population…) add in that order, and the same data read twice without ORDER BY would otherwise differ in the
 * last bit. Arrays already in that order (Vigie's reads ask Postgres for it) are kept as they are: one pass.
 * Searches only enter integer sums, their order does not matter.
 */
function canonicalOrder(input: CoverageInput): CoverageInput {
  const services = inIdOrder(input.services, (s) => s.id);
  const communes = inIdOrder(input.communes, (c) => c.code);
  const settlements = input.settlements && inIdOrder(input.settlements, (s) => s.id);
  return services === input.services && communes === input.communes && settlements === input.settlements
    ? input
    : { ...input, services, communes, settlements };
}

/** Shorter first, then by UTF-16 code units: numeric order for integer ids (Postgres `ORDER BY id`), code order for codes of one length. */
function idOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function inIdOrder<T>(rows: readonly T[], id: (row: T) => string): readonly T[] {
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = idOrder(id(rows[i - 1]), id(rows[i])) <= 0;
  if (sorted) return rows;
  const ids = rows.map(id);
  const order = Array.from(ids.keys()).sort((i, j) => idOrder(ids[i], ids[j]));
  return order.map((i) => rows[i]);
}

export { metersToChord2 };
