// Ingest domain: normalised records and the pure parsers of every source format.
export * from './lib/records.js';
