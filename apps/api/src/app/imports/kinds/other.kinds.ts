import type { ActivityRecord, IndicatorRecord, MutualAidRecord, SettlementRecord, TargetRecord } from '@vigie/ingest-domain';
import { type KindSpec, rowHash, upsertFromStage } from './kind.js';

const COMMUNE_JOIN = `LEFT JOIN commune c ON c.country = 'FR' AND c.code = s.commune_code`;

function withHash(values: unknown[]): unknown[] {
  return [...values, rowHash(values)];
}

const SETTLEMENT_COLUMNS: [string, string][] = [
  ['source', 'text'],
  ['source_id', 'text'],
  ['name', 'text'],
  ['lat', 'float8'],
  ['lon', 'float8'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['address', 'text'],
  ['status', 'text'],
  ['closing_reason', 'text'],
  ['built_at', 'date'],
  ['declared_at', 'date'],
  ['closed_at', 'date'],
  ['population_total', 'int4'],
  ['population_couples', 'int4'],
  ['population_minors', 'int4'],
  ['water_access', 'bool'],
  ['electricity_access', 'bool'],
  ['sanitary_access', 'bool'],
  ['trash_evacuation', 'bool'],
  ['owner_type', 'text'],
  ['field_type', 'text'],
  ['updated_at_source', 'timestamptz'],
  ['row_hash', 'text'],
];

export const settlementsKind: KindSpec<SettlementRecord> = {
  kind: 'settlements',
  columns: SETTLEMENT_COLUMNS,
  toRow: (r) =>
    withHash([
      r.source,
      r.sourceId,
      r.name,
      r.location.lat,
      r.location.lon,
      r.location.communeCode,
      r.location.departmentCode,
      r.location.address,
      r.status,
      r.closingReason,
      r.builtAt,
      r.declaredAt,
      r.closedAt,
      r.populationTotal,
      r.populationCouples,
      r.populationMinors,
      r.waterAccess,
      r.electricityAccess,
      r.sanitaryAccess,
      r.trashEvacuation,
      r.ownerType,
      r.fieldType,
      r.updatedAt,
    ]),
  identity: (r) => [r.source, r.sourceId],
  merge: (client, stage, importId) =>
    upsertFromStage(client, {
      table: 'settlement',
      stage,
      key: ['source', 'source_id'],
      columns: [...SETTLEMENT_COLUMNS.map(([c]) => c), 'region_code'],
      importId,
      join: COMMUNE_JOIN,
      select: { department_code: 'coalesce(s.department_code, c.department_code)', region_code: 'c.region_code' },
      extraSet: ['removed_at = NULL'],
      revive: true,
    }),
  async markRemoved(client, seen) {
    const { rowCount } = await client.query(
      `UPDATE settlement t SET removed_at = now()
       WHERE t.removed_at IS NULL AND t.source IN (SELECT DISTINCT source FROM ${seen})
         AND NOT EXISTS (SELECT 1 FROM ${seen} s WHERE s.source = t.source AND s.source_id = t.source_id)`,
    );
    return rowCount ?? 0;
  },
};

/**
 * Settlements of a full export that covers some statuses only: RB exports open sites ("sites existants")
 * and closed ones ("sites fermés") as two files, so a file only marks missing sites of the statuses it
 * covers as removed (`scope.statuses`, filled while the file is parsed; none known: nothing removed).
 * Without a scope, every missing site of the source is (the previous behaviour, kept for the demo).
 */
export function settlementsKindFor(scope?: { statuses: string[] | null }): KindSpec<SettlementRecord> {
  if (!scope) return settlementsKind;
  return {
    ...settlementsKind,
    async markRemoved(client, seen) {
      const statuses = scope.statuses ?? [];
      if (!statuses.length) return 0;
      const { rowCount } = await client.query(
        `UPDATE settlement t SET removed_at = now()
         WHERE t.removed_at IS NULL AND t.status = ANY($1::text[]) AND t.source IN (SELECT DISTINCT source FROM ${seen})
           AND NOT EXISTS (SELECT 1 FROM ${seen} s WHERE s.source = t.source AND s.source_id = t.source_id)`,
        [statuses],
      );
      return rowCount ?? 0;
    },
  };
}

const MUTUAL_AID_COLUMNS: [string, string][] = [
  ['source', 'text'],
  ['source_id', 'text'],
  ['kind', 'text'],
  ['category', 'text'],
  ['lat', 'float8'],
  ['lon', 'float8'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['created_at_source', 'timestamptz'],
  ['status', 'text'],
  ['row_hash', 'text'],
];

export const mutualAidKind: KindSpec<MutualAidRecord> = {
  kind: 'mutual-aid',
  columns: MUTUAL_AID_COLUMNS,
  toRow: (r) =>
    withHash([
      r.source,
      r.sourceId,
      r.kind,
      r.category,
      r.location.lat,
      r.location.lon,
      r.location.communeCode,
      r.location.departmentCode,
      r.createdAt,
      r.status,
    ]),
  merge: (client, stage, importId) =>
    upsertFromStage(client, {
      table: 'mutual_aid',
      stage,
      key: ['source', 'source_id'],
      columns: [...MUTUAL_AID_COLUMNS.map(([c]) => c), 'region_code'],
      importId,
      join: COMMUNE_JOIN,
      select: { department_code: 'coalesce(s.department_code, c.department_code)', region_code: 'c.region_code' },
    }),
};

const INDICATOR_COLUMNS: [string, string][] = [
  ['level', 'text'],
  ['code', 'text'],
  ['indicator', 'text'],
  ['year', 'int4'],
  ['value', 'float8'],
  ['unit', 'text'],
  ['source', 'text'],
  ['row_hash', 'text'],
];

export const indicatorsKind: KindSpec<IndicatorRecord> = {
  kind: 'indicators',
  columns: INDICATOR_COLUMNS,
  toRow: (r) => withHash([r.level, r.code, r.indicator, r.year, r.value, r.unit, r.source]),
  merge: (client, stage, importId) =>
    upsertFromStage(client, {
      table: 'indicator',
      stage,
      key: ['level', 'code', 'indicator', 'year'],
      columns: INDICATOR_COLUMNS.map(([c]) => c),
      importId,
    }),
};

const ACTIVITY_COLUMNS: [string, string][] = [
  ['source', 'text'],
  ['source_id', 'text'],
  ['kind', 'text'],
  ['date', 'date'],
  ['level', 'text'],
  ['code', 'text'],
  ['title', 'text'],
  ['people', 'int4'],
  ['listeners', 'int4'],
  ['funder', 'text'],
  ['amount', 'numeric'],
  ['row_hash', 'text'],
];

export function activitiesKind(source: string): KindSpec<ActivityRecord> {
  return {
    kind: 'activities',
    columns: ACTIVITY_COLUMNS,
    toRow: (r) => withHash([source, r.sourceId, r.kind, r.date, r.level, r.code, r.title, r.people, r.listeners, r.funder, r.amount]),
    merge: (client, stage, importId) =>
      upsertFromStage(client, {
        table: 'activity',
        stage,
        key: ['source', 'source_id'],
        columns: [...ACTIVITY_COLUMNS.map(([c]) => c), 'department_code', 'region_code'],
        importId,
        join: `LEFT JOIN department d ON d.country = 'FR' AND s.level = 'department' AND d.code = s.code
               LEFT JOIN commune c ON c.country = 'FR' AND s.level = 'commune' AND c.code = s.code`,
        select: {
          department_code: `coalesce(d.code, c.department_code)`,
          region_code: `coalesce(d.region_code, c.region_code, CASE WHEN s.level = 'region' THEN s.code END)`,
        },
      }),
  };
}

const TARGET_COLUMNS: [string, string][] = [
  ['level', 'text'],
  ['code', 'text'],
  ['year', 'int4'],
  ['metric', 'text'],
  ['value', 'float8'],
  ['row_hash', 'text'],
];

export const targetsKind: KindSpec<TargetRecord> = {
  kind: 'targets',
  columns: TARGET_COLUMNS,
  toRow: (r) => withHash([r.level, r.code, r.year, r.metric, r.value]),
  merge: (client, stage, importId) =>
    upsertFromStage(client, {
      table: 'target',
      stage,
      key: ['level', 'code', 'year', 'metric'],
      columns: TARGET_COLUMNS.map(([c]) => c),
      importId,
    }),
};
