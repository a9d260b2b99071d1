import { disclose, isSmall, protectParts, protectRows, suppressSentence } from '@vigie/analytics-domain';
import type {
  CoverageKeyProfile,
  CoverageMapValue,
  CoverageMetric,
  CoverageSnapshotInfo,
  GapInfo,
  PriorityZone,
  SettlementAccessItem,
  QualityView,
  SettlementAccessList,
  WhatIfResponse,
} from '@vigie/contracts';
import type { RawCounts, RawKeyProfile, RawMapValue, RawPriorityZone } from '../coverage/coverage.repository.js';

// ---------------------------------------------------------------------------------------------------------
// Statistical secrecy of the coverage answers (docs/PRIVACY.md, "Small counts"): every coverage route (and the
// COPIL pack) serves its rows through these functions with the viewer's k (null: exact, admins and coordinators
// of the territory; `secrecyThreshold` in common/viewer.ts). The rules themselves are in @vigie/analytics-domain (sdc.ts).
// ---------------------------------------------------------------------------------------------------------

/** One territory's searches, zero-result searches (and the searches with results they imply) protected together. */
function searchSecrecy(searches: number, zero: number, k: number | null) {
  const p = protectRows({ total: searches, totalZero: zero, rows: [], rest: null }, k);
  const shown = k === null || p.total === 'shown';
  return { p, shown, zeroShown: shown && (k === null || p.totalZero === 'shown') };
}

function discloseGap(gap: GapInfo | null, counts: RawCounts, k: number | null): GapInfo | null {
  if (!gap || k === null) return gap;
  const s = searchSecrecy(counts.searches, counts.zero, k);
  const components = { ...gap.components };
  // The zero-result component is rate × min(1, searches / minimum): with few searches it gives the count back.
  if (components['zeroResults'] && !s.zeroShown) components['zeroResults'] = { ...components['zeroResults'], value: null };
  const sentence = (t: string) => suppressSentence(t, k, { rateHidden: !s.zeroShown });
  return {
    ...gap,
    components,
    explanation: { fr: gap.explanation.fr.map(sentence), en: gap.explanation.en.map(sentence) },
  };
}

/** A territory profile as the viewer may see it. */
export function discloseProfile(keys: readonly RawKeyProfile[], k: number | null): CoverageKeyProfile[] {
  return keys.map((key) => {
    const s = searchSecrecy(key.searches, key.zeroResults, k);
    const counts = { searches: key.searches, zero: key.zeroResults, residentsBeyond: key.settlementResidentsBeyond };
    return {
      ...key,
      searches: disclose(key.searches, s.p.total, k),
      zeroResults: disclose(key.zeroResults, s.p.totalZero, k),
      searchesPer10k: s.shown ? key.searchesPer10k : null,
      zeroResultRate: s.zeroShown ? key.zeroResultRate : null,
      demandPressure: s.shown ? key.demandPressure : null,
      // « No reachable service » says there were searches: hidden with them.
      demandPressureReason: s.shown ? key.demandPressureReason : null,
      settlementResidentsBeyond: disclose(
        key.settlementResidentsBeyond,
        k !== null && isSmall(key.settlementResidentsBeyond, k) ? 'primary' : 'shown',
        k,
      ),
      gap: discloseGap(key.gap, counts, k),
    };
  });
}

/** Map metrics computed from counts: searches, zero-result searches, settlement residents. */
const COUNT_METRICS: Partial<Record<CoverageMetric, 'searches' | 'zero' | 'residents'>> = {
  searches_per_10k: 'searches',
  demand_pressure: 'searches',
  zero_result_rate: 'zero',
  settlement_residents_beyond: 'residents',
};

/**
 * Map values as the viewer may see them. The children of a map add up to their parent (whose counts any
 * viewer reads in its profile), so they are protected as one table under the parent's counts: a child's
 * value computed from a count under 11 is null, and so is the value of another child when it would let the
 * parent's margin give the small one back. Values × population never give a count under 11.
 */
export function discloseMap(
  values: readonly RawMapValue[],
  metric: CoverageMetric,
  parent: RawCounts | null,
  k: number | null,
): CoverageMapValue[] {
  const strip = (v: RawMapValue): CoverageMapValue => ({
    code: v.code,
    name: v.name,
    population: v.population,
    value: v.value,
    reason: v.reason ?? null,
    covered: v.covered,
    coverage: v.coverage,
  });
  const kind = COUNT_METRICS[metric];
  if (k === null || !kind) return values.map(strip);
  const rows = values.map((v) => v.counts ?? { searches: 0, zero: 0, residentsBeyond: 0 });
  if (kind === 'residents') {
    const total = parent?.residentsBeyond ?? rows.reduce((a, r) => a + r.residentsBeyond, 0);
    const p = protectParts(
      total,
      rows.map((r) => r.residentsBeyond),
      k,
    );
    return values.map((v, i) => ({ ...strip(v), value: p.parts[i] === 'shown' ? v.value : null, reason: null }));
  }
  const sum = rows.reduce((a, r) => [a[0] + r.searches, a[1] + r.zero], [0, 0]);
  const total = parent ?? { searches: sum[0], zero: sum[1], residentsBeyond: 0 };
  const p = protectRows(
    {
      total: total.searches,
      totalZero: total.zero,
      rows: rows.map((r) => ({ count: r.searches, zero: r.zero })),
      rest: sum[0] <= total.searches && sum[1] <= total.zero ? { count: total.searches - sum[0], zero: total.zero - sum[1] } : null,
    },
    k,
  );
  return values.map((v, i) => {
    const shown = p.rows[i].count === 'shown' && (kind === 'searches' || p.rows[i].zero === 'shown');
    return { ...strip(v), value: shown ? v.value : null, reason: shown ? (v.reason ?? null) : null };
  });
}

/** Priority zones with their explanation sentences stripped of counts under 11 (and what is computed from them). */
export function disclosePriorities(zones: readonly RawPriorityZone[], k: number | null): PriorityZone[] {
  return zones.map(({ counts, ...z }) => {
    const gap = discloseGap({ score: z.score, rank: z.rank, components: z.components, explanation: z.explanation }, counts, k)!;
    return { ...z, components: gap.components, explanation: gap.explanation };
  });
}

/**
 * Settlements as the viewer may see them. Exact viewers (admins, coordinators of the territory) get the
 * residents; others get residents only when no site under 11 could be recovered from the total, sites in
 * commune order (an order by residents would bound the hidden ones), and the distances as classes (the
 * repository already gave them no metres).
 */
export function discloseSettlements(snapshot: CoverageSnapshotInfo, items: SettlementAccessItem[], k: number | null): SettlementAccessList {
  const residents = items.reduce((s, i) => s + (i.population ?? 0), 0);
  const sitesBeyondAny = items.filter((i) => i.distances.some((d) => d.beyond)).length;
  if (k === null) return { snapshot, sites: items.length, residents, sitesBeyondAny, items };
  const p = protectParts(
    residents,
    items.map((i) => i.population ?? 0),
    k,
  );
  const shown = items
    .map((i, n) => ({ ...i, population: p.parts[n] === 'shown' ? i.population : null }))
    .sort((a, b) => a.communeCode.localeCompare(b.communeCode) || a.id - b.id);
  return { snapshot, sites: items.length, residents: disclose(residents, p.total, k), sitesBeyondAny, items: shown };
}

/** What-if answers never say which settlements gain access to COPIL and funders: probing points would locate them. */
export function discloseWhatIf(response: WhatIfResponse, k: number | null): WhatIfResponse {
  if (k === null) return response;
  return { ...response, keys: response.keys.map((x) => ({ ...x, settlementSitesGaining: null, settlementResidentsGaining: null })) };
}

/**
 * Data quality: the records to update come with their category's searches, the cells of a search breakdown by
 * category over 12 months without its secondary secrecy: not given to COPIL and funders.
 */
export function discloseQuality<T extends Pick<QualityView, 'toUpdate'>>(view: T, k: number | null): T {
  if (k === null) return view;
  return { ...view, toUpdate: view.toUpdate.map((r) => ({ ...r, categorySearches: null })) };
}
