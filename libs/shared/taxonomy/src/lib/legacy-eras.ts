// Soliguide's numeric category codes (`services_all[].categorie`) by era. Soliguide renumbered them in
// 2022, before it replaced them with string ids (March 2023). The producer's public repository starts in
// 2025, so the old table is rebuilt from what is public:
// - the names of Soliguide's own migrations, recorded in the `changelog` collection of its test dump
//   (solinumasso/soliguide, data/soliguide_db_test.gzip): 20210723114430-fix-hebergement-urgence,
//   20210915095152-modify-708-to-702, 20211028140742-fix-categorie-704, 20220107140208-fix-categorie-useless,
//   20230303151133-modify-category-in-services, 20230303153921-modify-category-in-logs;
// - the current table, packages/common/src/categories/constants/LEGACY_CATEGORIES.const.ts (the codes in
//   use at the switch to string ids: 1302 = emergency accommodation in the test dump);
// - a consumer of the API at the time, ReseauEntourage/entourage-ror
//   app/services/poi_services/soliguide_formatter.rb: its table of 2021-11 (110 INFIRMERIE, 402
//   PERMANENCE_JURIDIQUE, 708 HEBERGEMENT_URGENCE…) and its commit of 2023-05 moving to the new one.
// Codes whose meaning did not change are shared; the others are listed per era below.
//
// Reviewed against the producer's code (2026-12): Soliguide's 2021–2023 category migrations themselves are not in
// its public history (it starts at 4.78.1, January 2025), only their names in the test dump's changelog. The diff of
// entourage-ror's table between its 2021-11 version and commit 5996a42d5 (2023-05-02, "Soliguide: update categories")
// renumbers exactly the codes of ERA_2020 below, plus two it merely renamed: 107 (PLANIFICATION → SUIVI_GROSSESSE)
// and 505 (NUMERISATION → COFFRE_FORT_NUMERIQUE). Soliguide's own LEGACY_CATEGORIES.const.ts keeps 107
// "PLANIFICATION: Soins pour les femmes enceintes" → pregnancy_care and 505 "NUMERISATION: Reconnect, coffre-fort
// numérique" → digital_safe, so they did not change meaning and stay shared. 1122 (ACUPUNCTURE) has no current
// category in either era: Soliguide removed it (migration 20260504000000-remove-acupuncture-services, commit
// 309dc057, removed again from the tree by 6dcf0ee3).
import { resolveCategory, type ResolvedCategory } from './taxonomy.js';

/** '2020': the numbering used until the 2022 renumbering; 'current': the one Soliguide still documents. */
export type CategoryEra = '2020' | 'current';
export const CATEGORY_ERAS: readonly CategoryEra[] = ['2020', 'current'];

interface EraEntry {
  /** Soliguide's label of the code in that era. */
  label: string;
  /** Current category (or theme) id; null when the code has no current equivalent. */
  id: string | null;
}

/** 2020-era codes whose meaning differs from the current table (or that no longer exist). */
const ERA_2020: Record<number, EraEntry> = {
  108: { label: '(unused)', id: null },
  109: { label: 'VACCINATION', id: 'vaccination' },
  110: { label: 'INFIRMERIE', id: 'infirmary' },
  111: { label: 'VETERINAIRE', id: 'vet_care' },
  204: { label: '(unused)', id: null },
  205: { label: 'CHANTIER_DE_REINSERTION', id: 'integration_through_economic_activity' },
  206: { label: 'SOUTIEN_SCOLAIRE', id: 'tutoring' },
  401: { label: 'CONSEIL_LOGEMENT', id: 'access_to_housing' },
  402: { label: 'PERMANENCE_JURIDIQUE', id: 'legal_advice' },
  403: { label: 'DOMICILIATION', id: 'domiciliation' },
  404: { label: 'ACCOMPAGNEMENT_SOCIAL', id: 'social_accompaniment' },
  405: { label: 'ECRIVAIN_PUBLIC', id: 'public_writer' },
  406: { label: 'CONSEIL_HANDICAP', id: 'disability_advice' },
  407: { label: 'CONSEIL_ADMINISTRATIF', id: 'administrative_assistance' },
  408: { label: 'CONSEIL_PARENTS', id: 'parent_assistance' },
  702: { label: 'HEBERGEMENT_URGENCE', id: 'emergency_accommodation' },
  703: { label: 'HEBERGEMENT_LONG_TERME', id: 'long_term_accomodation' },
  704: { label: 'LOGEMENT_BASPRIX (removed in 2021)', id: null },
  705: { label: 'ESPACE_REPOS', id: 'rest_area' },
  706: { label: 'HALTE_NUIT', id: 'overnight_stop' },
  707: { label: 'GARDE_ENFANTS', id: 'babysitting' },
  708: { label: 'HEBERGEMENT_URGENCE (merged into 702 in 2021)', id: 'emergency_accommodation' },
  709: { label: 'POINT_INFORMATION', id: 'information_point' },
  710: { label: 'HEBERGEMENT_CITOYEN', id: 'citizen_housing' },
  805: { label: 'ANIMATIONS_LOISIRS', id: 'other_activities' },
  1122: { label: 'ACUPUNCTURE', id: null },
  1300: { label: '(not yet created)', id: null },
  1301: { label: '(not yet created)', id: null },
  1302: { label: '(not yet created)', id: null },
  1303: { label: '(not yet created)', id: null },
  1304: { label: '(not yet created)', id: null },
  1305: { label: '(not yet created)', id: null },
};

/** Codes that only exist in one era: their presence in an export tells its era. */
export const ERA_MARKERS: Readonly<Record<CategoryEra, readonly number[]>> = {
  '2020': [111, 206, 706, 707, 708, 709, 710, 805],
  current: [1300, 1301, 1302, 1303, 1304, 1305],
};

export type LegacyCategoryAnswer =
  | { kind: 'resolved'; category: ResolvedCategory }
  /** The code means different things in the two eras and the era is not known. */
  | { kind: 'ambiguous'; meanings: Record<CategoryEra, string> }
  /** The code exists in no table (or has no current equivalent in the era given). */
  | { kind: 'unknown'; reason: string };

function currentEntry(code: number): EraEntry | null {
  const r = resolveCategory(code);
  return r ? { label: String(r.categoryId ?? r.themeId), id: r.categoryId ?? r.themeId } : null;
}

function entry(code: number, era: CategoryEra): EraEntry | null {
  if (era === '2020' && Object.hasOwn(ERA_2020, code)) return ERA_2020[code];
  return currentEntry(code);
}

function describe(e: EraEntry | null): string {
  if (!e) return '(unknown)';
  return e.id && e.label !== e.id ? `${e.label} → ${e.id}` : e.id ? e.id : `${e.label}, no current equivalent`;
}

/** Whether a numeric code means the same thing in every era (then no era is needed to read it). */
export function isEraIndependent(code: number): boolean {
  const a = entry(code, '2020');
  const b = entry(code, 'current');
  return (a?.id ?? null) === (b?.id ?? null);
}

/**
 * A numeric Soliguide category code read in the table of its era. Without an era, a code whose
 * meaning changed in 2022 is `ambiguous` (with both meanings), never guessed.
 */
export function resolveLegacyCategory(raw: number | string, era: CategoryEra | null): LegacyCategoryAnswer {
  const code = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(code)) return { kind: 'unknown', reason: `"${String(raw)}" is not a numeric category code` };
  if (era === null && !isEraIndependent(code))
    return { kind: 'ambiguous', meanings: { '2020': describe(entry(code, '2020')), current: describe(entry(code, 'current')) } };
  const e = entry(code, era ?? 'current');
  if (!e) return { kind: 'unknown', reason: `unknown legacy category ${code}` };
  if (!e.id)
    return { kind: 'unknown', reason: `legacy category ${code} (${e.label}) has no current equivalent in ${era ?? 'current'}-era exports` };
  const category = resolveCategory(e.id);
  return category ? { kind: 'resolved', category } : { kind: 'unknown', reason: `unknown legacy category ${code}` };
}

/** The era a code proves, or null (shared by both tables, or unknown). */
export function eraOfCode(raw: number | string): CategoryEra | null {
  const code = typeof raw === 'number' ? raw : Number(String(raw).trim());
  for (const era of CATEGORY_ERAS) if (ERA_MARKERS[era].includes(code)) return era;
  return null;
}
