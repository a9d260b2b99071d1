// Issue 16, "Numbers that do not mislead": directory coverage, ties in rank-based components, demand pressure with
// no reachable service. Each metric is compared with a straightforward reference on hand-made cases.
import { EARTH_RADIUS_M } from './geo.js';
import { computeCoverage, type CoverageModel } from './model.js';
import { positiveRank, rankGaps, scoreGaps } from './gaps.js';
import type { CommuneInput, CoverageInput, CoverageRow, ServiceInput } from './types.js';

/** Latitude `m` metres north of 45° on the meridian of `lon`. */
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

function rowOf(model: CoverageModel, level: CoverageRow['level'], code: string, key = 'food'): CoverageRow {
  const r = [...model.rows({ levels: [level], keys: [key], skipEmpty: false })].find((x) => x.code === code);
  if (!r) throw new Error(`no row ${level} ${code} ${key}`);
  return r;
}

/** Average ranks the textbook way: O(n²), exact equality for ties. */
function referenceRank(values: number[]): number[] {
  const pos = values.filter((v) => v > 0);
  return values.map((v) => {
    if (!(v > 0)) return 0;
    const below = pos.filter((w) => w < v).length;
    const equal = pos.filter((w) => w === v).length;
    return (below + (equal + 1) / 2) / pos.length;
  });
}

describe('ties in rank-based components', () => {
  it('positiveRank gives average ranks: equal inputs → equal components (hand-made)', () => {
    expect([...positiveRank([0.1, 0.2, 0.2, 0.3, 0])]).toEqual([0.25, 0.625, 0.625, 1, 0]);
    expect([...positiveRank([5, 5, 5, 5])]).toEqual([0.625, 0.625, 0.625, 0.625]);
    // Searches with no reachable service (Infinity) rank above every ratio, tied with each other.
    expect([...positiveRank([2, Infinity, 1, Infinity])]).toEqual([0.5, 0.875, 0.25, 0.875]);
  });

  it('positiveRank equals the textbook average rank on many ties, in any order', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20; round++) {
      const values = Array.from({ length: 60 }, () => Math.floor(rnd() * 6) / 4); // 0, 0.25 … 1.25: many ties and zeros
      expect([...positiveRank(values)]).toEqual(referenceRank(values));
    }
  });

  it('values equal but for floating-point noise are ties', () => {
    const rate = 0.173;
    const noisy = [rate, rate * (1 + 2e-16), (rate * 7) / 7, rate + 1e-17, (rate * 1_234_567) / 1_234_567];
    const r = positiveRank(noisy);
    expect(new Set(r).size).toBe(1);
    // A real difference is not a tie.
    expect([...positiveRank([0.173, 0.1731])]).toEqual([0.5, 1]);
  });

  it('12 EPCIs with the same poverty rate get the same poverty component (issue 16: 0.125 … 0.875 before)', () => {
    const communes: CommuneInput[] = [];
    for (let e = 0; e < 12; e++)
      for (let c = 0; c < 3; c++)
        communes.push({
          code: `${e}-${c}`,
          lat: at(e * 30_000 + c * 1000),
          lon: 2,
          population: 1_001 + 997 * e + 313 * c * (e + 1), // various sizes: poor / population differ in the last bits
          departmentCode: '95',
          regionCode: '11',
          epciCode: `E${e}`,
          povertyRate: 17.3,
        });
    const model = computeCoverage({
      communes,
      services: [svc({ id: 'S', lat: at(0), lon: 2 })],
      config: { today: '2026-11-15', categoryTheme: { cat_food: 'food' } },
    });
    const rows = [...model.rows({ levels: ['epci'], keys: ['food'] })];
    expect(rows).toHaveLength(12);
    const rates = rows.map((r) => r.poorPopulation! / r.population);
    expect(new Set(rates).size).toBeGreaterThan(1); // the noise is there…
    const zones = scoreGaps(rows, { explainTop: Infinity });
    const poverty = new Set(zones.map((z) => z.components.poverty.value));
    expect([...poverty]).toEqual([6.5 / 12]); // …and the component ignores it: the average rank of 12 ties
  });
});

// Directory coverage. One region R of three departments on the meridian 2°E (metres north of 45°N):
//   D1 (covered): A at 0 m (pop 1000), B at 3 km (pop 2000); EPCI E1 = A, B, C
//   D2 (not covered): C at 12 km (pop 500), D at 40 km (pop 4000)
//   D3 (not covered): F at 80 km (pop 10 000)
//   services: S1 at 1 km (in A), S2 at 41 km (in D).
const COMMUNES: CommuneInput[] = [
  { code: 'A', lat: at(0), lon: 2, population: 1000, departmentCode: 'D1', regionCode: 'R', epciCode: 'E1', povertyRate: 10 },
  { code: 'B', lat: at(3000), lon: 2, population: 2000, departmentCode: 'D1', regionCode: 'R', epciCode: 'E1', povertyRate: 20 },
  { code: 'C', lat: at(12_000), lon: 2, population: 500, departmentCode: 'D2', regionCode: 'R', epciCode: 'E1', povertyRate: 30 },
  { code: 'D', lat: at(40_000), lon: 2, population: 4000, departmentCode: 'D2', regionCode: 'R', epciCode: 'E2' },
  { code: 'F', lat: at(80_000), lon: 2, population: 10_000, departmentCode: 'D3', regionCode: 'R', epciCode: 'E3' },
];
const COVERED = new Set(['D1']);

function coverageInput(covered: Set<string> | null): CoverageInput {
  return {
    communes: COMMUNES.map((c) => (covered ? { ...c, covered: covered.has(c.departmentCode) } : c)),
    services: [svc({ id: 'S1', lat: at(1000), lon: 2, communeCode: 'A' }), svc({ id: 'S2', lat: at(41_000), lon: 2, communeCode: 'D' })],
    searches: [
      { communeCode: 'A', key: 'food', count: 30, zeroResultCount: 3 },
      { communeCode: 'F', key: 'food', count: 50, zeroResultCount: 50 },
    ],
    config: { today: '2026-11-15', categoryTheme: { cat_food: 'food' } },
  };
}

/** A row without its coverage fields. */
function metrics(r: CoverageRow): Partial<CoverageRow> {
  const m: Partial<CoverageRow> = { ...r };
  for (const f of ['covered', 'coveredShare', 'coveredDepartments', 'departments', 'totalPopulation'] as const) delete m[f];
  return m;
}

/** A territory's figures from its communes' rows, the straightforward way. */
function reference(communeRows: CoverageRow[], codes: string[]) {
  const rows = communeRows.filter((r) => codes.includes(r.code));
  const P = rows.reduce((a, r) => a + r.population, 0);
  const beyond = rows.reduce((a, r) => a + r.populationBeyond, 0);
  const searches = rows.reduce((a, r) => a + r.searches, 0);
  return {
    population: P,
    populationBeyond: beyond,
    shareBeyond: beyond / P,
    nearestMeters: rows.reduce((a, r) => a + r.population * r.nearestMeters!, 0) / P,
    accessibility: rows.reduce((a, r) => a + r.population * r.accessibility!, 0) / P,
    services: rows.reduce((a, r) => a + r.services, 0),
    searches,
  };
}

describe('directory coverage', () => {
  const model = computeCoverage(coverageInput(COVERED));
  const communeRows = [...model.rows({ levels: ['commune'], keys: ['food'], skipEmpty: false })];

  it('communes and departments are covered or not; their own values do not change', () => {
    const all = computeCoverage(coverageInput(null));
    for (const code of ['A', 'B', 'C', 'D', 'F']) {
      const r = rowOf(model, 'commune', code);
      expect(r.covered).toBe(code === 'A' || code === 'B');
      expect(r.coveredShare).toBe(r.covered ? 1 : 0);
      // Distances and accessibility are computed nationally: coverage does not change a commune's own figures.
      expect(metrics(r)).toEqual(metrics(rowOf(all, 'commune', code)));
    }
    const d2 = rowOf(model, 'department', 'D2');
    expect(d2).toMatchObject({
      covered: false,
      coveredShare: 0,
      coveredDepartments: 0,
      departments: 1,
      population: 4500,
      totalPopulation: 4500,
    });
    // An uncovered department keeps the figures of all its communes (shown hatched, not ranked).
    expect(d2).toMatchObject(reference(communeRows, ['C', 'D']));
    expect(rowOf(model, 'department', 'D1')).toMatchObject({ covered: true, coveredShare: 1, coveredDepartments: 1, departments: 1 });
  });

  it('a region and France are computed over their covered part, with its share of the population', () => {
    for (const level of ['region', 'country'] as const) {
      const r = rowOf(model, level, level === 'region' ? 'R' : 'FR');
      const ref = reference(communeRows, ['A', 'B']);
      expect(r).toMatchObject({ covered: true, coveredDepartments: 1, departments: 3, totalPopulation: 17_500 });
      expect(r.population).toBe(ref.population);
      expect(r.populationBeyond).toBe(ref.populationBeyond);
      expect(r.shareBeyond).toBeCloseTo(ref.shareBeyond, 12);
      expect(r.nearestMeters).toBeCloseTo(ref.nearestMeters, 9);
      expect(r.accessibility).toBeCloseTo(ref.accessibility, 12);
      expect(r.services).toBe(ref.services); // S2 lies in an uncovered department
      expect(r.searches).toBe(ref.searches); // F's 50 searches are not counted
      expect(r.coveredShare).toBeCloseTo(3000 / 17_500, 15);
      // Poverty over the covered communes only: (100 + 400) poor of 3,000.
      expect(r.poorPopulation).toBeCloseTo(500, 9);
    }
    // Medians too: A 1 km (1,000), B 2 km (2,000) → half of 3,000 reached at B.
    expect(rowOf(model, 'region', 'R').medianNearestMeters).toBeCloseTo(rowOf(model, 'commune', 'B').nearestMeters!, 6);
  });

  it('an EPCI across a covered and an uncovered department is partial', () => {
    const e1 = rowOf(model, 'epci', 'E1');
    expect(e1).toMatchObject({ covered: true, coveredDepartments: 1, departments: 2, population: 3000, totalPopulation: 3500 });
    expect(e1.coveredShare).toBeCloseTo(3000 / 3500, 15);
    expect(e1).toMatchObject(reference(communeRows, ['A', 'B']));
  });

  it('uncovered territories are left out of the gap rankings; Ā is the mean of the covered ones', () => {
    const rows = [...model.rows({ levels: ['commune', 'department'], keys: ['food'], skipEmpty: false })];
    const g = rankGaps(rows, { explainTop: Infinity });
    rows.forEach((r, i) => {
      if (r.covered) {
        expect(g.scores[i]).toBeGreaterThanOrEqual(0);
        expect(g.ranks[i]).toBeGreaterThan(0);
      } else {
        expect(g.scores[i]).toBeNaN();
        expect(g.ranks[i]).toBe(0);
      }
    });
    const zones = scoreGaps(rows, { explainTop: Infinity });
    expect(zones.map((z) => `${z.level}:${z.code}`).sort()).toEqual(['commune:A', 'commune:B', 'department:D1']);
    expect(zones.find((z) => z.code === 'D1')!.rank).toBe(1);
    // Ā over covered communes: A and B only.
    const ref = reference(communeRows, ['A', 'B']).accessibility;
    const a = rowOf(model, 'commune', 'A');
    const expected = 1 - Math.min(1, a.accessibility! / ref);
    expect(g.values[rows.indexOf(rows.find((r) => r.level === 'commune' && r.code === 'A')!) * 6 + 1]).toBeCloseTo(expected, 12);
  });

  it('nothing declared (no covered flag): everything covered, as before', () => {
    const all = computeCoverage(coverageInput(null));
    const r = rowOf(all, 'region', 'R');
    expect(r).toMatchObject({
      covered: true,
      coveredShare: 1,
      coveredDepartments: 3,
      departments: 3,
      population: 17_500,
      totalPopulation: 17_500,
    });
    expect(r.populationBeyond).toBe(
      reference([...all.rows({ levels: ['commune'], keys: ['food'], skipEmpty: false })], ['A', 'B', 'C', 'D', 'F']).populationBeyond,
    );
  });
});

describe('demand pressure with no reachable service', () => {
  // Commune N at 0 m with 7 searches; the only service is 60 km away (beyond the 20 km catchment).
  const input: CoverageInput = {
    communes: [
      { code: 'N', lat: at(0), lon: 2, population: 800, departmentCode: '01', regionCode: 'R', epciCode: 'E' },
      { code: 'M', lat: at(60_000), lon: 2, population: 800, departmentCode: '01', regionCode: 'R', epciCode: 'E' },
    ],
    services: [svc({ id: 'S', lat: at(60_000), lon: 2, communeCode: 'M' })],
    searches: [
      { communeCode: 'N', key: 'food', count: 7, zeroResultCount: 0 },
      { communeCode: 'M', key: 'food', count: 30, zeroResultCount: 0 },
    ],
    config: { today: '2026-11-15', categoryTheme: { cat_food: 'food' } },
  };
  const model = computeCoverage(input);

  it('is null, not searches / max(1, 0)', () => {
    const n = rowOf(model, 'commune', 'N');
    expect(n).toMatchObject({ searches: 7, reachable: 0, demandPressure: null });
    expect(rowOf(model, 'commune', 'M')).toMatchObject({ searches: 30, reachable: 1, demandPressure: 30 });
  });

  it('ranks as the highest pressure in the gap score and is explained without a ratio', () => {
    const rows = [...model.rows({ levels: ['commune'], keys: ['food'] })];
    const zones = scoreGaps(rows, { explainTop: Infinity });
    const n = zones.find((z) => z.code === 'N')!;
    const m = zones.find((z) => z.code === 'M')!;
    expect(n.components.demand.value).toBe(1);
    expect(m.components.demand.value).toBe(0.5);
    const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    const fr = n.explanation.fr.map(norm).find((s) => s.includes('recherches'))!;
    expect(fr).toMatch(/: 7 recherches et aucun service accessible$/);
    expect(n.explanation.en.find((s) => s.includes('searches'))).toMatch(/: 7 searches and no reachable service$/);
    expect(n.explanation.fr.join(' ')).not.toMatch(/0 services accessibles|par service/);
  });
});

describe('need-weighted accessibility (E2SFCA with demand = poor population)', () => {
  // A (1,000 inh., 10 % → 100 poor) at 0 m, B (2,000, 20 % → 400 poor) at 3 km, C (500, rate unknown) at 7 km;
  // one food service S at 1 km: A at 1 km (W 1), B at 2 km (W 1), C at 6 km (W 0.66).
  const model = computeCoverage({
    communes: [
      { code: 'A', lat: at(0), lon: 2, population: 1000, departmentCode: '01', regionCode: 'R', epciCode: 'E', povertyRate: 10 },
      { code: 'B', lat: at(3000), lon: 2, population: 2000, departmentCode: '01', regionCode: 'R', epciCode: 'E', povertyRate: 20 },
      { code: 'C', lat: at(7000), lon: 2, population: 500, departmentCode: '01', regionCode: 'R', epciCode: 'E' },
    ],
    services: [svc({ id: 'S', lat: at(1000), lon: 2, communeCode: 'A' })],
    config: { today: '2026-11-15', categoryTheme: { cat_food: 'food' } },
  });

  it('equals the hand computation: R = 1 / Σ poor·W, A = 10⁴ · R · W; null where poverty is unknown', () => {
    const R = 1 / (100 * 1 + 400 * 1); // C has no known poor population: not in the demand
    expect(rowOf(model, 'commune', 'A').accessibilityPoor).toBeCloseTo(10_000 * R, 12);
    expect(rowOf(model, 'commune', 'B').accessibilityPoor).toBeCloseTo(10_000 * R, 12);
    expect(rowOf(model, 'commune', 'C').accessibilityPoor).toBeNull();
    // The total-population index for comparison: R = 1 / (1000 + 2000 + 500·0.66).
    expect(rowOf(model, 'commune', 'A').accessibility).toBeCloseTo(10_000 / 3330, 12);
  });

  it('aggregates weighted by the poor population, and conserves supply: Σ poor·A = 10⁴ · services', () => {
    const d = rowOf(model, 'department', '01');
    expect(d.accessibilityPoor).toBeCloseTo((100 * 20 + 400 * 20) / 500, 12);
    expect(d.accessibilityPoor! * 500).toBeCloseTo(10_000, 9);
    // A key with no service: 0 where poverty is known.
    const none = computeCoverage({
      communes: [
        { code: 'A', lat: at(0), lon: 2, population: 1000, departmentCode: '01', regionCode: 'R', epciCode: 'E', povertyRate: 10 },
      ],
      services: [svc({ id: 'S', lat: at(0), lon: 2, categoryId: 'cat_health', themeId: 'health' })],
      config: {
        today: '2026-11-15',
        categoryTheme: { cat_food: 'food', cat_health: 'health' },
        themes: ['food', 'health'],
        categories: ['cat_health'],
      },
    });
    expect(rowOf(none, 'department', '01', 'food').accessibilityPoor).toBe(0);
  });
});
