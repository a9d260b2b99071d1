import { DEFAULT_CONFIG, type CoverageRow, type GapWeights, type KeyLabel, type KeyType, type Level } from './types.js';

export type GapComponent = keyof GapWeights;
export const GAP_COMPONENTS: readonly GapComponent[] = ['beyond', 'accessibility', 'demand', 'zeroResults', 'settlements', 'poverty'];

export interface GapComponentValue {
  /** Normalised value, 0 (no problem) – 1 (worst). */
  value: number;
  weight: number;
  /** Share of the score that comes from this component (0–1; 0 when the score is 0). */
  share: number;
}

export interface GapZone {
  level: Level;
  code: string;
  key: string;
  keyType: KeyType;
  /** 0–100. */
  score: number;
  /** 1 = highest score among the territories of the same level and key. */
  rank: number;
  components: Record<GapComponent, GapComponentValue>;
  /** One sentence per significant component (share ≥ 5 %), largest first (empty beyond explainTop). */
  explanation: { fr: string[]; en: string[] };
}

/** Built-in phrases for the Soliguide themes (used when no label is given). */
export const THEME_PHRASES: Record<string, KeyLabel> = {
  food: { fr: 'Alimentation', en: 'Food', frPhrase: "d'une aide alimentaire", enPhrase: 'food aid' },
  hygiene_and_wellness: {
    fr: 'Hygiène et bien-être',
    en: 'Access to hygiene',
    frPhrase: "d'un service d'hygiène (douches, toilettes, eau)",
    enPhrase: 'a hygiene service (showers, toilets, water)',
  },
  health: { fr: 'Santé', en: 'Healthcare', frPhrase: "d'un service de santé", enPhrase: 'a health service' },
  counseling: { fr: 'Conseil', en: 'Counselling', frPhrase: "d'un service d'accès aux droits", enPhrase: 'an access-to-rights service' },
  welcome: { fr: 'Accueil', en: 'Welcome', frPhrase: "d'un lieu d'accueil", enPhrase: 'a drop-in (welcome) service' },
  activities: { fr: 'Activités', en: 'Activities', frPhrase: "d'une activité", enPhrase: 'an activity' },
  training_and_jobs: {
    fr: 'Formation et emploi',
    en: 'Training and employment',
    frPhrase: "d'un service de formation et d'emploi",
    enPhrase: 'a training and employment service',
  },
  accomodation_and_housing: {
    fr: 'Hébergement et logement',
    en: 'Lodging and housing',
    frPhrase: "d'un service d'hébergement et de logement",
    enPhrase: 'a lodging and housing service',
  },
  equipment: { fr: 'Matériel', en: 'Equipment', frPhrase: "d'un service de matériel", enPhrase: 'an equipment service' },
  technology: {
    fr: 'Technologie',
    en: 'Access to technology',
    frPhrase: "d'un service d'accès au numérique",
    enPhrase: 'a digital access service',
  },
  mobility: {
    fr: 'Transport / Mobilité',
    en: 'Transport / Mobility',
    frPhrase: "d'un service de transport et de mobilité",
    enPhrase: 'a transport and mobility service',
  },
};

export interface GapOptions {
  weights?: Partial<GapWeights>;
  minSearchesForRate?: number;
  labels?: Record<string, KeyLabel>;
  /** Explanations for the first N zones of each level × key (default 100; Infinity for all). */
  explainTop?: number;
  /** Or pass a model's config (its gapWeights, minSearchesForRate and labels are used). */
  config?: { gapWeights?: GapWeights; minSearchesForRate?: number; labels?: Record<string, KeyLabel> };
}

/**
 * Values closer than this (relative) are ties: a rate computed two ways (e.g. the same department rate applied to
 * communes then summed) differs in its last bits, and ranks must not follow floating-point noise (issue 16).
 */
export const TIE_TOLERANCE = 1e-9;

/**
 * Rank of each positive value among the positive values / their count, ties sharing their average rank (values within
 * TIE_TOLERANCE, relative, of the smallest value of their run are equal); 0 stays 0. Infinity ranks above every finite
 * value. Equal inputs → equal outputs, whatever the order of the rows.
 */
export function positiveRank(values: readonly number[] | Float64Array, tolerance = TIE_TOLERANCE): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (values[i] > 0) m++;
  if (m === 0) return out;
  // A native numeric sort of the values (no comparator callback), runs of equal values (within the tolerance) in
  // the sorted order, then each value's run by binary search: ranks depend on values only.
  const sorted = new Float64Array(m);
  for (let i = 0, j = 0; i < n; i++) if (values[i] > 0) sorted[j++] = values[i];
  sorted.sort();
  const avg = new Float64Array(m); // average 1-based rank of the run of each sorted position
  for (let a = 0; a < m;) {
    const start = sorted[a];
    let b = a + 1;
    while (b < m && (sorted[b] === start || sorted[b] - start <= tolerance * start)) b++;
    const r = (a + b - 1) / 2 + 1;
    for (let q = a; q < b; q++) avg[q] = r;
    a = b;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v > 0)) continue;
    let lo = 0,
      hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = avg[lo] / m;
  }
  return out;
}

// Intl formatters are costly to create: one per language × format, created on first use.
const formatters = new Map<string, Intl.NumberFormat>();
function fmt(lang: 'fr' | 'en', digits: number, percent: boolean): Intl.NumberFormat {
  const id = `${lang}${digits}${percent}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.NumberFormat(
      lang === 'fr' ? 'fr-FR' : 'en-GB',
      percent ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: digits },
    );
    formatters.set(id, f);
  }
  return f;
}
const nf = (lang: 'fr' | 'en', digits = 0) => fmt(lang, digits, false);
const pct = (lang: 'fr' | 'en', x: number) => fmt(lang, 0, true).format(x);
const km = (lang: 'fr' | 'en', m: number) => `${nf(lang, 1).format(m / 1000)} km`;

function phrase(key: string, labels: Record<string, KeyLabel> | undefined, lang: 'fr' | 'en'): string {
  const l = labels?.[key] ?? THEME_PHRASES[key];
  if (lang === 'fr') return l?.frPhrase ?? `d'un service « ${l?.fr ?? key} »`;
  return l?.enPhrase ?? `a “${l?.en ?? key}” service`;
}

/**
 * Gap scores of territories × keys from snapshot rows. Scores are relative: each component is
 * normalised among the rows of the same level and key, so pass every territory of a level (rows of
 * several levels/keys may be mixed). Returns zones sorted by decreasing score.
 */
/** Code order (ASCII: INSEE codes and ids): localeCompare is ~100× slower and these sorts see 400,000 rows. */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Scores and ranks of every row, in input order, and the explained zones (the first `explainTop` of each level × key). */
export interface GapRanking {
  /** 0–100, per input row; NaN for rows of uncovered territories (covered: false), which are not ranked. */
  scores: Float64Array;
  /** 1 = highest score among the covered rows of the same level and key, per input row; 0 for uncovered rows. */
  ranks: Int32Array;
  /** Input row index → its zone, with components and explanation, for the explained rows only. */
  explained: Map<number, GapZone>;
}

const NC = GAP_COMPONENTS.length;

/**
 * The gap score of every row (docs/METRICS.md §8) without building an object per row: what a snapshot
 * stores for 400,000 commune rows. `scoreGaps` gives the same numbers as full zones.
 */
export function rankGaps(rows: readonly CoverageRow[], opts: GapOptions = {}): GapRanking & { values: Float64Array; refs: Float64Array } {
  const weights: GapWeights = { ...DEFAULT_CONFIG.gapWeights, ...(opts.config?.gapWeights ?? {}), ...(opts.weights ?? {}) };
  const minSearches = opts.minSearchesForRate ?? opts.config?.minSearchesForRate ?? DEFAULT_CONFIG.minSearchesForRate;
  const labels = opts.labels ?? opts.config?.labels;
  const w = GAP_COMPONENTS.map((c) => Math.max(0, weights[c]));
  const wsum = w.reduce((a, b) => a + b, 0) || 1;
  const top = opts.explainTop ?? 100;
  const n = rows.length;
  const scores = new Float64Array(n);
  const totals = new Float64Array(n);
  const ranks = new Int32Array(n);
  const values = new Float64Array(n * NC); // component values, NC per row
  const refs = new Float64Array(n); // reference accessibility of each row's group
  const explained = new Map<number, GapZone>();
  const codeOrders: CodeOrderCache = new Map();
  const groups = new Map<string, number[]>();
  // Territories the directory does not cover are not ranked (score NaN, rank 0): their zero is no data, not no need.
  scores.fill(NaN);
  for (let i = 0; i < n; i++) {
    if (rows[i].covered === false) continue;
    const g = `${rows[i].level}\u0000${rows[i].key}`;
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  }
  for (const list of groups.values()) {
    const m = list.length;
    // Reference accessibility: population-weighted mean over the rows (= national mean for a full level).
    let pa = 0,
      pp = 0;
    for (const i of list) {
      const r = rows[i];
      if (r.accessibility !== null) {
        pa += r.population * r.accessibility;
        pp += r.population;
      }
    }
    const ref = pp > 0 ? pa / pp : 0;
    const col = (f: (r: CoverageRow) => number) => {
      const a = new Float64Array(m);
      for (let j = 0; j < m; j++) a[j] = f(rows[list[j]]);
      return a;
    };
    // Searches with no reachable service: the highest pressure (Infinity ranks first), though no ratio is shown.
    const demand = positiveRank(col((r) => r.demandPressure ?? (r.searches > 0 && r.reachable === 0 ? Infinity : 0)));
    const settlements = positiveRank(col((r) => r.settlementResidentsBeyond));
    const poverty = positiveRank(col((r) => (r.poorPopulation !== null && r.population > 0 ? r.poorPopulation / r.population : 0)));
    for (let j = 0; j < m; j++) {
      const i = list[j];
      const r = rows[i];
      const o = i * NC;
      // Order of GAP_COMPONENTS: beyond, accessibility, demand, zeroResults, settlements, poverty.
      values[o] = r.shareBeyond ?? 0;
      values[o + 1] = r.accessibility === null ? 0 : ref > 0 ? 1 - Math.min(1, r.accessibility / ref) : 0;
      values[o + 2] = demand[j];
      values[o + 3] = r.zeroResultRate === null ? 0 : r.zeroResultRate * Math.min(1, r.searches / minSearches);
      values[o + 4] = settlements[j];
      values[o + 5] = poverty[j];
      let total = 0;
      for (let c = 0; c < NC; c++) total += w[c] * values[o + c];
      totals[i] = total;
      scores[i] = Math.round((total / wsum) * 1000) / 10;
      refs[i] = ref;
    }
    const order = rankOrder(list, scores, rows, codeOrders);
    for (let k = 0; k < m; k++) {
      const i = order[k];
      ranks[i] = k + 1;
      if (k < top) {
        const zone = zoneOf(rows[i], scores[i], k + 1, values, i, totals[i], w, wsum);
        zone.explanation = explain(rows[i], zone.components, ref, labels);
        explained.set(i, zone);
      }
    }
  }
  return { scores, ranks, explained, values, refs };
}

/** Per level: the codes of the last group seen (in row order) and their permutation into code order. */
type CodeOrderCache = Map<string, { codes: string[]; perm: Uint32Array | null }>;

/**
 * The rows of a group by decreasing score, then code. Scores are tenths (0–100, one decimal): a stable
 * counting sort by score over the rows taken in code order gives that order without a comparator sort.
 * The code order of a level's territories is computed once and reused for its other keys (same codes in
 * the same row order). Duplicate codes or scores off the tenths grid: the comparator sort.
 */
function rankOrder(list: readonly number[], scores: Float64Array, rows: readonly CoverageRow[], cache: CodeOrderCache): Uint32Array {
  const m = list.length;
  const comparator = () => Uint32Array.from(list).sort((a, b) => scores[b] - scores[a] || byCode(rows[a].code, rows[b].code));
  if (m === 0) return new Uint32Array(0);
  const level = rows[list[0]].level;
  let entry = cache.get(level);
  let same = entry !== undefined && entry.codes.length === m;
  for (let j = 0; j < m && same; j++) same = entry!.codes[j] === rows[list[j]].code;
  if (!same) {
    const codes = list.map((i) => rows[i].code);
    const perm = Uint32Array.from(codes.keys()).sort((a, b) => byCode(codes[a], codes[b]));
    let unique = true;
    for (let q = 1; q < m && unique; q++) unique = codes[perm[q - 1]] < codes[perm[q]];
    entry = { codes, perm: unique ? perm : null };
    cache.set(level, entry);
  }
  const perm = entry!.perm;
  if (!perm) return comparator();
  const key = new Int32Array(m);
  for (let q = 0; q < m; q++) {
    const sc = scores[list[perm[q]]];
    const t = Math.round(sc * 10);
    if (!(t >= 0 && t <= 1000 && t / 10 === sc)) return comparator();
    key[q] = 1000 - t;
  }
  const start = new Int32Array(1002);
  for (let q = 0; q < m; q++) start[key[q] + 1]++;
  for (let t = 0; t < 1001; t++) start[t + 1] += start[t];
  const order = new Uint32Array(m);
  for (let q = 0; q < m; q++) order[start[key[q]]++] = list[perm[q]];
  return order;
}

function zoneOf(
  r: CoverageRow,
  score: number,
  rank: number,
  values: Float64Array,
  i: number,
  total: number,
  w: number[],
  wsum: number,
): GapZone {
  const components = {} as Record<GapComponent, GapComponentValue>;
  for (let c = 0; c < NC; c++) {
    const v = values[i * NC + c];
    components[GAP_COMPONENTS[c]] = { value: v, weight: w[c] / wsum, share: total > 0 ? (w[c] * v) / total : 0 };
  }
  return { level: r.level, code: r.code, key: r.key, keyType: r.keyType, score, rank, components, explanation: { fr: [], en: [] } };
}

/**
 * Every row of a covered territory as a zone with its components (explanations for the first `explainTop` of each
 * level × key), highest scores first. Rows with `covered: false` are left out.
 */
export function scoreGaps(rows: readonly CoverageRow[], opts: GapOptions = {}): GapZone[] {
  const weights: GapWeights = { ...DEFAULT_CONFIG.gapWeights, ...(opts.config?.gapWeights ?? {}), ...(opts.weights ?? {}) };
  const w = GAP_COMPONENTS.map((c) => Math.max(0, weights[c]));
  const wsum = w.reduce((a, b) => a + b, 0) || 1;
  const g = rankGaps(rows, opts);
  const kept = rows.flatMap((r, i) => (r.covered === false ? [] : [[r, i] as const]));
  const zones = kept.map(([r, i]) => {
    const known = g.explained.get(i);
    if (known) return known;
    let total = 0;
    for (let c = 0; c < NC; c++) total += w[c] * g.values[i * NC + c];
    return zoneOf(r, g.scores[i], g.ranks[i], g.values, i, total, w, wsum);
  });
  return zones.sort((a, b) => b.score - a.score || a.rank - b.rank || byCode(a.code, b.code) || byCode(a.key, b.key));
}

function explain(
  r: CoverageRow,
  comps: Record<GapComponent, GapComponentValue>,
  ref: number,
  labels?: Record<string, KeyLabel>,
): { fr: string[]; en: string[] } {
  const fr: string[] = [];
  const en: string[] = [];
  const order = GAP_COMPONENTS.filter((c) => comps[c].share >= 0.05).sort((a, b) => comps[b].share - comps[a].share);
  for (const c of order) {
    const sf = `${pct('fr', comps[c].share)} du score : `;
    const se = `${pct('en', comps[c].share)} of the score: `;
    switch (c) {
      case 'beyond':
        fr.push(
          `${sf}${nf('fr').format(r.populationBeyond)} habitants à plus de ${km('fr', r.thresholdMeters)} ${phrase(r.key, labels, 'fr')} (${pct('fr', r.shareBeyond ?? 0)} de la population)`,
        );
        en.push(
          `${se}${nf('en').format(r.populationBeyond)} inhabitants more than ${km('en', r.thresholdMeters)} from ${phrase(r.key, labels, 'en')} (${pct('en', r.shareBeyond ?? 0)} of the population)`,
        );
        break;
      case 'accessibility':
        fr.push(
          `${sf}accessibilité de ${nf('fr', 2).format(r.accessibility ?? 0)} service pour 10 000 habitants, contre ${nf('fr', 2).format(ref)} en moyenne`,
        );
        en.push(
          `${se}accessibility of ${nf('en', 2).format(r.accessibility ?? 0)} services per 10,000 inhabitants, against ${nf('en', 2).format(ref)} on average`,
        );
        break;
      case 'demand':
        if (r.demandPressure === null) {
          // No reachable service: the searches alone, never a ratio over 0.
          fr.push(`${sf}${nf('fr').format(r.searches)} recherches et aucun service accessible`);
          en.push(`${se}${nf('en').format(r.searches)} searches and no reachable service`);
        } else {
          fr.push(
            `${sf}${nf('fr').format(r.searches)} recherches pour ${nf('fr').format(r.reachable)} services accessibles (${nf('fr', 1).format(r.demandPressure)} recherches par service)`,
          );
          en.push(
            `${se}${nf('en').format(r.searches)} searches for ${nf('en').format(r.reachable)} reachable services (${nf('en', 1).format(r.demandPressure)} searches per service)`,
          );
        }
        break;
      case 'zeroResults':
        fr.push(`${sf}${pct('fr', r.zeroResultRate ?? 0)} des ${nf('fr').format(r.searches)} recherches sans résultat`);
        en.push(`${se}${pct('en', r.zeroResultRate ?? 0)} of ${nf('en').format(r.searches)} searches returned no result`);
        break;
      case 'settlements':
        fr.push(
          `${sf}${nf('fr').format(r.settlementResidentsBeyond)} personnes dans ${nf('fr').format(r.settlementSitesBeyond)} lieux de vie informels à plus de ${km('fr', r.thresholdMeters)} ${phrase(r.key, labels, 'fr')}`,
        );
        en.push(
          `${se}${nf('en').format(r.settlementResidentsBeyond)} people in ${nf('en').format(r.settlementSitesBeyond)} informal settlements more than ${km('en', r.thresholdMeters)} from ${phrase(r.key, labels, 'en')}`,
        );
        break;
      case 'poverty': {
        const rate = r.poorPopulation !== null && r.population > 0 ? r.poorPopulation / r.population : 0;
        fr.push(`${sf}taux de pauvreté de ${pct('fr', rate)}`);
        en.push(`${se}poverty rate of ${pct('en', rate)}`);
        break;
      }
    }
  }
  return { fr, en };
}
