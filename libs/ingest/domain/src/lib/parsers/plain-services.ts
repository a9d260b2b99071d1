import { serviceCategory } from '../category.js';
import type { GeoResolver } from '../geo-resolver.js';
import { readCsv } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import { resolveLocation } from '../location.js';
import type { ParsedRow, PlaceStatus, ServiceRecord } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { isoTimestamp, parseDate, parseEnum, text } from '../values.js';
import { csvFields } from './fields.js';
import { PLACE_STATUSES } from './soliguide-places.js';

export const PLAIN_SERVICES_COLUMNS = [
  'id',
  'name',
  'category',
  'lat',
  'lon',
  'address',
  'postal_code',
  'commune_code',
  'status',
  'updated_at',
  'phone',
  'website',
] as const;

const STATUS: Record<string, PlaceStatus> = {
  ONLINE: 'ONLINE',
  OFFLINE: 'OFFLINE',
  DRAFT: 'DRAFT',
  PERMANENTLY_CLOSED: 'PERMANENTLY_CLOSED',
  'en ligne': 'ONLINE',
  ouvert: 'ONLINE',
  'hors ligne': 'OFFLINE',
  brouillon: 'DRAFT',
  'ferme definitivement': 'PERMANENTLY_CLOSED',
};

export interface PlainServicesOptions extends ParseOptions {
  geo: GeoResolver;
}

/**
 * Plain services CSV (`,` or `;`, UTF-8 or Windows-1252), header
 * `id,name,category,lat,lon,address,postal_code,commune_code,status,updated_at,phone,website`.
 * `category` takes any Soliguide spelling (id, former id, legacy number, slug, label). A row needs
 * lat/lon or a resolvable commune (commune_code or postal_code). `status` defaults to ONLINE.
 * A header without `id`, `name` or `category` stops the import with one error on line 1.
 */
export async function* parsePlainServicesCsv(source: TextSource, options: PlainServicesOptions): AsyncGenerator<ParsedRow<ServiceRecord>> {
  const now = options.now ?? new Date();
  for await (const item of readCsv(source)) {
    if (item.kind === 'error') {
      yield unreadable(item.line, item.reason);
    } else if (item.kind === 'header') {
      const missing = ['id', 'name', 'category'].filter((c) => !item.keys.includes(c));
      if (missing.length) {
        yield unreadable(1, `missing column(s): ${missing.join(', ')} (expected ${PLAIN_SERVICES_COLUMNS.join(',')})`, missing.join(','));
        return;
      }
    } else {
      const f = csvFields(item.values);
      const id = text(f.pick('id'));
      const issues = new RowIssues(item.line, id ?? undefined);
      if (!id) issues.add('id', 'missing id');
      const name = text(f.pick('name'));
      if (!name) issues.add('name', 'missing name');
      const cat = serviceCategory([f.pick('category')], 'category', issues);
      const location = resolveLocation(
        {
          lat: f.pick('lat', 'latitude'),
          lon: f.pick('lon', 'longitude'),
          cityCode: f.pick('commune_code', 'code_insee'),
          postalCode: f.pick('postal_code'),
          address: f.pick('address'),
        },
        options.geo,
        issues,
        { lat: 'lat', lon: 'lon', cityCode: 'commune_code' },
      );
      const status =
        f.pick('status') === undefined ? 'ONLINE' : parseEnum(f.pick('status'), 'status', issues, STATUS, { allowed: PLACE_STATUSES });
      const updatedAt = isoTimestamp(parseDate(f.pick('updated_at'), 'updated_at', issues, now));
      yield issues.result(() => ({
        source: options.source ?? 'csv',
        sourceId: id!,
        placeSourceId: id!,
        placeName: name!,
        name,
        categoryId: cat!.categoryId,
        themeId: cat!.themeId,
        status: status!,
        visibility: 'ALL',
        location,
        closedPeriods: [],
        saturation: null,
        openingHours: null,
        publics: null,
        languages: [],
        phone: text(f.pick('phone')),
        email: text(f.pick('email')),
        website: text(f.pick('website')),
        description: text(f.pick('description')),
        createdAt: null,
        updatedAt,
        campaignStatus: null,
      }));
    }
  }
}
