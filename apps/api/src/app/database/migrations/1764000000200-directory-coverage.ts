import type { MigrationInterface, QueryRunner } from 'typeorm';

const REAL_TO_DOUBLE = [
  'poor_population',
  'services_per_10k',
  'services_per_10k_poor',
  'nearest_m',
  'median_nearest_m',
  'threshold_m',
  'share_beyond',
  'accessibility',
  'searches_per_10k',
  'zero_result_rate',
  'demand_pressure',
  'share_updated_recently',
  'mean_completeness',
  'gap_score',
];

/**
 * Issue 16, "Numbers that do not mislead".
 * - Directory coverage (*couverture de l'annuaire*): `directory_coverage` holds the departments an admin declared
 *   covered, from a day (no foreign key to `department`: a geography reload replaces that table). A snapshot
 *   records the coverage it was computed with (`coverage_snapshot.directory_coverage`) and every value row says
 *   whether its territory is covered, which share of its population and how many of its departments.
 * - Full precision: the metric columns of `coverage_value` were `real` (float4, 7 digits; accessibility was also
 *   rounded to 3 decimals before the write): double precision now, rounding only where a person reads it.
 */
export class DirectoryCoverage1764000000200 implements MigrationInterface {
  name = 'DirectoryCoverage1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_coverage (
        country text NOT NULL DEFAULT 'FR',
        department_code text NOT NULL,
        from_day date NOT NULL,
        note text,
        declared_by text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (country, department_code)
      );
      ALTER TABLE coverage_snapshot ADD COLUMN directory_coverage jsonb;
      ALTER TABLE coverage_value
        ADD COLUMN covered boolean NOT NULL DEFAULT true,
        ADD COLUMN covered_share double precision NOT NULL DEFAULT 1,
        ADD COLUMN covered_departments integer,
        ADD COLUMN departments integer,
        ADD COLUMN total_population bigint,
        ${REAL_TO_DOUBLE.map((c) => `ALTER COLUMN ${c} TYPE double precision`).join(',\n        ')};
      ALTER TABLE coverage_place_quality ALTER COLUMN score TYPE double precision;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE coverage_place_quality ALTER COLUMN score TYPE real;
      ALTER TABLE coverage_value
        DROP COLUMN covered, DROP COLUMN covered_share, DROP COLUMN covered_departments, DROP COLUMN departments, DROP COLUMN total_population,
        ${REAL_TO_DOUBLE.map((c) => `ALTER COLUMN ${c} TYPE real`).join(',\n        ')};
      ALTER TABLE coverage_snapshot DROP COLUMN directory_coverage;
      DROP TABLE directory_coverage;
    `);
  }
}
