// Streams the demo generator's search events into two files holding the same rows:
// - `source.csv`: the directory's CSV export format (docs/FORMATS.md), read by `vigie import search-events`;
// - `table.tsv`: the search_event columns in COPY text format, for `psql \copy` and the row-by-row insert.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { app } from './common.mjs';

export const TABLE_COLUMNS = [
  'occurred_at',
  'source',
  'source_id',
  'category_id',
  'theme_id',
  'search_text',
  'geo_type',
  'commune_code',
  'department_code',
  'region_code',
  'result_count',
  'user_status',
  'origin',
  'language',
  'admin_search',
];
const GEO_FR = {
  commune: 'ville',
  postal_code: 'codePostal',
  department: 'departement',
  region: 'region',
  position: 'position',
  country: 'pays',
  unknown: '',
};

/** The API's own demo-loader query (communes with their main postal code), from the built app. */
export async function loadCommunes(client) {
  const { loadCommunes: load } = await import(join(app(), 'dist/apps/api/app/demo/demo-loader.js'));
  return load(client);
}

const csvCell = (v) => (v === null || v === undefined ? '' : /[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const tsvCell = (v) =>
  v === null || v === undefined
    ? '\\N'
    : typeof v === 'boolean'
      ? v
        ? 't'
        : 'f'
      : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/**
 * Writes the first `rows` events of the national demo (seed `seed`, the years ending `today`) under `dir`.
 * The sample file holds the first `sample` rows in table format (row-by-row insert).
 */
export async function writeSearchFiles(
  communes,
  { dir, rows, sample = 50_000, seed = 7, today = new Date(), scale = 'national', source = 'bench' },
) {
  const { generateDemo } = await import(join(app(), 'libs/demo/generator/dist/index.js'));
  const demo = generateDemo(communes, { scale, seed, today, years: 2 });
  const files = {
    source: join(dir, 'searches-source.csv'),
    table: join(dir, 'searches-table.tsv'),
    sample: join(dir, 'searches-sample.tsv'),
  };
  const out = { source: createWriteStream(files.source), table: createWriteStream(files.table), sample: createWriteStream(files.sample) };
  const write = async (stream, text) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(
    out.source,
    'id;created_at;category;word;geo_type;city_code;department_code;region_code;nb_results;user_status;origin;language;admin_search\n',
  );
  // Spread the wanted rows over the whole demo history (every k-th event), so a 1.8 M-row file covers 2 years.
  const step = Math.max(1, Math.floor(demo.searchCount / rows));
  let n = 0;
  let i = 0;
  let bufS = '';
  let bufT = '';
  let bufSample = '';
  for (const e of demo.searches()) {
    if (i++ % step !== 0) continue;
    if (n >= rows) break;
    n++;
    bufS +=
      [
        e.sourceId,
        e.occurredAt,
        e.categoryId ?? e.themeId,
        e.searchType,
        GEO_FR[e.geoType] ?? '',
        e.communeCode,
        e.departmentCode,
        e.regionCode,
        e.resultCount,
        e.userStatus,
        e.origin,
        e.language,
        e.adminSearch ? 'true' : 'false',
      ]
        .map(csvCell)
        .join(';') + '\n';
    const t =
      [
        e.occurredAt,
        source,
        e.sourceId,
        e.categoryId,
        e.themeId,
        e.searchType,
        e.geoType,
        e.communeCode,
        e.departmentCode,
        e.regionCode,
        e.resultCount,
        e.userStatus,
        e.origin,
        e.language,
        e.adminSearch,
      ]
        .map(tsvCell)
        .join('\t') + '\n';
    bufT += t;
    if (n <= sample) bufSample += t;
    if (bufS.length > 1 << 20) {
      await write(out.source, bufS);
      await write(out.table, bufT);
      bufS = bufT = '';
      if (bufSample) {
        await write(out.sample, bufSample);
        bufSample = '';
      }
    }
  }
  await write(out.source, bufS);
  await write(out.table, bufT);
  await write(out.sample, bufSample);
  await Promise.all(Object.values(out).map((s) => new Promise((r) => s.end(r))));
  return { files, rows: n, searchCount: demo.searchCount, step };
}
