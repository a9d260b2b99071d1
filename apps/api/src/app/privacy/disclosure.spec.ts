import type { SettlementAccessItem, WhatIfResponse } from '@vigie/contracts';
import type { RawKeyProfile, RawMapValue, RawPriorityZone } from '../coverage/coverage.repository.js';
import { discloseMap, disclosePriorities, discloseProfile, discloseQuality, discloseSettlements, discloseWhatIf } from './disclosure.js';

const snapshot = { id: 1, referenceDay: '2026-11-01', computedAt: '2026-11-01T00:00:00.000Z', durationMs: 1 };
const K = 11;

function site(id: number, communeCode: string, population: number): SettlementAccessItem {
  return {
    id,
    name: null,
    communeCode,
    communeName: communeCode,
    departmentCode: '95',
    population,
    lat: 49,
    lon: 2,
    precise: false,
    distances: [{ themeId: 'food', meters: null, thresholdMeters: 5000, beyond: true, distanceClass: 'beyond' }],
  };
}

describe('coverage answers through statistical secrecy (pure)', () => {
  it('settlements: residents under 11 hidden with a complement, total kept, commune order; exact viewers unchanged', () => {
    const items = [site(1, '95500', 40), site(2, '95100', 3), site(3, '95300', 25)];
    const out = discloseSettlements(snapshot, items, K);
    expect(out.items.map((i) => [i.id, i.population])).toEqual([
      [2, null],
      [3, null],
      [1, 40],
    ]);
    expect(out.residents).toBe(68);
    expect(out.sitesBeyondAny).toBe(3);
    expect(discloseSettlements(snapshot, items, null).items.map((i) => i.population)).toEqual([40, 3, 25]);
    // One site alone: its residents are the total, hidden too.
    expect(discloseSettlements(snapshot, [site(4, '95100', 8)], K).residents).toEqual({ lt: 11 });
  });

  it("map: children protected under their parent's margin; counts never served", () => {
    const v = (code: string, searches: number, population = 10_000): RawMapValue => ({
      code,
      name: code,
      population,
      value: searches,
      covered: true,
      coverage: null,
      counts: { searches, zero: 0, residentsBeyond: 0 },
    });
    const values = [v('95001', 5), v('95002', 20), v('95003', 30)];
    const out = discloseMap(values, 'searches_per_10k', { searches: 55, zero: 0, residentsBeyond: 0 }, K);
    expect(out.map((x) => x.value)).toEqual([null, null, 30]);
    expect(out.every((x) => !('counts' in x))).toBe(true);
    expect(discloseMap(values, 'gap_score', null, K).map((x) => x.value)).toEqual([5, 20, 30]);
    expect(discloseMap(values, 'searches_per_10k', null, null).map((x) => x.value)).toEqual([5, 20, 30]);
  });

  it('profile: the zero-result count is hidden when the searches with results are under 11, with its rate', () => {
    const key = {
      key: 'food',
      searches: 15,
      zeroResults: 12,
      searchesPer10k: 1.5,
      zeroResultRate: 0.8,
      demandPressure: 3,
      settlementResidentsBeyond: 4,
      gap: null,
    } as unknown as RawKeyProfile;
    const [p] = discloseProfile([key], K);
    expect([p.searches, p.zeroResults, p.zeroResultRate, p.searchesPer10k, p.settlementResidentsBeyond]).toEqual([
      15,
      { secret: true },
      null,
      1.5,
      { lt: 11 },
    ]);
    expect(discloseProfile([key], null)[0].zeroResults).toBe(12);
  });

  it('priorities: sentences lose their small counts, the zero-result component its value, and counts are not served', () => {
    const zone = {
      level: 'commune',
      code: '95046',
      name: 'X',
      key: 'food',
      label: 'Alimentation',
      population: 1000,
      populationBeyond: 10,
      score: 50,
      rank: 1,
      components: { zeroResults: { value: 0.23, weight: 1, share: 0.3 } },
      explanation: {
        fr: ['30 % du score : 43 % des 7 recherches sans résultat'],
        en: ['30% of the score: 43% of 7 searches returned no result'],
      },
      counts: { searches: 7, zero: 3, residentsBeyond: 0 },
      covered: true,
      coverage: { status: 'covered', departments: 1, of: 1, populationShare: 1, totalPopulation: 1000 },
    } as RawPriorityZone;
    const [z] = disclosePriorities([zone], K);
    expect(z.explanation.fr).toEqual(['30 % du score : part non diffusée des < 11 recherches sans résultat']);
    expect(z.explanation.en).toEqual(['30% of the score: undisclosed share of < 11 searches returned no result']);
    expect(z.components['zeroResults'].value).toBeNull();
    expect('counts' in z).toBe(false);
  });

  it('what-if: no settlement gains for COPIL and funders', () => {
    const r = {
      snapshot,
      request: { lat: 49, lon: 2, category: 'food_distribution' },
      keys: [{ key: 'food', settlementSitesGaining: 1, settlementResidentsGaining: 8 }],
    } as unknown as WhatIfResponse;
    expect(discloseWhatIf(r, K).keys[0]).toMatchObject({ settlementSitesGaining: null, settlementResidentsGaining: null });
    expect(discloseWhatIf(r, null).keys[0].settlementResidentsGaining).toBe(8);
  });
});

describe('data quality through statistical secrecy (pure)', () => {
  it('gives COPIL and funders no category searches next to the records to update', () => {
    const view = { toUpdate: [{ serviceId: 1, categorySearches: 4 }] } as unknown as Parameters<typeof discloseQuality>[0];
    expect(discloseQuality(view, 11).toUpdate[0].categorySearches).toBeNull();
    expect(discloseQuality(view, null).toUpdate[0].categorySearches).toBe(4);
  });
});
