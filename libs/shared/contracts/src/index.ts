// API contracts shared by the Nest API and the Angular dashboard. Types only: the single
// definition of every payload that crosses the wire.
export * from './lib/territories.js';
export * from './lib/health.js';
export * from './lib/errors.js';
export * from './lib/searches.js';
export * from './lib/imports.js';
export * from './lib/coverage.js';
export * from './lib/directory-coverage.js';
export * from './lib/deployment.js';
export * from './lib/auth.js';
export * from './lib/exports.js';
export * from './lib/services.js';
export * from './lib/reports.js';
export * from './lib/calendar.js';
