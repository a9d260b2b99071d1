import type { ServiceRecord } from '@vigie/ingest-domain';
import { type KindSpec, rowHash, upsertFromStage } from './kind.js';

const COLUMNS: [string, string][] = [
  ['source', 'text'],
  ['source_id', 'text'],
  ['place_source_id', 'text'],
  ['place_name', 'text'],
  ['name', 'text'],
  ['category_id', 'text'],
  ['theme_id', 'text'],
  ['status', 'text'],
  ['visibility', 'text'],
  ['lat', 'float8'],
  ['lon', 'float8'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['postal_code', 'text'],
  ['address', 'text'],
  ['city', 'text'],
  ['country', 'text'],
  ['closed_periods', 'jsonb'],
  ['saturation', 'text'],
  ['opening_hours', 'jsonb'],
  ['publics', 'jsonb'],
  ['languages', 'text[]'],
  ['phone', 'text'],
  ['email', 'text'],
  ['website', 'text'],
  ['description', 'text'],
  ['created_at_source', 'timestamptz'],
  ['updated_at_source', 'timestamptz'],
  ['campaign_status', 'text'],
  ['row_hash', 'text'],
];

export const servicesKind: KindSpec<ServiceRecord> = {
  kind: 'services',
  columns: COLUMNS,
  toRow(r) {
    const values = [
      r.source,
      r.sourceId,
      r.placeSourceId,
      r.placeName,
      r.name,
      r.categoryId,
      r.themeId,
      r.status,
      r.visibility,
      r.location.lat,
      r.location.lon,
      r.location.communeCode,
      r.location.departmentCode,
      r.location.postalCode,
      r.location.address,
      r.location.city,
      r.location.country || 'FR',
      r.closedPeriods,
      r.saturation,
      r.openingHours,
      r.publics,
      r.languages,
      r.phone,
      r.email,
      r.website,
      r.description,
      r.createdAt,
      r.updatedAt,
      r.campaignStatus,
    ];
    return [...values, rowHash(values)];
  },
  identity: (r) => [r.source, r.sourceId],
  async merge(client, stage, importId) {
    return upsertFromStage(client, {
      table: 'service',
      stage,
      key: ['source', 'source_id'],
      columns: [...COLUMNS.map(([c]) => c), 'region_code'],
      importId,
      join: `LEFT JOIN commune c ON c.country = 'FR' AND c.code = s.commune_code`,
      select: {
        department_code: 'coalesce(s.department_code, c.department_code)',
        region_code: 'c.region_code',
      },
      extraSet: ['last_changed_at = now()', 'removed_at = NULL'],
      revive: true,
    });
  },
  async markRemoved(client, seen) {
    const { rowCount } = await client.query(
      `UPDATE service t SET removed_at = now()
       WHERE t.removed_at IS NULL AND t.source IN (SELECT DISTINCT source FROM ${seen})
         AND NOT EXISTS (SELECT 1 FROM ${seen} s WHERE s.source = t.source AND s.source_id = t.source_id)`,
    );
    return rowCount ?? 0;
  },
};
