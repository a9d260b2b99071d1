import type { GeoResolver } from '../geo-resolver.js';
import { readCsv } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import { resolveLocation } from '../location.js';
import { MUTUAL_AID_CATEGORIES, type MutualAidCategory, type MutualAidRecord, type ParsedRow } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { identity, isoTimestamp, parseDate, parseEnum, text } from '../values.js';
import { csvFields } from './fields.js';

const KINDS: Record<string, MutualAidRecord['kind']> = {
  offer: 'offer',
  offre: 'offer',
  proposition: 'offer',
  request: 'request',
  demande: 'request',
  besoin: 'request',
};
const CATEGORIES: Record<string, MutualAidCategory> = {
  ...identity(MUTUAL_AID_CATEGORIES),
  'faire les courses': 'courses',
  'lien social': 'lien_social',
  'lien social / convivialite': 'lien_social',
  convivialite: 'lien_social',
  numérique: 'numerique',
  'aide numerique': 'numerique',
  'démarches administratives': 'administratif',
  administratif: 'administratif',
  'garde d animaux': 'garde_animaux',
  animaux: 'garde_animaux',
  'transport / mobilite': 'transport',
  mobilite: 'transport',
  'petits travaux': 'bricolage',
  'accompagnement / sortie': 'accompagnement',
  other: 'autre',
};
const STATUSES: Record<string, MutualAidRecord['status']> = {
  offered: 'offered',
  proposee: 'offered',
  proposé: 'offered',
  ouverte: 'offered',
  open: 'offered',
  matched: 'matched',
  'mise en relation': 'matched',
  'en cours': 'matched',
  done: 'done',
  realisee: 'done',
  terminee: 'done',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  annulee: 'cancelled',
};

export interface MutualAidOptions extends ParseOptions {
  geo: GeoResolver;
}

/**
 * Mutual-aid CSV (Voisins Voisines / Ensembl'-style): `id,kind,category,commune_code,lat,lon,created_at,status`
 * (commune_code or lat/lon). Kinds offer/request (offre/demande), the 9 categories by id or French
 * label, statuses offered/matched/done/cancelled (proposée/mise en relation/réalisée/annulée).
 */
export async function* parseMutualAidCsv(source: TextSource, options: MutualAidOptions): AsyncGenerator<ParsedRow<MutualAidRecord>> {
  const now = options.now ?? new Date();
  for await (const item of readCsv(source)) {
    if (item.kind === 'error') yield unreadable(item.line, item.reason);
    if (item.kind !== 'row') continue;
    const f = csvFields(item.values);
    const id = text(f.pick('id'));
    const issues = new RowIssues(item.line, id ?? undefined);
    if (!id) issues.add('id', 'missing id');
    const kind = parseEnum(f.pick('kind', 'type'), 'kind', issues, KINDS, { required: true, allowed: ['offer', 'request'] });
    const category = parseEnum(f.pick('category', 'categorie'), 'category', issues, CATEGORIES, {
      required: true,
      allowed: MUTUAL_AID_CATEGORIES,
    });
    const location = resolveLocation(
      {
        lat: f.pick('lat', 'latitude'),
        lon: f.pick('lon', 'longitude'),
        cityCode: f.pick('commune_code', 'code_insee'),
        postalCode: f.pick('postal_code'),
      },
      options.geo,
      issues,
      { lat: 'lat', lon: 'lon', cityCode: 'commune_code' },
    );
    const created = parseDate(f.pick('created_at', 'date'), 'created_at', issues, now);
    if (!created && !issues.errors.some((e) => e.field === 'created_at')) issues.add('created_at', 'missing date');
    const status = parseEnum(f.pick('status', 'statut'), 'status', issues, STATUSES, {
      required: true,
      allowed: ['offered', 'matched', 'done', 'cancelled'],
    });
    yield issues.result(() => ({
      source: options.source ?? 'mutual-aid',
      sourceId: id!,
      kind: kind!,
      category: category!,
      location,
      createdAt: isoTimestamp(created)!,
      status: status!,
    }));
  }
}
