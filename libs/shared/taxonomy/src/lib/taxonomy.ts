import { CATEGORY_DEFS, THEME_DEFS } from './soliguide.data.js';
import type { CategoryDef, Lang, ThemeDef } from './types.js';

/** Theme ids of the Soliguide taxonomy (11). */
export const THEMES: readonly ThemeDef[] = [...THEME_DEFS].sort((a, b) => a.rank - b.rank);
/** Category ids below the themes (123), including health's intermediate groups. */
export const CATEGORIES: readonly CategoryDef[] = CATEGORY_DEFS;

const themeById = new Map(THEMES.map((t) => [t.id, t]));
const categoryById = new Map(CATEGORIES.map((c) => [c.id, c]));

/** Every known spelling → current id: current ids, former ids, legacy numeric ids, legacy SEO slugs. */
const aliases = new Map<string, string>();
for (const t of THEMES) {
  aliases.set(t.id, t.id);
  for (const l of t.legacyIds) aliases.set(String(l), t.id);
  for (const s of t.slugs) aliases.set(s, t.id);
}
for (const c of CATEGORIES) {
  aliases.set(c.id, c.id);
  for (const f of c.formerIds) aliases.set(f, c.id);
  for (const l of c.legacyIds) if (!aliases.has(String(l))) aliases.set(String(l), c.id);
  for (const s of c.slugs) if (!aliases.has(s)) aliases.set(s, c.id);
}

export interface ResolvedCategory {
  /** Current category id, or null when the value names a whole theme. */
  categoryId: string | null;
  themeId: string;
}

/**
 * Maps any Soliguide category spelling to current ids: current id ("food_distribution"), former id
 * ("seated_catering"), legacy numeric id (601 or "601"), legacy slug ("accueil-jour"), or a theme id
 * ("food"). Returns null when unknown.
 */
export function resolveCategory(raw: string | number | null | undefined): ResolvedCategory | null {
  if (raw === null || raw === undefined) return null;
  const key = String(raw).trim();
  if (!key) return null;
  const id = aliases.get(key) ?? aliases.get(key.toLowerCase());
  if (!id) return null;
  if (themeById.has(id)) return { categoryId: null, themeId: id };
  const c = categoryById.get(id) as CategoryDef;
  return { categoryId: c.id, themeId: c.theme };
}

export function isCategoryId(id: string): boolean {
  return categoryById.has(id);
}

export function isThemeId(id: string): boolean {
  return themeById.has(id);
}

export function themeOf(categoryId: string): string | null {
  return categoryById.get(categoryId)?.theme ?? null;
}

export function categoriesOfTheme(themeId: string): CategoryDef[] {
  return CATEGORIES.filter((c) => c.themes.includes(themeId));
}

export function categoryLabel(id: string, lang: Lang = 'fr'): string {
  const c = categoryById.get(id) ?? themeById.get(id);
  return c ? c[lang] : id;
}

export function getCategory(id: string): CategoryDef | undefined {
  return categoryById.get(id);
}

export function getTheme(id: string): ThemeDef | undefined {
  return themeById.get(id);
}
