// Pure ingest parsers: streaming readers (NDJSON, JSON arrays, CSV, XLSX, Extended JSON), a geography
// resolver, and one parser per accepted format producing normalised records or row-level errors.
// No framework, no I/O of its own: callers pass streams in and store what comes out. See docs/FORMATS.md.
export * from './lib/records.js';
export * from './lib/validation.js';
export * from './lib/values.js';
export * from './lib/geo-resolver.js';
export * from './lib/location.js';
export * from './lib/category.js';
export * from './lib/io/source.js';
export * from './lib/io/lines.js';
export * from './lib/io/json.js';
export * from './lib/io/ejson.js';
export * from './lib/io/csv.js';
export * from './lib/io/xlsx.js';
export * from './lib/parsers/soliguide-places.js';
export * from './lib/parsers/soliguide-searches.js';
export * from './lib/parsers/plain-services.js';
export * from './lib/parsers/data-inclusion.js';
export * from './lib/parsers/settlements.js';
export * from './lib/parsers/mutual-aid.js';
export * from './lib/parsers/territory-tables.js';
export { parseTerritory, TERRITORY_LEVELS } from './lib/parsers/territory-fields.js';
export * from './lib/territory-check.js';
export * from './lib/detect.js';
export * from './lib/parsers/soliguide-csv.js';
