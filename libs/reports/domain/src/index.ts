// Reports and exports: CSV / XLSX writers, HTML templates of the printable reports (funder impact
// report, COPIL pack, service lists) and charts rendered to SVG with ECharts' server-side renderer.
// No framework here: the API and the CLI feed it the figures of the API endpoints.
export * from './lib/table.js';
export * from './lib/csv.js';
export * from './lib/xlsx.js';
export * from './lib/html.js';
export * from './lib/i18n.js';
export * from './lib/charts.js';
export * from './lib/map.js';
export * from './lib/sections.js';
export * from './lib/funder.js';
export * from './lib/copil.js';
export * from './lib/services-list.js';
