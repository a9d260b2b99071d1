// The Soliguide service taxonomy: 11 themes, 123 categories (134 ids in all), labels fr/en/es, and the
// mapping of legacy numeric ids, former ids and legacy slugs to current ids. Pure data and lookups.
// Numeric codes by era (Soliguide renumbered them in 2022): see legacy-eras.ts.
export * from './lib/types.js';
export * from './lib/taxonomy.js';
export * from './lib/legacy-eras.js';
