// Coverage engine: spatial indexes, great-circle nearest distances, E2SFCA accessibility, settlement
// access, search demand, seasonal coverage, data quality, gap scores and what-if. Pure TypeScript.
export * from './lib/geo.js';
export * from './lib/point-index.js';
export * from './lib/sphere-index.js';
export * from './lib/dates.js';
export * from './lib/types.js';
export * from './lib/quality.js';
export * from './lib/model.js';
export * from './lib/seasonal.js';
export * from './lib/what-if.js';
export * from './lib/gaps.js';
