// Coverage engine: spatial index over services, great-circle nearest distances and (next) the
// E2SFCA accessibility index and gap scores. Pure TypeScript, no framework.
export * from './lib/geo.js';
export * from './lib/point-index.js';
