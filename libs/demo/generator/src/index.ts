// Deterministic, realistic demo data over the real French geography: services (Soliguide-like places),
// a streamed search history, informal settlements, mutual aid, indicators and deployment activities.
// Pure TypeScript; every record is one of the normalised records of @vigie/ingest-domain.
export * from './lib/types.js';
export * from './lib/generate.js';
export * from './lib/proportions.js';
export { Rng, AliasTable, hashString } from './lib/random.js';
export { PLACE_INTENSITY, FRANCE_POPULATION, placeWeight } from './lib/services.js';
export { NATIONAL_SEARCHES_PER_YEAR } from './lib/searches.js';
export { SEARCH_RADIUS_KM } from './lib/supply.js';
export { SETTLEMENT_HOTSPOTS, expectedOpenSettlements } from './lib/settlements.js';
export { MUTUAL_AID_CITIES } from './lib/mutual-aid.js';
export { POVERTY_RATE_BASE } from './lib/indicators.js';
export { DEPLOYMENT_DEPARTMENTS, FUNDERS } from './lib/deployment.js';
