import { EARTH_RADIUS_M, haversineMeters } from './geo.js';
import { computeCoverage, type CoverageModel } from './model.js';
import { accessLoss, forecastOpenServices, weeklyOpenServices } from './seasonal.js';
import { whatIf } from './what-if.js';
import { positiveRank, rankGaps, scoreGaps } from './gaps.js';
import type { CommuneInput, CoverageInput, CoverageRow, ServiceInput } from './types.js';

/** Latitude that lies `m` metres north of 45° along the meridian 2°E (exact great-circle metres). */
const at = (m: number) => 45 + (m / EARTH_RADIUS_M) * (180 / Math.PI);
const FULL = { hasAddress: true, hasHours: true, hasContact: true, hasPublics: true, descriptionLength: 300 };

function svc(p: Partial<ServiceInput> & { id: string; lat: number; lon: number }): ServiceInput {
  return {
    categoryId: 'cat_food',
    themeId: 'food',
    active: true,
    closedPeriods: [],
    visibility: 'ALL',
    updatedAt: '2026-09-20',
    campaignStatus: 'FINISHED',
    completeness: FULL,
    ...p,
  };
}

// Tiny case: everything on the meridian 2°E, positions in metres north of 45°N.
//   commune A at 0 m (pop 1000, dept 01, EPCI E1, poverty rate 10 % → 100 poor)
//   commune B at 3 km (pop 2000, dept 01, EPCI E1, 300 poor)
//   commune C at 12 km (pop 500, dept 02, EPCI E2, no poverty indicator)
//   service S1 at 1 km (commune A), service S2 at 25 km (commune C); theme food, threshold 5 km.
//   settlements X at 8 km (40 residents, commune B), Y at 1.5 km (10 residents, commune A).
const communes: CommuneInput[] = [
  { code: 'A', lat: at(0), lon: 2, population: 1000, departmentCode: '01', regionCode: 'R', epciCode: 'E1', povertyRate: 10 },
  { code: 'B', lat: at(3000), lon: 2, population: 2000, departmentCode: '01', regionCode: 'R', epciCode: 'E1', poorPopulation: 300 },
  { code: 'C', lat: at(12_000), lon: 2, population: 500, departmentCode: '02', regionCode: 'R', epciCode: 'E2' },
];
const tiny: CoverageInput = {
  communes,
  services: [
    svc({
      id: 'S1',
      lat: at(1000),
      lon: 2,
      communeCode: 'A',
      closedPeriods: [
        { start: '2026-08-10', end: '2026-08-16' },
        { start: '2026-12-21', end: '2027-01-03' },
      ],
    }),
    svc({
      id: 'S2',
      lat: at(25_000),
      lon: 2,
      communeCode: 'C',
      closedPeriods: [{ start: '2026-08-03', end: '2026-08-23' }],
      updatedAt: '2024-01-01',
      campaignStatus: 'TO_DO',
      completeness: { hasAddress: true, hasHours: false, hasContact: true, hasPublics: false, descriptionLength: 100 },
    }),
    // Inactive and a PRO-only service excluded by config would not count; this one is inactive.
    svc({ id: 'S3', lat: at(12_000), lon: 2, communeCode: 'C', active: false }),
  ],
  settlements: [
    { id: 'X', lat: at(8000), lon: 2, population: 40, communeCode: 'B', open: true },
    { id: 'Y', lat: at(1500), lon: 2, population: 10, communeCode: 'A', open: true },
    { id: 'Z', lat: at(30_000), lon: 2, population: 99, communeCode: 'C', open: false },
  ],
  searches: [
    { communeCode: 'A', key: 'food', count: 30, zeroResultCount: 6 },
    { communeCode: 'C', key: 'cat_food', count: 10, zeroResultCount: 10 },
  ],
  config: { today: '2026-11-20', categoryTheme: { cat_food: 'food' } },
};

function rowOf(model: CoverageModel, level: CoverageRow['level'], code: string, key = 'food'): CoverageRow {
  const r = [...model.rows({ levels: [level], keys: [key], skipEmpty: false })].find((x) => x.code === code);
  if (!r) throw new Error(`no row ${level} ${code} ${key}`);
  return r;
}

describe('tiny hand-computed case (3 communes, 2 services)', () => {
  const model = computeCoverage(tiny);
  // E2SFCA (bands ≤5 km: 1, ≤10 km: 0.66, ≤20 km: 0.33):
  //   S1: A 1 km → 1, B 2 km → 1, C 11 km → 0.33; Σ P·W = 1000 + 2000 + 500·0.33 = 3165 → R1 = 1/3165
  //   S2: A 25 km, B 22 km → outside; C 13 km → 0.33; Σ P·W = 165 → R2 = 1/165
  //   A_A = A_B = 10⁴/3165 = 3.1595576619…; A_C = 10⁴·0.33·(1/3165 + 1/165) = 1.0426540284 + 20 = 21.0426540284
  const aAB = 10_000 / 3165;
  const aC = (10_000 * 0.33) / 3165 + (10_000 * 0.33) / 165;

  it('commune distances, beyond threshold and accessibility', () => {
    const a = rowOf(model, 'commune', 'A'),
      b = rowOf(model, 'commune', 'B'),
      c = rowOf(model, 'commune', 'C');
    expect(a.nearestMeters).toBeCloseTo(1000, 3); // S1 is 1 km north of A
    expect(b.nearestMeters).toBeCloseTo(2000, 3);
    expect(c.nearestMeters).toBeCloseTo(11_000, 3); // S1 at 11 km beats S2 at 13 km
    expect([a.populationBeyond, b.populationBeyond, c.populationBeyond]).toEqual([0, 0, 500]);
    expect(c.shareBeyond).toBe(1);
    expect(a.accessibility).toBeCloseTo(aAB, 9);
    expect(b.accessibility).toBeCloseTo(aAB, 9);
    expect(c.accessibility).toBeCloseTo(aC, 9);
    // Reachable within 20 km: A, B → S1 only; C → S1 and S2.
    expect([a.reachable, b.reachable, c.reachable]).toEqual([1, 1, 2]);
  });

  it('supply per 10,000 and per 10,000 poor', () => {
    const d1 = rowOf(model, 'department', '01'),
      d2 = rowOf(model, 'department', '02'),
      r = rowOf(model, 'region', 'R');
    expect(d1.services).toBe(1); // S1 (S3 is inactive)
    expect(d1.servicesPer10k).toBeCloseTo((1 / 3000) * 10_000, 9); // 3.333…
    expect(d1.poorPopulation).toBe(400); // 10 % of 1000 + 300
    expect(d1.servicesPer10kPoor).toBeCloseTo(25, 9); // 1 / 400 · 10⁴
    expect(d2.servicesPer10k).toBeCloseTo(20, 9); // 1 / 500 · 10⁴
    expect(d2.servicesPer10kPoor).toBeNull();
    // Region: indicator known for 3000 of 3500 inhabitants → 400 / 3000 · 3500 = 466.67 poor (estimate).
    expect(r.poorPopulation).toBeCloseTo(466.6667, 3);
  });

  it('higher levels: population-weighted mean and median, beyond, accessibility', () => {
    const d1 = rowOf(model, 'department', '01'),
      r = rowOf(model, 'region', 'R'),
      fr = rowOf(model, 'country', 'FR');
    // dept 01: mean = (1000·1000 + 2000·2000) / 3000 = 1666.67 m; median: half = 1500, A (1000) < 1500, +B → 2000 m.
    expect(d1.nearestMeters).toBeCloseTo(1666.667, 2);
    expect(d1.medianNearestMeters).toBeCloseTo(2000, 3);
    // region: mean = (10⁶ + 4·10⁶ + 500·11000) / 3500 = 3000 m; median 2000 m; beyond 500 / 3500.
    expect(r.nearestMeters).toBeCloseTo(3000, 2);
    expect(r.medianNearestMeters).toBeCloseTo(2000, 3);
    expect(r.populationBeyond).toBe(500);
    expect(r.shareBeyond).toBeCloseTo(1 / 7, 12);
    // Accessibility mean = Σ P·A / Σ P = 2 services · 10⁴ / 3500 = 5.714… (E2SFCA conserves supply).
    expect(r.accessibility).toBeCloseTo(20_000 / 3500, 9);
    expect(fr.accessibility).toBeCloseTo(20_000 / 3500, 9);
    expect(d1.accessibility).toBeCloseTo(aAB, 9);
    expect(rowOf(model, 'epci', 'E2').accessibility).toBeCloseTo(aC, 9);
    expect(r.reachable).toBe(2);
    expect(d1.reachable).toBe(1);
  });

  it('search demand (category searches roll up to the theme)', () => {
    const a = rowOf(model, 'commune', 'A'),
      c = rowOf(model, 'commune', 'C'),
      r = rowOf(model, 'region', 'R');
    expect(a.searchesPer10k).toBeCloseTo(300, 9); // 30 / 1000 · 10⁴
    expect(a.zeroResultRate).toBeCloseTo(0.2, 12); // 6 / 30
    expect(a.demandPressure).toBe(30); // 30 searches / 1 reachable service
    expect(c.searches).toBe(10); // the cat_food searches
    expect(c.demandPressure).toBe(5); // 10 / 2
    expect(r.searches).toBe(40);
    expect(r.zeroResultRate).toBeCloseTo(0.4, 12); // 16 / 40
    expect(r.demandPressure).toBe(20); // 40 / 2 distinct reachable services
    expect(rowOf(model, 'commune', 'C', 'cat_food').searches).toBe(10);
  });

  it('settlement access', () => {
    const rows = model.settlementAccess();
    expect(rows.map((s) => s.id)).toEqual(['X', 'Y']); // Z is closed
    const x = rows[0].distances.find((d) => d.themeId === 'food')!;
    expect(x.meters).toBeCloseTo(7000, 3); // X at 8 km, S1 at 1 km
    expect(x.beyond).toBe(true);
    expect(rows[1].distances[0].meters).toBeCloseTo(500, 3);
    // Themes without any service: null distance, beyond.
    expect(rows[0].distances.find((d) => d.themeId === 'health')).toBeUndefined(); // health is not a key here
    const d1 = rowOf(model, 'department', '01');
    expect([d1.settlementSites, d1.settlementSitesBeyond, d1.settlementResidentsBeyond]).toEqual([2, 1, 40]);
  });

  it('freshness, campaign and completeness', () => {
    const r = rowOf(model, 'region', 'R');
    expect(r.activeServices).toBe(2);
    expect(r.updatedRecently).toBe(1); // S1 updated 2 months ago; S2 in 2024
    expect(r.shareUpdatedRecently).toBe(0.5);
    expect([r.campaignToDo, r.campaignStarted, r.campaignFinished]).toEqual([1, 0, 1]);
    // S1 = 100; S2 = address 20 + contact 20 + description (100 chars → 0.5) 15·0.5 = 47.5; mean 73.75.
    expect(r.meanCompleteness).toBeCloseTo(73.75, 9);
    const places = model.placeQuality();
    expect(places.find((p) => p.placeId === 'S2')?.score).toBe(47.5);
  });

  it('seasonal: ISO weeks, the August drop, the forecast and access loss', () => {
    const s = weeklyOpenServices(model, { year: 2026, levels: ['country'], keys: ['food'] });
    expect(s.weeks).toHaveLength(53); // 2026 has 53 ISO weeks
    expect(s.weeks[31]).toEqual({ label: '2026-W32', start: '2026-08-03' });
    const all = s.rows[0].openAllWeek;
    // S2 closed W32–W34 (3–23 August), S1 closed W33 (10–16 August).
    expect(all.slice(29, 36)).toEqual([2, 2, 1, 0, 1, 2, 2]);
    expect(s.rows[0].meanDailyOpen[32]).toBe(0);
    const f = forecastOpenServices(model, { levels: ['country'], keys: ['food'] });
    expect(f.weeks[0].start).toBe('2026-11-23'); // Monday after Friday 20 November
    // S1 announced closed 21 December – 3 January.
    expect(f.rows[0].openAllWeek).toEqual([2, 2, 2, 2, 1, 1, 2, 2]);
    // Week 33: A and B have only S1 within 5 km → lose access; C has no service within 5 km anyway.
    expect(accessLoss(model, { year: 2026, week: 33 }).map((r) => r.communeCode)).toEqual(['A', 'B']);
    expect(accessLoss(model, { year: 2026, week: 32 })).toEqual([]);
  });

  it('what-if: a new food service at C gives access to C only; exact accessibility change', () => {
    const w = whatIf(model, { lat: at(12_000), lon: 2, categoryId: 'cat_food', themeId: 'food' });
    const food = w.keys.find((k) => k.key === 'food')!;
    expect(food.populationGaining).toBe(500);
    // New catchment: A 12 km → 0.33, B 9 km → 0.66, C 0 km → 1; Σ P·W = 330 + 1320 + 500 = 2150.
    const c = food.communes.find((x) => x.code === 'C')!;
    expect(c.accessibilityDelta).toBeCloseTo(10_000 / 2150, 9);
    expect(food.communes.find((x) => x.code === 'A')!.accessibilityDelta).toBeCloseTo((10_000 * 0.33) / 2150, 9);
    // Region: Σ P·ΔA / P = 10⁴ / 3500 (one more service).
    expect(food.territories.find((t) => t.level === 'region')!.accessibilityDelta).toBeCloseTo(10_000 / 3500, 9);
    // Settlement X (8 km) is 4 km from the new service → gains access.
    expect(food.settlementsGaining.map((s) => s.id)).toEqual(['X']);
    expect(food.settlementResidentsGaining).toBe(40);
    // Nothing mutated.
    expect(rowOf(model, 'commune', 'C').populationBeyond).toBe(500);
  });

  it('rankGaps gives the scores, ranks and explanations of scoreGaps without an object per row', () => {
    const rows = [...model.rows({ levels: ['commune', 'department', 'region'] })];
    const zones = scoreGaps(rows, { explainTop: 2 });
    const g = rankGaps(rows, { explainTop: 2 });
    const byKey = new Map(zones.map((z) => [`${z.level}|${z.key}|${z.code}`, z]));
    rows.forEach((r, i) => {
      const z = byKey.get(`${r.level}|${r.key}|${r.code}`)!;
      expect([g.scores[i], g.ranks[i]]).toEqual([z.score, z.rank]);
      if (g.explained.has(i)) expect(g.explained.get(i)).toEqual(z);
      else expect(z.explanation.fr).toEqual([]);
    });
    expect(g.explained.size).toBe(zones.filter((z) => z.explanation.fr.length || z.rank <= 2).length);
  });

  it('gap score ranking and explanation', () => {
    const rows = [...model.rows({ levels: ['department'], keys: ['food'] })];
    const zones = scoreGaps(rows, { explainTop: Infinity });
    // dept 01: accessibility 1 − 3.1596/5.7143 = 0.44708 (·0.2), demand rank 1 (·0.15), zero results
    //   0.2·min(1, 30/20) = 0.2 (·0.1), settlements rank 1 (·0.15), poverty rank 1 (·0.1) → 0.50942 → 50.9
    // dept 02: beyond 1 (·0.3), demand rank 0.5 (·0.15), zero results 1·10/20 = 0.5 (·0.1) → 0.425 → 42.5
    expect(zones.map((z) => [z.code, z.score, z.rank])).toEqual([
      ['01', 50.9, 1],
      ['02', 42.5, 2],
    ]);
    const d2 = zones[1];
    expect(d2.components.beyond.share).toBeCloseTo(0.3 / 0.425, 9); // 70.6 %
    const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(norm(d2.explanation.fr[0])).toBe("71 % du score : 500 habitants à plus de 5 km d'une aide alimentaire (100 % de la population)");
    expect(d2.explanation.en[0]).toBe('71% of the score: 500 inhabitants more than 5 km from food aid (100% of the population)');
    expect(norm(d2.explanation.fr[1])).toBe('18 % du score : 10 recherches pour 2 services accessibles (5 recherches par service)');
    expect(zones[0].explanation.fr.length).toBeGreaterThan(2);
  });
});

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInput(seed: number, nCommunes: number, nServices: number): CoverageInput {
  const rand = rng(seed);
  // A 1.2° × 1.6° box around Lyon, 4 departments by longitude band, 2 regions.
  const communes: CommuneInput[] = Array.from({ length: nCommunes }, (_, i) => {
    const lon = 4.0 + rand() * 1.6;
    const dep = String(10 + Math.floor((lon - 4.0) / 0.4));
    return {
      code: `C${i}`,
      lat: 45.2 + rand() * 1.2,
      lon,
      population: Math.floor(rand() ** 3 * 20_000),
      departmentCode: dep,
      regionCode: dep < '12' ? 'R1' : 'R2',
      epciCode: `E${Math.floor(rand() * 20)}`,
      povertyRate: rand() * 30,
    };
  });
  const themes = ['food', 'health', 'counseling'];
  const services: ServiceInput[] = [];
  for (let j = 0; j < nServices; j++) {
    const theme = themes[Math.floor(rand() * 3)];
    const lat = 45.2 + rand() * 1.2,
      lon = 4.0 + rand() * 1.6;
    // Some places hold several services.
    const n = rand() < 0.3 ? 3 : 1;
    for (let k = 0; k < n; k++)
      services.push(svc({ id: `s${j}_${k}`, lat, lon, themeId: theme, categoryId: `${theme}_${Math.floor(rand() * 3)}` }));
  }
  return { communes, services, config: { today: '2026-11-20' } };
}

describe('random data against brute force', () => {
  const input = randomInput(11, 600, 250);
  const model = computeCoverage(input);

  it('nearest distances equal a brute-force haversine over all open services (≤ 1 m)', () => {
    for (const key of model.keys) {
      const svcs = input.services.filter((s) => s.categoryId === key.id || s.themeId === key.id);
      input.communes.forEach((c, i) => {
        const brute = Math.min(...svcs.map((s) => haversineMeters(c.lat, c.lon, s.lat, s.lon)));
        expect(Math.abs(model.nearest[model.keyIndex.get(key.id)!]![i] - brute)).toBeLessThanOrEqual(1);
      });
    }
  });

  it('E2SFCA equals a straightforward O(n·m) implementation (≤ 1e-9 relative)', () => {
    const W = (d: number) => (d <= 5000 ? 1 : d <= 10_000 ? 0.66 : d <= 20_000 ? 0.33 : 0);
    for (const key of model.keys) {
      const svcs = input.services.filter((s) => s.categoryId === key.id || s.themeId === key.id);
      const R = svcs.map((s) => {
        let denom = 0;
        for (const c of input.communes) denom += c.population * W(haversineMeters(c.lat, c.lon, s.lat, s.lon));
        return denom > 0 ? 1 / denom : 0;
      });
      const got = model.access[model.keyIndex.get(key.id)!]!;
      input.communes.forEach((c, i) => {
        let a = 0;
        svcs.forEach((s, j) => (a += R[j] * W(haversineMeters(c.lat, c.lon, s.lat, s.lon))));
        a *= 10_000;
        expect(Math.abs(got[i] - a)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a), 1e-12));
      });
    }
  });

  it('a what-if at an existing service location of the same key adds no population gaining access', () => {
    for (const s of input.services.slice(0, 25)) {
      const w = whatIf(model, { lat: s.lat, lon: s.lon, categoryId: s.categoryId, themeId: s.themeId });
      for (const k of w.keys) {
        expect(k.populationGaining).toBe(0);
        expect(k.communes.every((c) => !c.gainsAccess)).toBe(true);
      }
    }
  });

  it('incremental recompute for some departments gives rows identical to the full recompute', () => {
    const inc = computeCoverage(input, { departments: ['11', '12'] });
    const key = (r: CoverageRow) => `${r.level}|${r.code}|${r.key}`;
    const full = new Map([...model.rows({ skipEmpty: false })].map((r) => [key(r), r]));
    const incRows = [...inc.rows({ skipEmpty: false })];
    // Communes and departments 11 and 12 are produced; regions/country/EPCIs spanning other departments are not.
    expect(incRows.some((r) => r.level === 'department' && r.code === '11')).toBe(true);
    expect(incRows.some((r) => r.level === 'department' && r.code === '10')).toBe(false);
    expect(incRows.some((r) => r.level === 'country')).toBe(false);
    const nCommunes = input.communes.filter((c) => c.departmentCode === '11' || c.departmentCode === '12').length;
    expect(incRows.filter((r) => r.level === 'commune').length).toBe(nCommunes * model.keys.length);
    for (const r of incRows) expect(r).toEqual(full.get(key(r)));
  });
});

describe('input order', () => {
  it('gives the same rows whatever the order of services, communes, settlements and searches (bit for bit)', () => {
    const base = randomInput(31, 300, 200);
    const rand = rng(9);
    const input: CoverageInput = {
      ...base,
      settlements: base.communes
        .slice(0, 40)
        .map((c, i) => ({ id: `x${i}`, lat: c.lat + 0.01, lon: c.lon, population: 10 + i, communeCode: c.code, open: i % 5 !== 0 })),
      searches: base.communes.flatMap((c, i) =>
        i % 3 ? [{ communeCode: c.code, key: 'food', count: 1 + (i % 17), zeroResultCount: i % 4 }] : [],
      ),
    };
    const shuffle = <T>(a: readonly T[]) => {
      const b = [...a];
      for (let i = b.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [b[i], b[j]] = [b[j], b[i]];
      }
      return b;
    };
    const shuffled: CoverageInput = {
      ...input,
      services: shuffle(input.services),
      communes: shuffle(input.communes),
      settlements: shuffle(input.settlements!),
      searches: shuffle(input.searches!),
    };
    const rowsOf = (m: CoverageModel) =>
      [...m.rows({ skipEmpty: false })].sort((a, b) => (`${a.level}|${a.code}|${a.key}` < `${b.level}|${b.code}|${b.key}` ? -1 : 1));
    const a = rowsOf(computeCoverage(input)),
      b = rowsOf(computeCoverage(shuffled));
    expect(b.length).toBe(a.length);
    const diff = a.findIndex((r, j) => JSON.stringify(r) !== JSON.stringify(b[j]));
    expect(diff === -1 ? null : [a[diff], b[diff]]).toBeNull();
  });
});

describe('withSearches: new search aggregates on the same spatial model', () => {
  const base = randomInput(23, 400, 150);
  const keys = [...new Set(base.services.flatMap((s) => [s.categoryId, s.themeId]))];
  const config = {
    ...base.config,
    categories: keys.filter((k) => k.includes('_')).sort(),
    themes: keys.filter((k) => !k.includes('_')).sort(),
  };
  const rand = rng(5);
  const searchesA = Array.from({ length: 900 }, () => ({
    communeCode: `C${Math.floor(rand() * 400)}`,
    key: keys[Math.floor(rand() * keys.length)],
    count: 1 + Math.floor(rand() * 50),
    zeroResultCount: Math.floor(rand() * 5),
  }));
  // Changed counts, dropped and added aggregates, an unknown commune and an unknown key.
  const searchesB = [
    ...searchesA
      .filter((_, j) => j % 7 !== 0)
      .map((q, j) => (j % 5 === 0 ? { ...q, count: q.count + 3, zeroResultCount: q.zeroResultCount + 1 } : q)),
    { communeCode: 'C3', key: keys[0], count: 12, zeroResultCount: 2 },
    { communeCode: 'nowhere', key: keys[0], count: 4, zeroResultCount: 0 },
    { communeCode: 'C5', key: 'unknown_key', count: 4, zeroResultCount: 0 },
  ];
  const rowsOf = (m: CoverageModel) => [...m.rows({ skipEmpty: false })];

  it('gives the rows of a full recompute with the new searches, and leaves the previous model unchanged', () => {
    const before = computeCoverage({ ...base, config, searches: searchesA });
    const beforeRows = rowsOf(before);
    const updated = before.withSearches(searchesB);
    expect(updated).not.toBeNull();
    const full = computeCoverage({ ...base, config, searches: searchesB });
    const got = rowsOf(updated!);
    expect(got).toEqual(rowsOf(full));
    expect(got.some((r, j) => r.searches !== beforeRows[j].searches)).toBe(true);
    expect([...updated!.unknownSearchKeys].sort()).toEqual([...full.unknownSearchKeys].sort());
    expect(updated!.searches.map((m) => [...m.entries()].sort())).toEqual(full.searches.map((m) => [...m.entries()].sort()));
    expect(rowsOf(before)).toEqual(beforeRows);
  });

  it('refuses when the keys may depend on the searches (no category and theme lists in the config)', () => {
    expect(computeCoverage({ ...base, searches: searchesA }).withSearches(searchesB)).toBeNull();
  });
});

describe('gap ranking helpers against naive references', () => {
  it('positiveRank: average rank among the positive values, ties included', () => {
    const rand = rng(9);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 300) }, () =>
        rand() < 0.3 ? 0 : Math.floor(rand() * 20) / 4 - (rand() < 0.1 ? 3 : 0),
      );
      const pos = values.filter((v) => v > 0);
      const expected = values.map((v) => {
        if (!(v > 0)) return 0;
        const below = pos.filter((x) => x < v).length,
          equal = pos.filter((x) => x === v).length;
        return (below + (equal - 1) / 2 + 1) / pos.length;
      });
      expect([...positiveRank(values)]).toEqual(expected);
    }
  });

  it('rankGaps: rank 1 = highest score, ties by code, whatever the order of the rows', () => {
    const input = randomInput(31, 300, 120);
    const rows = [...computeCoverage(input).rows({ levels: ['commune', 'department'], skipEmpty: false })];
    for (const shuffled of [rows, [...rows].reverse()]) {
      const g = rankGaps(shuffled, { explainTop: 0 });
      const groups = new Map<string, number[]>();
      shuffled.forEach((r, i) => groups.set(`${r.level}|${r.key}`, [...(groups.get(`${r.level}|${r.key}`) ?? []), i]));
      for (const list of groups.values()) {
        const naive = [...list].sort((a, b) => g.scores[b] - g.scores[a] || (shuffled[a].code < shuffled[b].code ? -1 : 1));
        naive.forEach((i, k) => expect(g.ranks[i]).toBe(k + 1));
      }
    }
  });
});
