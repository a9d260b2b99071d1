import { createHash } from 'node:crypto';
import type { GeoResolver } from '../geo-resolver.js';
import { readCsv, type CsvItem } from '../io/csv.js';
import { readJsonArray } from '../io/json.js';
import type { TextSource } from '../io/source.js';
import { readXlsx, type XlsxItem } from '../io/xlsx.js';
import { resolveLocation } from '../location.js';
import type { ParsedRow, RowError, SettlementRecord } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { isoDay, isoTimestamp, normaliseLabel, parseCount, parseDate, parseEnum, text } from '../values.js';
import { get, isDoc } from './common.js';
import { csvFields, flatFields, type FieldSource } from './fields.js';

export interface SettlementsOptions extends ParseOptions {
  geo: GeoResolver;
  /**
   * A row that is not a site and is skipped without failing the import (the SUM/total row that RB's
   * export adds under its count columns, kept with its cached results by Excel or LibreOffice).
   */
  onWarning?: (warning: RowError) => void;
  /**
   * Called once the input is read: the site statuses the file covers. From the export's own title
   * ("SITUATION DES BIDONVILLES FERMÉS" / "EXISTANTS", sheet "Sites fermés" / "Sites existants") when it
   * has one, else the statuses of its accepted rows. A full export only marks missing sites of these
   * statuses as removed: a "sites fermés" file never removes the open sites.
   */
  onScope?: (scope: SettlementScope) => void;
}

export interface SettlementScope {
  statuses: ('open' | 'closed')[];
  from: 'title' | 'rows';
}

/** Closing reasons of Résorption-bidonvilles (`status` of a closed site) and their export labels. */
const CLOSING_REASONS: Record<string, string> = {
  resorbed: 'resorbed',
  closed_by_justice: 'closed_by_justice',
  closed_by_pref_admin: 'closed_by_pref_admin',
  closed_by_city_admin: 'closed_by_city_admin',
  other: 'other',
  unknown: 'unknown',
  'Résorption progressive du site': 'resorbed',
  'Décision de justice suite à une plainte du propriétaire': 'closed_by_justice',
  'Décision administrative de la Préfecture': 'closed_by_pref_admin',
  'Décision administrative de la Commune': 'closed_by_city_admin',
  Autre: 'other',
  'Raison inconnue': 'unknown',
  // 2018 statuses
  immediately_expelled: 'other',
  closed_by_admin: 'closed_by_pref_admin',
  covered: 'other',
};
const STATUS: Record<string, 'open' | 'closed'> = { open: 'open', ouvert: 'open', closed: 'closed', ferme: 'closed', fermé: 'closed' };
const OWNER_TYPES: Record<string, string> = {
  Public: 'public',
  Privé: 'private',
  Prive: 'private',
  public: 'public',
  private: 'private',
  Inconnu: 'unknown',
  unknown: 'unknown',
};
const FIELD_TYPES: Record<string, string> = {
  Terrain: 'land',
  'Immeuble bâti': 'building',
  land: 'land',
  building: 'building',
  Inconnu: 'unknown',
  unknown: 'unknown',
};

/**
 * The status sentences of RB's export (`livingConditionsStatusLabels/*.ts` in
 * MTES-MCT/resorption-bidonvilles: good / toImprove / bad; a missing status is written "inconnu").
 * Normalised with {@link normaliseLabel}.
 */
const RB_STATUS_SENTENCES: Record<string, boolean> = {
  // electricityAccessStatusLabels
  'acces a l electricite existant': true,
  'acces a l electricite existant mais a ameliorer': true,
  'acces a l electricite inexistant': false,
  // sanitaryAccessStatusLabels
  'acces a des toilettes existant': true,
  'acces a des toilettes existant mais a ameliorer': true,
  'pas d acces a des toilettes': false,
  // trashEvacuationStatusLabels
  'le ramassage des dechets est en place': true,
  'le ramassage des dechets est en place mais a ameliorer': true,
  'le ramassage des dechets n est pas en place': false,
  // waterAccessStatusLabels
  oui: true,
  'a ameliorer': true,
  non: false,
};

/**
 * Living-condition status → access: `good`/"oui" and `toImprove`/"à améliorer" mean the site has
 * access (to improve or not), `bad`/"non" means none, `unknown`/"inconnu"/"NC"/blank is null. Every
 * sentence of RB's export is known ({@link RB_STATUS_SENTENCES}); close variants are understood too.
 */
export function livingCondition(raw: unknown): boolean | null | undefined {
  const s = text(raw);
  if (!s) return null;
  const k = normaliseLabel(s);
  if (k in RB_STATUS_SENTENCES) return RB_STATUS_SENTENCES[k];
  if (/^(inconnu|unknown|nc)\b/.test(k)) return null;
  if (/n est pas en place|inexistant|^pas d acces|^(bad|non|no|false|0)\b/.test(k)) return false;
  if (/est en place|existant|^(good|toimprove|to improve|a ameliorer|oui|yes|true|1)\b/.test(k)) return true;
  return undefined;
}

/** RB's export writes "NC" (non communiqué) in every empty cell. */
const isNc = (v: string) => v === 'NC' || v === 'N/C';

/** The RB site id in the `Adresse` hyperlink (`${webappUrl}/site/<id>`). */
export function siteIdFromLink(url: string | undefined): string | null {
  const m = url ? /\/site\/(\d+)(?:[/?#]|$)/.exec(url) : null;
  return m ? m[1] : null;
}

/** Column names: the French labels of the site export, then the database/API names. */
const C = {
  id: ['id', 'shantytown_id', 'identifiant'],
  name: ['Appellation du site', 'name', 'appellation'],
  lat: ['Latitude', 'latitude', 'lat'],
  lon: ['Longitude', 'longitude', 'lon'],
  cityCode: ['Code INSEE', 'citycode', 'city_code', 'fk_city', 'code_insee'],
  city: ['Commune', 'city', 'city_name'],
  address: ['Adresse', 'address'],
  status: ['status', 'statut'],
  closingReason: ['Cause de la fermeture', 'closing_reason'],
  builtAt: ["Date d'installation", 'built_at'],
  declaredAt: ['Date de signalement', 'declared_at'],
  closedAt: ['Date de fermeture', 'closed_at'],
  populationTotal: ['Nombre de personnes', 'population_total'],
  populationCouples: ['Nombre de ménages', 'population_couples'],
  populationMinors: ['Nombre de mineurs', 'population_minors'],
  water: ["Statut de l'accès à l'eau", 'water_access_status', 'access_to_water', 'water_status'],
  electricity: [
    "Statut de l'accès à l'électricité",
    'electricity_access_status',
    'electricity_access',
    'electricity_type',
    'electricity_status',
  ],
  sanitary: ["Statut de l'accès aux sanitaires", 'sanitary_access_status', 'access_to_sanitary', 'sanitary_status'],
  trash: ["Statut de l'évacuation des déchets", 'trash_evacuation_status', 'trash_evacuation', 'trash_status'],
  ownerType: ['Type de propriétaire', 'owner_type', 'fk_owner_type'],
  fieldType: ['Type de site', 'field_type', 'fk_field_type'],
  updatedAt: ['Site mis à jour le', 'updated_at'],
} as const;

function mapSettlement(
  f: FieldSource,
  line: number,
  options: SettlementsOptions,
  now: Date,
  point?: [unknown, unknown],
  linkedId?: string | null,
): ParsedRow<SettlementRecord> {
  const explicitId = text(f.pick(...C.id)) ?? linkedId ?? null;
  const issues = new RowIssues(line, explicitId ?? undefined);
  const location = resolveLocation(
    {
      lat: point?.[1] ?? f.pick(...C.lat),
      lon: point?.[0] ?? f.pick(...C.lon),
      cityCode: f.pick(...C.cityCode),
      address: f.pick(...C.address),
      city: f.pick(...C.city),
    },
    options.geo,
    issues,
    { lat: 'Latitude', lon: 'Longitude', cityCode: 'Code INSEE' },
  );
  const builtAt = parseDate(f.pick(...C.builtAt), "Date d'installation", issues, now);
  const declaredAt = parseDate(f.pick(...C.declaredAt), 'Date de signalement', issues, now);
  const closedAt = parseDate(f.pick(...C.closedAt), 'Date de fermeture', issues, now);
  const rawStatus = text(f.pick(...C.status));
  // `status` holds "open" or the closing reason (database); the export gives the reason as a label.
  const reasonRaw =
    f.pick(...C.closingReason) ?? (rawStatus && !(normaliseLabel(rawStatus) in STATUS) && rawStatus !== 'open' ? rawStatus : undefined);
  const closingReason =
    reasonRaw === undefined
      ? null
      : parseEnum(reasonRaw, 'status', issues, CLOSING_REASONS, { allowed: ['open', ...new Set(Object.values(CLOSING_REASONS))] });
  const explicit = rawStatus && normaliseLabel(rawStatus) in STATUS ? STATUS[normaliseLabel(rawStatus)] : null;
  const status = explicit ?? (closingReason || closedAt ? 'closed' : 'open');
  if (status === 'open' && closedAt) issues.add('Date de fermeture', 'an open site has a closing date');
  if (builtAt && closedAt && closedAt < builtAt) issues.add('Date de fermeture', 'closing date before the installation date');

  const access = (names: readonly string[], field: string) => {
    const raw = f.pick(...names);
    const v = livingCondition(raw);
    if (v === undefined)
      issues.add(field, `unknown value "${String(raw)}" (allowed: oui, à améliorer, non, inconnu, or good, toImprove, bad, unknown)`);
    return v ?? null;
  };
  const record = {
    name: text(f.pick(...C.name)),
    populationTotal: parseCount(f.pick(...C.populationTotal), 'Nombre de personnes', issues),
    populationCouples: parseCount(f.pick(...C.populationCouples), 'Nombre de ménages', issues),
    populationMinors: parseCount(f.pick(...C.populationMinors), 'Nombre de mineurs', issues),
    waterAccess: access(C.water, "Statut de l'accès à l'eau"),
    electricityAccess: access(C.electricity, "Statut de l'accès à l'électricité"),
    sanitaryAccess: access(C.sanitary, "Statut de l'accès aux sanitaires"),
    trashEvacuation: access(C.trash, "Statut de l'évacuation des déchets"),
    ownerType: parseEnum(f.pick(...C.ownerType), 'Type de propriétaire', issues, OWNER_TYPES, { allowed: ['Public', 'Privé', 'Inconnu'] }),
    fieldType: parseEnum(f.pick(...C.fieldType), 'Type de site', issues, FIELD_TYPES, { allowed: ['Terrain', 'Immeuble bâti', 'Inconnu'] }),
    updatedAt: isoTimestamp(parseDate(f.pick(...C.updatedAt), 'Site mis à jour le', issues, now)),
  };
  if (record.populationTotal !== null && record.populationMinors !== null && record.populationMinors > record.populationTotal) {
    issues.add('Nombre de mineurs', `more minors (${record.populationMinors}) than people (${record.populationTotal})`);
  }
  // The export has no id column: derive a stable one from what identifies a site.
  const sourceId =
    explicitId ??
    `rb-${createHash('sha1')
      .update([location.communeCode, text(f.pick(...C.address)), record.name, isoDay(builtAt), isoDay(declaredAt)].join('|'))
      .digest('hex')
      .slice(0, 16)}`;
  return issues.result(() => ({
    source: options.source ?? 'resorption-bidonvilles',
    sourceId,
    location,
    status,
    closingReason: status === 'closed' ? (closingReason ?? null) : null,
    builtAt: isoDay(builtAt),
    declaredAt: isoDay(declaredAt),
    closedAt: isoDay(closedAt),
    ...record,
    ownerType: record.ownerType === 'unknown' ? null : record.ownerType,
    fieldType: record.fieldType === 'unknown' ? null : record.fieldType,
  }));
}

/** Columns that identify a site: a row with none of them is not a site (RB's total row). */
const IDENTITY = [...C.id, ...C.name, ...C.lat, ...C.lon, ...C.cityCode, ...C.city, ...C.address] as const;

/** The statuses named by RB's export title rows or sheet name ("sites fermés", "sites existants"). */
export function scopeFromTitle(texts: string[]): ('open' | 'closed')[] | null {
  const t = normaliseLabel(texts.join(' '));
  const closed = /\b(sites|bidonvilles) fermes\b/.test(t);
  const open = /\b(sites|bidonvilles) existants\b/.test(t);
  return closed && !open ? ['closed'] : open && !closed ? ['open'] : null;
}

async function* fromTable(
  items: AsyncIterable<CsvItem | XlsxItem>,
  options: SettlementsOptions,
  titled?: () => string[],
): AsyncGenerator<ParsedRow<SettlementRecord>> {
  const now = options.now ?? new Date();
  const seen = new Set<'open' | 'closed'>();
  for await (const item of items) {
    if (item.kind === 'error') yield unreadable(item.line, item.reason, item.field);
    else if (item.kind === 'header') {
      const f = csvFields(new Map(item.keys.map((k) => [k, 'x'])));
      if (f.pick(...C.cityCode) === undefined && f.pick(...C.lat) === undefined) {
        yield unreadable(1, 'no location column: expected "Code INSEE" or "Latitude"/"Longitude"', 'Code INSEE');
        return;
      }
    } else {
      for (const [k, v] of item.values) if (isNc(v)) item.values.set(k, '');
      const f = csvFields(item.values);
      const formulas = 'formulas' in item ? item.formulas : undefined;
      if (f.pickIn(IDENTITY) === undefined && [...item.values.values()].some((v) => v !== '')) {
        const why = formulas?.size ? 'formulas (SUM)' : 'only totals';
        options.onWarning?.({ line: item.line, field: '*', reason: `total row skipped: no site here, ${why} under the count columns` });
        continue;
      }
      const link = 'links' in item ? siteIdFromLink(item.links?.get('adresse')) : null;
      const row = mapSettlement(f, item.line, options, now, undefined, link);
      if (row.ok) seen.add(row.record.status);
      yield row;
    }
  }
  const fromTitle = titled ? scopeFromTitle(titled()) : null;
  options.onScope?.(
    fromTitle ? { statuses: fromTitle, from: 'title' } : { statuses: [...seen].sort() as ('open' | 'closed')[], from: 'rows' },
  );
}

/**
 * Résorption-bidonvilles sites as CSV: the export's French column titles ("Code INSEE", "Latitude",
 * "Date d'installation", "Nombre de personnes"…) or the database names (built_at, population_total…).
 * The owner's identity, comments and actors columns are never read (personal data).
 */
export function parseSettlementsCsv(source: TextSource, options: SettlementsOptions): AsyncGenerator<ParsedRow<SettlementRecord>> {
  return fromTable(readCsv(source), options);
}

/** The same columns in an XLSX workbook (first sheet; title/section rows above the header are skipped). */
export function parseSettlementsXlsx(source: TextSource, options: SettlementsOptions): AsyncGenerator<ParsedRow<SettlementRecord>> {
  const isHeader = (keys: string[]) => keys.includes('code_insee') || keys.includes('latitude') || keys.includes('citycode');
  let title: string[] = [];
  const onPreamble = ({ sheetName, titleRows }: { sheetName: string; titleRows: string[] }) => (title = [sheetName, ...titleRows]);
  return fromTable(readXlsx(source, { isHeader, onPreamble }), options, () => title);
}

/** GeoJSON FeatureCollection of points; `properties` use the same names; the geometry gives lon/lat. */
export async function* parseSettlementsGeoJson(
  source: TextSource,
  options: SettlementsOptions,
): AsyncGenerator<ParsedRow<SettlementRecord>> {
  const now = options.now ?? new Date();
  const seen = new Set<'open' | 'closed'>();
  for await (const item of readJsonArray(source, { itemsAt: 'features' })) {
    if (!item.ok) {
      yield unreadable(item.line, item.reason);
      continue;
    }
    const props = get(item.value, 'properties');
    if (!isDoc(item.value) || !isDoc(props)) {
      yield unreadable(item.line, 'expected a GeoJSON Feature with properties');
      continue;
    }
    const geometry = get(item.value, 'geometry');
    const type = get(geometry, 'type');
    const coords = get(geometry, 'coordinates');
    if (geometry !== null && geometry !== undefined && type !== 'Point') {
      yield unreadable(item.line, `geometry must be a Point, got ${String(type)}`, 'geometry');
      continue;
    }
    const point = Array.isArray(coords) ? ([coords[0], coords[1]] as [unknown, unknown]) : undefined;
    const row = mapSettlement(
      flatFields(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, typeof v === 'string' && isNc(v) ? '' : v]))),
      item.line,
      options,
      now,
      point,
    );
    if (row.ok) seen.add(row.record.status);
    yield row;
  }
  options.onScope?.({ statuses: [...seen].sort() as ('open' | 'closed')[], from: 'rows' });
}
