import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, THEMES, categoryLabel, resolveCategory, themeOf, categoriesOfTheme } from './taxonomy.js';

describe('Soliguide taxonomy', () => {
  it('has 11 themes and 134 ids in all', () => {
    expect(THEMES).toHaveLength(11);
    expect(THEMES.length + CATEGORIES.length).toBe(134);
    expect(THEMES[0].id).toBe('welcome');
  });

  it('matches the reference file exactly (every id of the DAG)', () => {
    const ref = JSON.parse(readFileSync(join(import.meta.dirname, '../../reference/soliguide-categories.json'), 'utf8'));
    const ids = new Set<string>();
    const walk = (nodes: { id: string; categories?: unknown[] }[]) =>
      nodes.forEach((n) => (ids.add(n.id), walk((n.categories ?? []) as never)));
    walk(ref.themes);
    expect(new Set([...THEMES.map((t) => t.id), ...CATEGORIES.map((c) => c.id)])).toEqual(ids);
  });

  it.each([
    ['food_distribution', 'food_distribution', 'food'],
    ['seated_catering', 'food_distribution', 'food'],
    [601, 'food_distribution', 'food'],
    ['602', 'food_distribution', 'food'],
    ['ophthalmology', 'optical_care', 'health'],
    ['mammography', 'std_testing', 'health'],
    ['carpooling', 'transportation_mobility', 'mobility'],
    ['accueil-jour', 'day_hosting', 'welcome'],
    [301, 'shower', 'hygiene_and_wellness'],
    ['addiction', 'addictions', 'health'],
  ])('resolves %p to %s (%s)', (raw, categoryId, themeId) => {
    expect(resolveCategory(raw)).toEqual({ categoryId, themeId });
  });

  it('resolves themes, including legacy numeric theme ids, and rejects unknown values', () => {
    expect(resolveCategory('food')).toEqual({ categoryId: null, themeId: 'food' });
    expect(resolveCategory(600)).toEqual({ categoryId: null, themeId: 'food' });
    expect(resolveCategory('pizza')).toBeNull();
    expect(resolveCategory('')).toBeNull();
    expect(resolveCategory(null)).toBeNull();
  });

  it('knows labels in three languages and the DAG', () => {
    expect(categoryLabel('food_distribution', 'fr')).toBe('Distribution de repas');
    expect(categoryLabel('shower', 'en')).toBe('Showers');
    expect(categoryLabel('shower', 'es')).toBe('Ducha');
    expect(themeOf('parent_assistance')).toBe('counseling');
    expect(categoriesOfTheme('health').map((c) => c.id)).toContain('parent_assistance');
  });
});
