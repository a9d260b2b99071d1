import { createHash } from 'node:crypto';
import type { GeoResolver } from '../geo-resolver.js';
import { readCsv, type CsvItem } from '../io/csv.js';
import { readJsonArray } from '../io/json.js';
import type { TextSource } from '../io/source.js';
import { readXlsx } from '../io/xlsx.js';
import { resolveLocation } from '../location.js';
import type { ParsedRow, SettlementRecord } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { isoDay, isoTimestamp, normaliseLabel, parseCount, parseDate, parseEnum, text } from '../values.js';
import { get, isDoc } from './common.js';
import { csvFields, flatFields, type FieldSource } from './fields.js';

export interface SettlementsOptions extends ParseOptions {
  geo: GeoResolver;
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
 * Living-condition status → access: `good`/"oui" and `toImprove`/"à améliorer" mean the site has
 * access (to improve or not), `bad`/"non" means none, `unknown`/"inconnu"/blank is null. The
 * export's sentences ("Le ramassage des déchets est en place mais à améliorer") are understood too.
 */
export function livingCondition(raw: unknown): boolean | null | undefined {
  const s = text(raw);
  if (!s) return null;
  const k = normaliseLabel(s);
  if (/^(inconnu|unknown)/.test(k)) return null;
  if (/n est pas en place|^(bad|non|no|false|0)\b/.test(k)) return false;
  if (/est en place|^(good|toimprove|to improve|a ameliorer|oui|yes|true|1)\b/.test(k)) return true;
  return undefined;
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
): ParsedRow<SettlementRecord> {
  const explicitId = text(f.pick(...C.id));
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

async function* fromTable(items: AsyncIterable<CsvItem>, options: SettlementsOptions): AsyncGenerator<ParsedRow<SettlementRecord>> {
  const now = options.now ?? new Date();
  for await (const item of items) {
    if (item.kind === 'error') yield unreadable(item.line, item.reason);
    else if (item.kind === 'header') {
      const f = csvFields(new Map(item.keys.map((k) => [k, 'x'])));
      if (f.pick(...C.cityCode) === undefined && f.pick(...C.lat) === undefined) {
        yield unreadable(1, 'no location column: expected "Code INSEE" or "Latitude"/"Longitude"', 'Code INSEE');
        return;
      }
    } else yield mapSettlement(csvFields(item.values), item.line, options, now);
  }
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
  return fromTable(readXlsx(source, { isHeader }), options);
}

/** GeoJSON FeatureCollection of points; `properties` use the same names; the geometry gives lon/lat. */
export async function* parseSettlementsGeoJson(
  source: TextSource,
  options: SettlementsOptions,
): AsyncGenerator<ParsedRow<SettlementRecord>> {
  const now = options.now ?? new Date();
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
    yield mapSettlement(flatFields(props), item.line, options, now, point);
  }
}
