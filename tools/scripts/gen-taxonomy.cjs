// Regenerates libs/shared/taxonomy/src/lib/soliguide.data.ts from the Soliguide taxonomy reference.
// Usage: node tools/scripts/gen-taxonomy.cjs [path/to/soliguide-categories.json]
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const src = process.argv[2] ?? join(__dirname, '../../libs/shared/taxonomy/reference/soliguide-categories.json');
const d = require(src);
const cats = new Map();
const themes = [];
function walk(nodes, theme, parent, depth) {
  for (const n of nodes) {
    if (depth === 0) {
      themes.push({
        id: n.id,
        fr: n.label_fr,
        en: n.label_en,
        es: n.label_es,
        rank: n.rank,
        legacyIds: n.legacy_ids ?? [],
        slugs: n.legacy_seo_slugs_before_2023_11_20 ?? [],
      });
    } else {
      const c = cats.get(n.id) ?? {
        id: n.id,
        theme,
        themes: [],
        parents: [],
        fr: n.label_fr,
        en: n.label_en,
        es: n.label_es,
        rank: n.rank,
        legacyIds: n.legacy_ids ?? [],
        formerIds: n.former_ids ?? [],
        slugs: n.legacy_seo_slugs_before_2023_11_20 ?? [],
        countries: n.countries_graph ?? [],
        leaf: !(n.categories && n.categories.length),
      };
      if (!c.themes.includes(theme)) c.themes.push(theme);
      if (!c.parents.includes(parent)) c.parents.push(parent);
      cats.set(n.id, c);
    }
    if (n.categories) walk(n.categories, depth === 0 ? n.id : theme, n.id, depth + 1);
  }
}
walk(d.themes, null, null, 0);
const out =
  `// Generated from the Soliguide taxonomy (${d.source}).\n// Do not edit by hand: regenerate with tools/scripts/gen-taxonomy.cjs from libs/shared/taxonomy/reference/soliguide-categories.json.\n` +
  'import type { CategoryDef, ThemeDef } from "./types.js";\n\n' +
  'export const THEME_DEFS: readonly ThemeDef[] = ' +
  JSON.stringify(themes, null, 1) +
  ';\n\n' +
  'export const CATEGORY_DEFS: readonly CategoryDef[] = ' +
  JSON.stringify([...cats.values()], null, 1) +
  ';\n';
writeFileSync(join(__dirname, '../../libs/shared/taxonomy/src/lib/soliguide.data.ts'), out);
console.log(`${themes.length} themes, ${cats.size} categories`);
