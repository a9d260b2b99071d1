import { CATEGORIES, THEMES, resolveCategory } from '@vigie/taxonomy';
import { normaliseLabel } from './values.js';
import type { RowIssues } from './validation.js';

/** French/English/Spanish labels of categories and themes → id (e.g. "Distribution alimentaire"). */
const byLabel = new Map<string, string>();
for (const c of [...THEMES, ...CATEGORIES])
  for (const l of [c.fr, c.en, c.es]) if (!byLabel.has(normaliseLabel(l))) byLabel.set(normaliseLabel(l), c.id);

export interface ServiceCategory {
  categoryId: string;
  themeId: string;
}

/**
 * Any Soliguide spelling of a category → current ids: current id, former id, legacy numeric id,
 * legacy slug, or a label in French, English or Spanish. Null when unknown.
 */
export function lookupCategory(raw: unknown): { categoryId: string | null; themeId: string } | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const direct = resolveCategory(raw);
  if (direct) return direct;
  const id = byLabel.get(normaliseLabel(String(raw)));
  return id ? resolveCategory(id) : null;
}

/**
 * A service's category: must name a category (a whole theme such as "food" is refused because
 * coverage is computed per category). Records why otherwise.
 */
export function serviceCategory(raws: unknown[], field: string, issues: RowIssues): ServiceCategory | null {
  const given = raws.filter((r) => r !== null && r !== undefined && r !== '');
  if (given.length === 0) {
    issues.add(field, 'missing category');
    return null;
  }
  for (const r of given) {
    const c = lookupCategory(r);
    if (c?.categoryId) return { categoryId: c.categoryId, themeId: c.themeId };
  }
  const theme = given.map(lookupCategory).find((c) => c !== null);
  issues.add(
    field,
    theme
      ? `"${String(given[0])}" names the theme "${theme.themeId}", not a category`
      : `unknown category ${given.map((g) => `"${String(g)}"`).join(' / ')} (not a Soliguide id, legacy id, slug or label)`,
  );
  return null;
}
