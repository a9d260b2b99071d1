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
  hygiene_and_wellness: { fr: 'Hygiène et bien-être', en: 'Access to hygiene', frPhrase: "d'un service d'hygiène (douches, toilettes, eau)", enPhrase: 'a hygiene service (showers, toilets, water)' },
  health: { fr: 'Santé', en: 'Healthcare', frPhrase: "d'un service de santé", enPhrase: 'a health service' },
  counseling: { fr: 'Conseil', en: 'Counselling', frPhrase: "d'un service d'accès aux droits", enPhrase: 'an access-to-rights service' },
  welcome: { fr: 'Accueil', en: 'Welcome', frPhrase: "d'un lieu d'accueil", enPhrase: 'a drop-in (welcome) service' },
  activities: { fr: 'Activités', en: 'Activities', frPhrase: "d'une activité", enPhrase: 'an activity' },
  training_and_jobs: { fr: 'Formation et emploi', en: 'Training and employment', frPhrase: "d'un service de formation et d'emploi", enPhrase: 'a training and employment service' },
  accomodation_and_housing: { fr: 'Hébergement et logement', en: 'Lodging and housing', frPhrase: "d'un service d'hébergement et de logement", enPhrase: 'a lodging and housing service' },
  equipment: { fr: 'Matériel', en: 'Equipment', frPhrase: "d'un service de matériel", enPhrase: 'an equipment service' },
  technology: { fr: 'Technologie', en: 'Access to technology', frPhrase: "d'un service d'accès au numérique", enPhrase: 'a digital access service' },
  mobility: { fr: 'Transport / Mobilité', en: 'Transport / Mobility', frPhrase: "d'un service de transport et de mobilité", enPhrase: 'a transport and mobility service' },
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

/** Rank of each positive value among the positive values (average rank for ties) / count; 0 stays 0. */
export function positiveRank(values: readonly number[]): number[] {
  const pos = values.map((v, i) => ({ v, i })).filter((e) => e.v > 0).sort((a, b) => a.v - b.v);
  const out = values.map(() => 0);
  for (let a = 0; a < pos.length; ) {
    let b = a;
    while (b + 1 < pos.length && pos[b + 1].v === pos[a].v) b++;
    const rank = (a + b) / 2 + 1;
    for (let j = a; j <= b; j++) out[pos[j].i] = rank / pos.length;
    a = b + 1;
  }
  return out;
}

// Intl formatters are costly to create: one per language × format, created on first use.
const formatters = new Map<string, Intl.NumberFormat>();
function fmt(lang: 'fr' | 'en', digits: number, percent: boolean): Intl.NumberFormat {
  const id = `${lang}${digits}${percent}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', percent ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: digits });
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

export function scoreGaps(rows: readonly CoverageRow[], opts: GapOptions = {}): GapZone[] {
  const weights: GapWeights = { ...DEFAULT_CONFIG.gapWeights, ...(opts.config?.gapWeights ?? {}), ...(opts.weights ?? {}) };
  const minSearches = opts.minSearchesForRate ?? opts.config?.minSearchesForRate ?? DEFAULT_CONFIG.minSearchesForRate;
  const labels = opts.labels ?? opts.config?.labels;
  const wsum = GAP_COMPONENTS.reduce((s, c) => s + Math.max(0, weights[c]), 0) || 1;
  const groups = new Map<string, CoverageRow[]>();
  for (const r of rows) {
    const g = `${r.level}\u0000${r.key}`;
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  const zones: GapZone[] = [];
  for (const list of groups.values()) {
    // Reference accessibility: population-weighted mean over the rows (= national mean for a full level).
    let pa = 0, pp = 0;
    for (const r of list) if (r.accessibility !== null) {
      pa += r.population * r.accessibility;
      pp += r.population;
    }
    const ref = pp > 0 ? pa / pp : 0;
    const demand = positiveRank(list.map((r) => r.demandPressure ?? 0));
    const settlements = positiveRank(list.map((r) => r.settlementResidentsBeyond));
    const poverty = positiveRank(list.map((r) => (r.poorPopulation !== null && r.population > 0 ? r.poorPopulation / r.population : 0)));
    const group: GapZone[] = list.map((r, j) => {
      const value: Record<GapComponent, number> = {
        beyond: r.shareBeyond ?? 0,
        accessibility: r.accessibility === null ? 0 : ref > 0 ? 1 - Math.min(1, r.accessibility / ref) : 0,
        demand: demand[j],
        zeroResults: r.zeroResultRate === null ? 0 : r.zeroResultRate * Math.min(1, r.searches / minSearches),
        settlements: settlements[j],
        poverty: poverty[j],
      };
      let total = 0;
      for (const c of GAP_COMPONENTS) total += Math.max(0, weights[c]) * value[c];
      const components = {} as Record<GapComponent, GapComponentValue>;
      for (const c of GAP_COMPONENTS) {
        const w = Math.max(0, weights[c]);
        components[c] = { value: value[c], weight: w / wsum, share: total > 0 ? (w * value[c]) / total : 0 };
      }
      return { level: r.level, code: r.code, key: r.key, keyType: r.keyType, score: Math.round((total / wsum) * 1000) / 10, rank: 0, components, explanation: { fr: [], en: [] } };
    });
    const top = opts.explainTop ?? 100;
    [...group]
      .map((z, j) => ({ z, r: list[j] }))
      .sort((a, b) => b.z.score - a.z.score || byCode(a.z.code, b.z.code))
      .forEach(({ z, r }, i) => {
        z.rank = i + 1;
        if (i < top) z.explanation = explain(r, z.components, ref, labels);
      });
    zones.push(...group);
  }
  return zones.sort((a, b) => b.score - a.score || a.rank - b.rank || byCode(a.code, b.code) || byCode(a.key, b.key));
}

function explain(r: CoverageRow, comps: Record<GapComponent, GapComponentValue>, ref: number, labels?: Record<string, KeyLabel>): { fr: string[]; en: string[] } {
  const fr: string[] = [];
  const en: string[] = [];
  const order = GAP_COMPONENTS.filter((c) => comps[c].share >= 0.05).sort((a, b) => comps[b].share - comps[a].share);
  for (const c of order) {
    const sf = `${pct('fr', comps[c].share)} du score : `;
    const se = `${pct('en', comps[c].share)} of the score: `;
    switch (c) {
      case 'beyond':
        fr.push(`${sf}${nf('fr').format(r.populationBeyond)} habitants à plus de ${km('fr', r.thresholdMeters)} ${phrase(r.key, labels, 'fr')} (${pct('fr', r.shareBeyond ?? 0)} de la population)`);
        en.push(`${se}${nf('en').format(r.populationBeyond)} inhabitants more than ${km('en', r.thresholdMeters)} from ${phrase(r.key, labels, 'en')} (${pct('en', r.shareBeyond ?? 0)} of the population)`);
        break;
      case 'accessibility':
        fr.push(`${sf}accessibilité de ${nf('fr', 2).format(r.accessibility ?? 0)} service pour 10 000 habitants, contre ${nf('fr', 2).format(ref)} en moyenne`);
        en.push(`${se}accessibility of ${nf('en', 2).format(r.accessibility ?? 0)} services per 10,000 inhabitants, against ${nf('en', 2).format(ref)} on average`);
        break;
      case 'demand':
        fr.push(`${sf}${nf('fr').format(r.searches)} recherches pour ${nf('fr').format(r.reachable)} services accessibles (${nf('fr', 1).format(r.demandPressure ?? 0)} recherches par service)`);
        en.push(`${se}${nf('en').format(r.searches)} searches for ${nf('en').format(r.reachable)} reachable services (${nf('en', 1).format(r.demandPressure ?? 0)} searches per service)`);
        break;
      case 'zeroResults':
        fr.push(`${sf}${pct('fr', r.zeroResultRate ?? 0)} des ${nf('fr').format(r.searches)} recherches sans résultat`);
        en.push(`${se}${pct('en', r.zeroResultRate ?? 0)} of ${nf('en').format(r.searches)} searches returned no result`);
        break;
      case 'settlements':
        fr.push(`${sf}${nf('fr').format(r.settlementResidentsBeyond)} personnes dans ${nf('fr').format(r.settlementSitesBeyond)} lieux de vie informels à plus de ${km('fr', r.thresholdMeters)} ${phrase(r.key, labels, 'fr')}`);
        en.push(`${se}${nf('en').format(r.settlementResidentsBeyond)} people in ${nf('en').format(r.settlementSitesBeyond)} informal settlements more than ${km('en', r.thresholdMeters)} from ${phrase(r.key, labels, 'en')}`);
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
