import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import {
  buildTerritoryDataset,
  parsePovertyCsv,
  searchKey,
  type PovertyReferenceRecord,
  type TerritoryDataset,
} from '@vigie/territory-domain';

const require = createRequire(import.meta.url);
const FILES = ['communes.csv', 'communes.topojson', 'departements.geojson', 'regions.geojson', 'arrondissements-municipaux.geojson'];
/** INSEE Filosofi 2021 poverty rates shipped in data/indicators (README there), next to data/geo. */
const POVERTY_FILES: [string, PovertyReferenceRecord['level']][] = [
  ['communes-pauvrete.csv', 'commune'],
  ['arrondissements-pauvrete.csv', 'commune'],
  ['departements-pauvrete.csv', 'department'],
];
const POVERTY_SOURCE = 'INSEE, Filosofi 2021 (Licence Ouverte)';

/** data/indicators beside data/geo; absent (a custom VIGIE_GEO_DIR without it): no shipped poverty rates. */
export function indicatorsDirOf(geoDir: string): string | null {
  const dir = join(geoDir, '..', 'indicators');
  return POVERTY_FILES.every(([f]) => existsSync(join(dir, f))) ? dir : null;
}
const GEO_LOCK = 764_000_002;
const COUNTRY = 'FR';

export interface GeographyLoadResult {
  loaded: boolean;
  hash: string;
  counts: Record<string, number>;
  ms: number;
}

/** Hash of the geography files and of the decoupage-administratif version: the dataset's identity. */
export function geographyHash(geoDir: string): string {
  const h = createHash('sha256');
  for (const f of FILES) h.update(f).update(readFileSync(join(geoDir, f)));
  const indicators = indicatorsDirOf(geoDir);
  if (indicators) for (const [f] of POVERTY_FILES) h.update(f).update(readFileSync(join(indicators, f)));
  h.update(require('@etalab/decoupage-administratif/package.json').version);
  return h.digest('hex').slice(0, 16);
}

/**
 * Loads the French geography into Postgres, idempotently: nothing happens when the stored dataset
 * has the same hash; otherwise everything is replaced in one transaction (readers never see half).
 */
export async function loadGeography(ds: DataSource, geoDir: string, opts: { force?: boolean } = {}): Promise<GeographyLoadResult> {
  const t0 = Date.now();
  const hash = geographyHash(geoDir);
  return ds.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [GEO_LOCK]);
    const current = await em.query('SELECT hash, counts FROM territory_dataset WHERE country = $1', [COUNTRY]);
    if (!opts.force && current[0]?.hash === hash) {
      return { loaded: false, hash, counts: current[0].counts, ms: Date.now() - t0 };
    }
    const dataset = buildTerritoryDataset({
      communesCsv: readFileSync(join(geoDir, 'communes.csv'), 'utf8'),
      communesTopology: JSON.parse(readFileSync(join(geoDir, 'communes.topojson'), 'utf8')),
      departments: JSON.parse(readFileSync(join(geoDir, 'departements.geojson'), 'utf8')),
      regions: JSON.parse(readFileSync(join(geoDir, 'regions.geojson'), 'utf8')),
      decoupageCommunes: require('@etalab/decoupage-administratif/data/communes.json'),
      decoupageEpcis: require('@etalab/decoupage-administratif/data/epci.json'),
      arrondissements: JSON.parse(readFileSync(join(geoDir, 'arrondissements-municipaux.geojson'), 'utf8')),
    });
    const indicators = indicatorsDirOf(geoDir);
    const poverty = indicators
      ? POVERTY_FILES.flatMap(([f, level]) => parsePovertyCsv(readFileSync(join(indicators, f), 'utf8'), level))
      : [];
    await writeDataset(em, dataset);
    await writePoverty(em, poverty);
    await reattributeToArrondissements(em);
    const counts = {
      regions: dataset.regions.length,
      departments: dataset.departments.length,
      epcis: dataset.epcis.length,
      communes: dataset.communes.filter((c) => !c.parentCode).length,
      arrondissements: dataset.communes.filter((c) => c.parentCode).length,
      povertyRates: poverty.length,
      postalCodes: dataset.postalCodes.length,
      aliases: dataset.aliases.length,
    };
    await em.query(
      `INSERT INTO territory_dataset (country, hash, counts) VALUES ($1, $2, $3)
       ON CONFLICT (country) DO UPDATE SET hash = EXCLUDED.hash, counts = EXCLUDED.counts, loaded_at = now()`,
      [COUNTRY, hash, JSON.stringify(counts)],
    );
    return { loaded: true, hash, counts, ms: Date.now() - t0 };
  });
}

async function insertChunks(em: EntityManager, sql: string, rows: object[], size = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await em.query(sql, [JSON.stringify(rows.slice(i, i + size))]);
  }
}

async function writeDataset(em: EntityManager, d: TerritoryDataset): Promise<void> {
  // Territories are reference data: upsert in place so that rows referencing them stay valid.
  await insertChunks(
    em,
    `INSERT INTO region (country, code, name, search_name, population, lat, lon, geometry)
     SELECT 'FR', code, name, search_name, population, lat, lon, geometry
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, search_name text, population int, lat float8, lon float8, geometry jsonb)
     ON CONFLICT (country, code) DO UPDATE SET name = EXCLUDED.name, search_name = EXCLUDED.search_name,
       population = EXCLUDED.population, lat = EXCLUDED.lat, lon = EXCLUDED.lon, geometry = EXCLUDED.geometry`,
    d.regions.map((r) => ({ ...r, search_name: searchKey(r.name) })),
  );
  await insertChunks(
    em,
    `INSERT INTO department (country, code, name, search_name, region_code, population, lat, lon, geometry)
     SELECT 'FR', code, name, search_name, "regionCode", population, lat, lon, geometry
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, search_name text, "regionCode" text, population int, lat float8, lon float8, geometry jsonb)
     ON CONFLICT (country, code) DO UPDATE SET name = EXCLUDED.name, search_name = EXCLUDED.search_name, region_code = EXCLUDED.region_code,
       population = EXCLUDED.population, lat = EXCLUDED.lat, lon = EXCLUDED.lon, geometry = EXCLUDED.geometry`,
    d.departments.map((r) => ({ ...r, search_name: searchKey(r.name) })),
  );
  await insertChunks(
    em,
    `INSERT INTO epci (country, code, name, search_name, department_code, region_code, population, lat, lon, geometry)
     SELECT 'FR', code, name, search_name, "departmentCode", "regionCode", population, lat, lon, geometry
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, search_name text, "departmentCode" text, "regionCode" text, population int, lat float8, lon float8, geometry jsonb)
     ON CONFLICT (country, code) DO UPDATE SET name = EXCLUDED.name, search_name = EXCLUDED.search_name, department_code = EXCLUDED.department_code,
       region_code = EXCLUDED.region_code, population = EXCLUDED.population, lat = EXCLUDED.lat, lon = EXCLUDED.lon, geometry = EXCLUDED.geometry`,
    d.epcis.map((r) => ({ ...r, search_name: searchKey(r.name) })),
    500,
  );
  await insertChunks(
    em,
    `INSERT INTO commune (country, code, name, search_name, department_code, region_code, epci_code, population, lat, lon, geometry,
       parent_code, has_arrondissements)
     SELECT 'FR', code, name, search_name, "departmentCode", "regionCode", "epciCode", population, lat, lon, geometry,
       "parentCode", coalesce("hasArrondissements", false)
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, search_name text, "departmentCode" text, "regionCode" text, "epciCode" text,
       population int, lat float8, lon float8, geometry jsonb, "parentCode" text, "hasArrondissements" boolean)
     ON CONFLICT (country, code) DO UPDATE SET name = EXCLUDED.name, search_name = EXCLUDED.search_name, department_code = EXCLUDED.department_code,
       region_code = EXCLUDED.region_code, epci_code = EXCLUDED.epci_code, population = EXCLUDED.population, lat = EXCLUDED.lat,
       lon = EXCLUDED.lon, geometry = EXCLUDED.geometry, parent_code = EXCLUDED.parent_code, has_arrondissements = EXCLUDED.has_arrondissements`,
    // Arrondissements come after every commune (their parent must exist first).
    d.communes.map((r) => ({ ...r, search_name: searchKey(r.name) })),
  );
  await em.query(`DELETE FROM postal_code WHERE country = 'FR'`);
  await insertChunks(
    em,
    `INSERT INTO postal_code (country, postal_code, commune_code)
     SELECT 'FR', "postalCode", "communeCode" FROM jsonb_to_recordset($1::jsonb) AS r("postalCode" text, "communeCode" text)`,
    d.postalCodes,
    10000,
  );
  await em.query(`DELETE FROM commune_alias WHERE country = 'FR'`);
  await insertChunks(
    em,
    `INSERT INTO commune_alias (country, alias, commune_code, kind)
     SELECT 'FR', alias, "communeCode", kind FROM jsonb_to_recordset($1::jsonb) AS r(alias text, "communeCode" text, kind text)`,
    d.aliases,
    10000,
  );
}

async function writePoverty(em: EntityManager, rows: PovertyReferenceRecord[]): Promise<void> {
  await em.query(`DELETE FROM poverty_reference WHERE country = 'FR'`);
  await insertChunks(
    em,
    `INSERT INTO poverty_reference (country, level, code, year, rate, source)
     SELECT 'FR', level, code, year, rate, source FROM jsonb_to_recordset($1::jsonb) AS r(level text, code text, year int, rate float8, source text)`,
    rows.map((r) => ({ ...r, source: POVERTY_SOURCE })),
    10000,
  );
}

/**
 * Rows stored before the arrondissements existed name Paris, Lyon or Marseille as a whole: services and
 * settlements whose postal code belongs to one arrondissement move to it (search events keep the commune: their
 * rollups are not rebuilt here; the coverage engine then leaves them out of the arrondissements' demand).
 */
async function reattributeToArrondissements(em: EntityManager): Promise<void> {
  for (const table of ['service', 'settlement']) {
    const cols: { column_name: string }[] = await em.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name IN ('postal_code', 'commune_code')`,
      [table],
    );
    if (cols.length < 2) continue;
    await em.query(
      `UPDATE ${table} t SET commune_code = a.code
       FROM commune p JOIN commune a ON a.country = p.country AND a.parent_code = p.code
       JOIN postal_code pc ON pc.country = a.country AND pc.commune_code = a.code
       WHERE p.country = 'FR' AND p.has_arrondissements AND t.commune_code = p.code AND t.postal_code = pc.postal_code`,
    );
  }
}
