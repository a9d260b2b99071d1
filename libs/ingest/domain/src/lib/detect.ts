import { columnKey, detectDelimiter } from './io/csv.js';
import { sniffEncoding } from './io/source.js';

/** The producer and layout of a file, recognised from its first bytes and its original name. */
export interface DetectedFormat {
  /** What Vigie imports it as, when it does: kind and format of `POST /api/imports/{kind}?format=`. */
  kind: 'services' | 'search-events' | 'settlements' | null;
  format: 'soliguide' | 'data-inclusion' | 'csv' | 'resorption-bidonvilles' | 'geojson' | null;
  /** How the file is laid out. */
  container: 'xlsx' | 'csv' | 'json' | 'ndjson' | 'geojson' | 'unknown';
  /** For the parsers: data·inclusion schema version, Soliguide CSV export language. */
  variant?: 'v0' | 'v1' | 'search-page' | 'fr' | 'en';
  /** What the file looks like, for messages: "a Soliguide places export (NDJSON)". */
  label: string;
}

/** Bytes to read from the start of a file for {@link detectFormat}. */
export const DETECT_HEAD_BYTES = 64 * 1024;

const has = (text: string, ...keys: string[]) => keys.some((k) => new RegExp(`"${k}"\\s*:`).test(text));

/** Normalised column keys of a CSV header line (quotes honoured). */
function headerKeys(line: string): string[] {
  const d = detectDelimiter(line);
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => columnKey(c));
}

function fromJson(text: string, name: string): DetectedFormat {
  const start = text.trimStart();
  const lines = start.split('\n').filter((l) => l.trim());
  const ndjson = start.startsWith('{') && lines.length > 1 && lines[0].trim().endsWith('}') && lines[1].trim().startsWith('{');
  const geojson =
    /"type"\s*:\s*"FeatureCollection"/.test(text) || (has(text, 'features') && /"geometry"\s*:/.test(text)) || /\.geojson$/i.test(name);
  const layout = geojson ? 'GeoJSON' : ndjson ? 'NDJSON' : 'JSON';
  const container: DetectedFormat['container'] = geojson ? 'geojson' : ndjson ? 'ndjson' : 'json';
  // data·inclusion: thematiques and structure ids; v0 has presentation_* and profils.
  if (has(text, 'thematiques', 'structure_id')) {
    const page = has(text, 'items') && has(text, 'service') && has(text, 'distance');
    const v0 = has(text, 'presentation_resume', 'presentation_detail', 'profils');
    if (!has(text, 'structure_id') && !has(text, 'services', 'service')) {
      return {
        kind: null,
        format: 'data-inclusion',
        container,
        label: `a data·inclusion structures file (${layout}): import it as the companion of its services`,
      };
    }
    const variant = page ? 'search-page' : v0 ? 'v0' : 'v1';
    const what = page ? 'search page' : geojson ? 'services (data.gouv GeoJSON)' : `${v0 ? 'v0' : 'v1'} services (${layout})`;
    return { kind: 'services', format: 'data-inclusion', container, variant, label: `a data·inclusion ${what}` };
  }
  if (has(text, 'date_maj') && has(text, 'nom') && !has(text, 'lieu_id')) {
    return {
      kind: null,
      format: 'data-inclusion',
      container,
      label: `a data·inclusion structures file (${layout}): import it as the companion of its services`,
    };
  }
  if (has(text, 'lieu_id', 'services_all', 'places')) {
    return { kind: 'services', format: 'soliguide', container, label: `a Soliguide places export (${layout})` };
  }
  if (has(text, 'nbResults') || (has(text, 'searchText', 'geoType', 'geoValue') && has(text, 'createdAt'))) {
    return { kind: 'search-events', format: 'soliguide', container, label: `a Soliguide search log (${layout})` };
  }
  if (has(text, 'tempInfoType') || (has(text, 'placeId') && has(text, 'dateDebut'))) {
    return {
      kind: null,
      format: 'soliguide',
      container,
      label: `a Soliguide tempInfos collection (${layout}): import it as the companion of the places`,
    };
  }
  if (
    geojson &&
    has(text, 'population_total', 'built_at', 'declared_at', 'shantytown_id', 'Appellation du site', 'Code INSEE', 'citycode')
  ) {
    return { kind: 'settlements', format: 'resorption-bidonvilles', container, label: 'a Résorption-bidonvilles sites file (GeoJSON)' };
  }
  if (geojson) return { kind: 'settlements', format: 'geojson', container, label: 'a GeoJSON file' };
  return { kind: null, format: null, container, label: `a ${layout} file of no known producer` };
}

function fromCsv(text: string): DetectedFormat {
  const firstLine = text.split('\n', 1)[0].replace(/\r$/, '');
  const keys = new Set(headerKeys(firstLine));
  const any = (...k: string[]) => k.some((x) => keys.has(x));
  const all = (...k: string[]) => k.every((x) => keys.has(x));
  const sep = detectDelimiter(firstLine) === ';' ? '";"' : detectDelimiter(firstLine) === '\t' ? 'tab' : '","';
  const csv = (label: string) => `${label} (CSV, ${sep})`;
  // Soliguide's export: lieu_id ("Numéro de fiche" / "Place number") and the link to the fiche on soliguide.fr.
  const soliguideLink = /soligu(?:i|í)a?\w*\.(?:fr|es|ad)\/[^\s,;"]*fiche\//i.test(text) || [...keys].some((k) => k.includes('soliguide'));
  // "Place ID" (en.json PLACE_NUMBER) is a common name: with the English export's other labels only.
  const placeId = keys.has('place_id') && any('name_of_the_stucture', 'name_of_the_structure', 'last_update', 'schedules');
  if (soliguideLink || placeId || any('lieu_id', 'numero_de_fiche', 'numero_de_la_fiche', 'place_number', 'id_soliguide')) {
    const en = any(
      'place_id',
      'name_of_the_stucture',
      'schedules',
      'place_name',
      'address',
      'city',
      'postal_code',
      'place_number',
      'last_update',
      'opening_hours',
      'hours',
      'phone_numbers',
    );
    return {
      kind: 'services',
      format: 'soliguide',
      container: 'csv',
      variant: en ? 'en' : 'fr',
      label: csv(`a Soliguide CSV export (${en ? 'English' : 'French'} headers)`),
    };
  }
  if (keys.has('thematiques') || (all('structure_id', 'nom') && keys.has('date_maj'))) {
    const v0 = any('presentation_resume', 'presentation_detail', 'profils');
    if (!keys.has('structure_id'))
      return { kind: null, format: 'data-inclusion', container: 'csv', label: csv('a data·inclusion structures file') };
    return {
      kind: 'services',
      format: 'data-inclusion',
      container: 'csv',
      variant: v0 ? 'v0' : 'v1',
      label: csv(`a data·inclusion ${v0 ? 'v0' : 'v1'} services file`),
    };
  }
  if (
    any('code_insee', 'citycode', 'latitude') &&
    any('appellation_du_site', 'nombre_de_personnes', 'population_total', 'date_d_installation', 'built_at', 'shantytown_id')
  ) {
    return { kind: 'settlements', format: 'resorption-bidonvilles', container: 'csv', label: csv('a Résorption-bidonvilles sites export') };
  }
  if (all('id', 'name', 'category')) return { kind: 'services', format: 'csv', container: 'csv', label: csv('a plain services file') };
  if (any('created_at', 'createdat') && any('nb_results', 'nbresults')) {
    return { kind: 'search-events', format: 'csv', container: 'csv', label: csv('a search log') };
  }
  if (all('id', 'kind', 'category') && any('commune_code', 'lat'))
    return { kind: null, format: 'csv', container: 'csv', label: csv('a mutual-aid file') };
  if (all('level', 'code', 'indicator')) return { kind: null, format: 'csv', container: 'csv', label: csv('a territory indicators file') };
  if (all('level', 'code', 'metric')) return { kind: null, format: 'csv', container: 'csv', label: csv('a deployment targets file') };
  if (all('kind', 'date', 'level')) return { kind: null, format: 'csv', container: 'csv', label: csv('a deployment activities file') };
  const shown = [...keys].filter(Boolean).slice(0, 6).join(', ');
  return {
    kind: null,
    format: null,
    container: 'csv',
    label: csv(`a CSV file of no known producer (columns ${shown}${keys.size > 6 ? ', …' : ''})`),
  };
}

/**
 * Recognises a file from its first bytes ({@link DETECT_HEAD_BYTES}) and its original name: Soliguide
 * places (JSON, NDJSON, API answer, CSV export in French or English), Soliguide search logs,
 * data·inclusion v0/v1 services (list, search page, CSV, JSON, data.gouv GeoJSON) and structures,
 * Résorption-bidonvilles sites (XLSX, CSV, GeoJSON), Vigie's own CSVs. The content decides; an XLSX
 * workbook is compressed, so its first strings are passed as `workbookText` ({@link xlsxHeadText}) when
 * the caller has the file; the name helps when they say nothing.
 */
export function detectFormat(head: Uint8Array, fileName = '', workbookText?: string): DetectedFormat {
  const name = fileName.toLowerCase();
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (!/\.xlsx$/.test(name) && !/\.xlsm$/.test(name) && /\.(zip|ods|docx)$/.test(name)) {
      return { kind: null, format: null, container: 'unknown', label: 'a zip archive, not a workbook' };
    }
    // The workbook's first strings (xlsxHeadText) when the caller has the whole file, else the name.
    const t = (workbookText ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    if (/soliguide|soliguia/.test(t)) {
      return { kind: 'services', format: 'soliguide', container: 'xlsx', label: 'a Soliguide XLSX export' };
    }
    if (/\bthematiques\b/.test(t) && /\bstructure_id\b/.test(t)) {
      return {
        kind: null,
        format: 'data-inclusion',
        container: 'xlsx',
        label: 'a data·inclusion XLSX export: take its CSV, JSON or GeoJSON instead',
      };
    }
    const rbText = /situation des bidonvilles|resorption bidonvilles|appellation du site/.test(t);
    const rbName = /resorption|bidonville|sites?-(existants|ferm)/.test(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    return {
      kind: 'settlements',
      format: 'resorption-bidonvilles',
      container: 'xlsx',
      label:
        rbText || rbName
          ? 'a Résorption-bidonvilles sites export (XLSX)'
          : 'an XLSX workbook (read as a Résorption-bidonvilles sites export)',
    };
  }
  if (head.length >= 8 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return { kind: null, format: null, container: 'unknown', label: 'an old Excel 97–2003 (.xls) workbook: save it as .xlsx or CSV' };
  }
  const text = new TextDecoder(sniffEncoding(head)).decode(head).replace(/^\uFEFF/, '');
  if (!text.trim()) return { kind: null, format: null, container: 'unknown', label: 'an empty file' };
  // A stray NUL is a row error for the parser; a file full of them is binary.
  const sample = text.slice(0, 4096);
  if (sample.split('\u0000').length - 1 > sample.length / 20) {
    return { kind: null, format: null, container: 'unknown', label: 'a binary file (NUL bytes), not text' };
  }
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return fromJson(text, name);
  return fromCsv(text);
}

/**
 * The one message for a file given as a kind/format it is not: "this is a Soliguide CSV export, not
 * Soliguide JSON/NDJSON", naming what the file looks like. Null when they agree.
 */
export function formatMismatch(detected: DetectedFormat, kind: string, format: string | undefined): string | null {
  if (detected.kind === kind && (!format || format === detected.format)) return null;
  if (format && detected.format === format && detected.kind === null) return `this file is ${detected.label}, not ${kind}`;
  if (detected.kind === null && detected.format === null) {
    return `this file is ${detected.label}; for ${kind}${format ? ` as ${format}` : ''} see docs/FORMATS.md`;
  }
  if (detected.kind && detected.kind !== kind) return `this file is ${detected.label}: import it as ${detected.kind}, not ${kind}`;
  if (format && detected.format !== format) {
    return `this file is ${detected.label}, not ${format}${detected.format ? ` (use format=${detected.format}, or leave the format out)` : ''}`;
  }
  return `this file is ${detected.label}, which is not imported as ${kind}`;
}
