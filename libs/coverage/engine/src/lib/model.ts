import { dayNumber, monthsBetween } from './dates.js';
import { completenessScore } from './quality.js';
import { SphereIndex, chord2ToMeters, metersToChord2, toUnitVector } from './sphere-index.js';
import {
  DEFAULT_CONFIG,
  LEVELS,
  type CoverageConfig,
  type CoverageInput,
  type CoverageRow,
  type DistanceBand,
  type KeyType,
  type Level,
  type PlaceQualityRow,
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
} as const;
const NCOL = 17;

// Columns of the sparse per commune × key local stats.
const L = { open: 0, active: 1, recent: 2, todo: 3, started: 4, finished: 5, complSum: 6 } as const;
const NLOC = 7;
const LOCAL_TO_C = [C.services, C.active, C.recent, C.todo, C.started, C.finished, C.complSum];
const HIGHER: readonly Level[] = ['epci', 'department', 'region', 'country'];

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
  /** Commune → territory index at each level (-1 when none, e.g. no EPCI). */
  readonly parent: Record<Level, Int32Array>;
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
  // Sparse per key × commune.
  readonly local: Map<number, Float64Array>[] = [];
  readonly searches: Map<number, [number, number]>[] = [];
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
    this.config = { ...DEFAULT_CONFIG, ...input.config } as CoverageConfig;
    const cfg = this.config;
    this.today = dayNumber(cfg.today);
    if (Number.isNaN(this.today)) throw new Error(`config.today is not an ISO day: ${cfg.today}`);
    if (!cfg.bands.length) throw new Error('config.bands is empty');
    this.catchmentMeters = cfg.bands[cfg.bands.length - 1].maxMeters;

    // --- Communes and territories.
    const communes = input.communes;
    const n = (this.nCommunes = communes.length);
    this.communeCodes = communes.map((c) => c.code);
    this.communeLat = Float64Array.from(communes, (c) => c.lat);
    this.communeLon = Float64Array.from(communes, (c) => c.lon);
    communes.forEach((c, i) => this.communeByCode.set(c.code, i));
    this.communeIndex = new SphereIndex(this.communeLat, this.communeLon);
    const codeOf: Record<Level, (i: number) => string | null> = {
      commune: (i) => communes[i].code,
      epci: (i) => communes[i].epciCode || null,
      department: (i) => communes[i].departmentCode,
      region: (i) => communes[i].regionCode,
      country: () => 'FR',
    };
    this.parent = {} as Record<Level, Int32Array>;
    this.territories = {} as Record<Level, TerritoryTable>;
    const deptSet = options.departments ? new Set(options.departments) : null;
    this.incremental = deptSet !== null;
    this.target = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.target[i] = !deptSet || deptSet.has(communes[i].departmentCode) ? 1 : 0;
    for (const level of LEVELS) {
      const codes: string[] = [];
      const index = new Map<string, number>();
      const par = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const code = codeOf[level](i);
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
      const nt = codes.length;
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
        computed[t] += this.target[i];
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
      this.parent[level] = par;
      this.territories[level] = { level, codes, index, population, poor, communes: cnt, computed };
    }

    this.lap('setup');
    // --- Keys.
    const categoryTheme: Record<string, string> = { ...(cfg.categoryTheme ?? {}) };
    for (const s of input.services) if (!(s.categoryId in categoryTheme)) categoryTheme[s.categoryId] = s.themeId;
    this.categoryTheme = categoryTheme;
    const catIds = cfg.categories ? [...cfg.categories] : [...new Set(input.services.map((s) => s.categoryId))].sort();
    const themeIds = cfg.themes ? [...cfg.themes] : [...new Set(input.services.map((s) => s.themeId))].sort();
    if (!cfg.categories || !cfg.themes) {
      const known = new Set([...catIds, ...themeIds]);
      for (const q of input.searches ?? []) {
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
    const thresholdOf = (theme: string | null) => (theme && cfg.thresholdsByTheme[theme]) || cfg.defaultThresholdMeters;
    for (const id of catIds) this.addKey({ id, type: 'category', themeId: categoryTheme[id] ?? null, thresholdMeters: thresholdOf(categoryTheme[id] ?? null) });
    for (const id of themeIds) if (!this.keyIndex.has(id)) this.addKey({ id, type: 'theme', themeId: id, thresholdMeters: thresholdOf(id) });
    const K = this.keys.length;
    this.adjRadius = Math.max(this.catchmentMeters, ...this.keys.map((k) => k.thresholdMeters));

    this.lap('keys');
    // --- Services → distinct locations.
    const locOf = new Map<string, number>();
    for (const s of input.services) {
      if (!s.active) continue;
      if (!cfg.includeProOnly && s.visibility === 'PRO') continue;
      if (!Number.isFinite(s.lat) || !Number.isFinite(s.lon)) continue;
      const lk = `${s.lat},${s.lon}`;
      let loc = locOf.get(lk);
      if (loc === undefined) {
        loc = this.locLat.length;
        locOf.set(lk, loc);
        this.locLat.push(s.lat);
        this.locLon.push(s.lon);
        this.locKeys.push(new Map());
      }
      let commune = s.communeCode != null ? (this.communeByCode.get(s.communeCode) ?? -1) : -1;
      if (commune < 0) commune = this.nearestCommune(s.lat, s.lon);
      const st: ServiceState = {
        input: s,
        commune,
        location: loc,
        cat: this.keyIndex.get(s.categoryId) ?? -1,
        theme: this.keyIndex.get(s.themeId) ?? -1,
        openToday: false,
        closed: parseClosed(s),
        completeness: completenessScore(s.completeness, s.updatedAt, this.today, cfg.freshMonths),
      };
      st.openToday = isOpenOn(st.closed, this.today);
      this.services.push(st);
      if (st.openToday) {
        const m = this.locKeys[loc];
        if (st.cat >= 0) m.set(st.cat, (m.get(st.cat) ?? 0) + 1);
        if (st.theme >= 0 && st.theme !== st.cat) m.set(st.theme, (m.get(st.theme) ?? 0) + 1);
      }
    }
    const nLoc = this.locLat.length;

    this.lap('services');
    // --- Per key location trees.
    const keyLocs: number[][] = Array.from({ length: K }, () => []);
    for (let l = 0; l < nLoc; l++) for (const k of this.locKeys[l].keys()) keyLocs[k].push(l);
    for (let k = 0; k < K; k++) {
      const locs = keyLocs[k];
      this.keyTreeLoc.push(Int32Array.from(locs));
      this.keyTrees.push(locs.length ? new SphereIndex(locs.map((l) => this.locLat[l]), locs.map((l) => this.locLon[l])) : null);
      this.local.push(new Map());
      this.searches.push(new Map());
    }

    this.lap('keyTrees');
    // --- Nearest open service of each key from each (target) commune centroid. Communes are scanned
    // in the commune tree's order (spatially coherent) and each query is seeded with the previous
    // answer, which bounds the search from the start.
    const order = this.communeIndex.ids;
    const cx = new Float64Array(n), cy = new Float64Array(n), cz = new Float64Array(n);
    for (let i = 0; i < n; i++) [cx[i], cy[i], cz[i]] = toUnitVector(this.communeLat[i], this.communeLon[i]);
    for (let k = 0; k < K; k++) {
      const tree = this.keyTrees[k];
      if (!tree) {
        this.nearest.push(null);
        this.access.push(null);
        this.reach.push(null);
        continue;
      }
      const d = new Float64Array(n).fill(NaN);
      let hint = -1;
      for (let o = 0; o < n; o++) {
        const i = order[o];
        if (!this.target[i]) continue;
        hint = tree.nearestPos(cx[i], cy[i], cz[i], Infinity, hint);
        d[i] = chord2ToMeters(tree.lastChord2);
      }
      this.nearest.push(d);
      this.access.push(new Float64Array(n));
      this.reach.push(new Int32Array(n));
    }

    this.lap('nearest');
    // --- Catchment lists: for each location, the communes within the adjacency radius. In an
    // incremental run, only locations within that radius of a target commune.
    this.locComputed = new Uint8Array(nLoc);
    if (!this.incremental) this.locComputed.fill(1);
    else if (nLoc) {
      const locTree = new SphereIndex(this.locLat, this.locLon);
      const r2 = metersToChord2(this.adjRadius);
      for (let i = 0; i < n; i++) {
        if (!this.target[i]) continue;
        locTree.within(cx[i], cy[i], cz[i], r2, (pos) => {
          this.locComputed[locTree.ids[pos]] = 1;
        });
      }
    }
    this.buildCatchments();

    this.lap('catchments');
    // --- E2SFCA step 1 (per location, key-independent) and step 2 (per key), reachable counts.
    const bands = cfg.bands;
    this.ratio = new Float64Array(nLoc);
    const catch2 = this.catchmentMeters;
    const pop = Float64Array.from(communes, (c) => c.population);
    const stamps = (['epci', 'department', 'region', 'country'] as Level[]).map((lv) => ({
      level: lv,
      par: this.parent[lv],
      stamp: new Int32Array(this.territories[lv].codes.length).fill(-1),
      nt: this.territories[lv].codes.length,
    }));
    for (const lv of HIGHER) this.agg[lv] = new Float64Array(NCOL * this.territories[lv].codes.length * K);
    for (let l = 0; l < nLoc; l++) {
      if (!this.locComputed[l]) continue;
      const a = this.catStart[l], b = this.catStart[l + 1];
      let denom = 0;
      for (let p = a; p < b; p++) {
        const m = this.catMeters[p];
        if (m <= catch2) denom += pop[this.catCommune[p]] * bandWeight(bands, m);
      }
      const R = denom > 0 ? 1 / denom : 0;
      this.ratio[l] = R;
      const keys = this.locKeys[l];
      if (keys.size === 0) continue;
      for (let p = a; p < b; p++) {
        const m = this.catMeters[p];
        if (m > catch2) continue;
        const i = this.catCommune[p];
        if (!this.target[i]) continue;
        const w = R * bandWeight(bands, m) * 10_000;
        for (const [k, c] of keys) {
          this.access[k]![i] += c * w;
          this.reach[k]![i] += c;
        }
      }
      // Distinct higher-level territories reached (for demand pressure).
      for (const s of stamps) {
        const agg = this.agg[s.level];
        for (let p = a; p < b; p++) {
          if (this.catMeters[p] > catch2) continue;
          const t = s.par[this.catCommune[p]];
          if (t < 0 || s.stamp[t] === l) continue;
          s.stamp[t] = l;
          for (const [k, c] of keys) agg[(k * NCOL + C.reach) * s.nt + t] += c;
        }
      }
    }

    this.lap('e2sfca');
    // --- Sparse local stats of services (supply, freshness, campaign, completeness).
    for (const st of this.services) {
      const recent = st.input.updatedAt ? monthsBetween(dayNumber(st.input.updatedAt), this.today) < cfg.freshMonths : false;
      for (const k of st.cat === st.theme ? [st.cat] : [st.cat, st.theme]) {
        if (k < 0) continue;
        let v = this.local[k].get(st.commune);
        if (!v) this.local[k].set(st.commune, (v = new Float64Array(NLOC)));
        if (st.openToday) v[L.open]++;
        v[L.active]++;
        if (recent) v[L.recent]++;
        if (st.input.campaignStatus === 'TO_DO') v[L.todo]++;
        else if (st.input.campaignStatus === 'STARTED') v[L.started]++;
        else if (st.input.campaignStatus === 'FINISHED') v[L.finished]++;
        v[L.complSum] += st.completeness;
      }
    }

    // --- Searches (category searches also count for their theme when rollUpSearches).
    for (const q of input.searches ?? []) {
      const i = this.communeByCode.get(q.communeCode);
      const k = this.keyIndex.get(q.key);
      if (i === undefined || k === undefined) {
        this.unknownSearchKeys.add(k === undefined ? q.key : `commune:${q.communeCode}`);
        continue;
      }
      const ks = [k];
      if (cfg.rollUpSearches && this.keys[k].type === 'category') {
        const th = this.keyIndex.get(categoryTheme[q.key]);
        if (th !== undefined && th !== k) ks.push(th);
      }
      for (const kk of ks) {
        const v = this.searches[kk].get(i);
        if (v) {
          v[0] += q.count;
          v[1] += q.zeroResultCount;
        } else this.searches[kk].set(i, [q.count, q.zeroResultCount]);
      }
    }

    this.lap('localAndSearches');
    // --- Settlements.
    this.computeSettlements(input);

    this.lap('settlements');
    // --- Aggregation to every level (commune level included, for uniform row output).
    this.aggregate(pop);
    this.lap('aggregate');
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
        departmentCode: dept.codes[this.parent.department[i]],
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
    const n = this.nCommunes;
    const K = this.keys.length;
    const levels = HIGHER.map((lv) => ({ lv, par: this.parent[lv], nt: this.territories[lv].codes.length, agg: this.agg[lv], tp: this.territories[lv].population }));
    for (let k = 0; k < K; k++) {
      const thr = this.keys[k].thresholdMeters;
      const d = this.nearest[k];
      const A = this.access[k];
      // One sort of the communes by distance per key serves the medians of every level.
      const sorted = d ? argsortFinite(d, this.target) : null;
      // Dense part: one pass over the communes feeds every level.
      for (const { par, nt, agg } of levels) {
        const cDist = (k * NCOL + C.distSum) * nt, cBeyond = (k * NCOL + C.beyond) * nt, cAcc = (k * NCOL + C.accSum) * nt;
        if (d) {
          const a = A!;
          for (let i = 0; i < n; i++) {
            const t = par[i];
            if (t < 0 || !this.target[i]) continue;
            const p = pop[i];
            agg[cDist + t] += p * d[i];
            if (d[i] > thr) agg[cBeyond + t] += p;
            agg[cAcc + t] += p * a[i];
          }
        } else {
          for (let i = 0; i < n; i++) {
            const t = par[i];
            if (t >= 0 && this.target[i]) agg[cBeyond + t] += pop[i];
          }
        }
      }
      for (const { par, nt, agg, tp } of levels) {
        const col = (c: number) => (k * NCOL + c) * nt;
        for (const [i, v] of this.local[k]) {
          const t = par[i];
          if (t < 0 || !this.target[i]) continue;
          for (let j = 0; j < NLOC; j++) agg[col(LOCAL_TO_C[j]) + t] += v[j];
        }
        for (const [i, v] of this.searches[k]) {
          const t = par[i];
          if (t < 0 || !this.target[i]) continue;
          agg[col(C.searches) + t] += v[0];
          agg[col(C.zero) + t] += v[1];
        }
        const sd = this.settlementNearest.get(k);
        if (sd) {
          for (let j = 0; j < sd.length; j++) {
            const t = par[this.settlementCommune[j]];
            if (t < 0) continue;
            agg[col(C.sites) + t]++;
            if (!(sd[j] <= thr)) {
              agg[col(C.sitesBeyond) + t]++;
              agg[col(C.residentsBeyond) + t] += this.settlementPop[j];
            }
          }
        }
        // Population-weighted median: the distance at which the cumulated population (communes in
        // increasing distance order) first reaches half of the territory's population.
        const cMed = col(C.median);
        for (let t = 0; t < nt; t++) agg[cMed + t] = NaN;
        if (sorted) {
          const cum = new Float64Array(nt);
          for (let o = 0; o < sorted.length; o++) {
            const i = sorted[o];
            const t = par[i];
            if (t < 0 || !Number.isNaN(agg[cMed + t])) continue;
            cum[t] += pop[i];
            if (cum[t] >= tp[t] / 2 && cum[t] > 0) agg[cMed + t] = d![i];
          }
        }
      }
    }
  }

  /** Commune-level values of one key, read from the dense arrays and sparse maps. */
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
    } else {
      v[C.median] = NaN;
      v[C.beyond] = P;
    }
    const loc = this.local[k].get(i);
    if (loc) for (let j = 0; j < NLOC; j++) v[LOCAL_TO_C[j]] = loc[j];
    const q = this.searches[k].get(i);
    if (q) {
      v[C.searches] = q[0];
      v[C.zero] = q[1];
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
      reachable: reach,
      searches,
      zeroResults: zero,
      searchesPer10k: per(searches, P),
      zeroResultRate: searches > 0 ? zero / searches : null,
      demandPressure: searches > 0 ? searches / Math.max(1, reach) : null,
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
    };
  }

  /**
   * Rows of the snapshot, lazily (4.7 M commune rows nationally if every key is asked: filter!).
   * Only fully computed territories are produced. `skipEmpty` (default true) drops commune rows of
   * keys without any open service, search or local service in that commune.
   */
  *rows(opts: { levels?: readonly Level[]; keys?: readonly string[]; skipEmpty?: boolean } = {}): Generator<CoverageRow> {
    const levels = opts.levels ?? LEVELS;
    const ks = opts.keys ? opts.keys.map((id) => this.keyIndex.get(id)).filter((k): k is number => k !== undefined) : this.keys.map((_, k) => k);
    const skipEmpty = opts.skipEmpty ?? true;
    for (const level of levels) {
      const nt = this.territories[level].codes.length;
      for (const k of ks) {
        const empty = skipEmpty && this.nearest[k] === null;
        for (let t = 0; t < nt; t++) {
          if (!this.isComputed(level, t)) continue;
          if (empty && level === 'commune' && !this.searches[k].has(t) && !this.local[k].has(t)) continue;
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
      out.push({ placeId, communeCode: this.communeCodes[list[0].commune], services: list.length, score: Math.round(score * 10) / 10, criteria: crit });
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
      const c = com[a], m = met[a];
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

export function computeCoverage(input: CoverageInput, options: ComputeOptions = {}): CoverageModel {
  return new CoverageModel(input, options);
}

export { metersToChord2 };
