import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * coverage_value partitioned by snapshot: a recompute writes its ~570,000 rows into a fresh table with
 * no index (COPY), builds the primary key once (sorted) and attaches it as a partition, instead of
 * maintaining a wide B-tree row by row in the shared table (3–5× faster). Reads name their snapshot,
 * so they touch one partition.
 */
export class CoveragePartitions1764000000006 implements MigrationInterface {
  name = 'CoveragePartitions1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE coverage_value RENAME TO coverage_value_unpartitioned;
      ALTER TABLE coverage_value_unpartitioned RENAME CONSTRAINT coverage_value_pkey TO coverage_value_unpartitioned_pkey;
      CREATE TABLE coverage_value (
        LIKE coverage_value_unpartitioned INCLUDING DEFAULTS,
        PRIMARY KEY (snapshot_id, level, key, code),
        FOREIGN KEY (snapshot_id) REFERENCES coverage_snapshot (id) ON DELETE CASCADE
      ) PARTITION BY LIST (snapshot_id);
      DO $$
      DECLARE s bigint;
      BEGIN
        FOR s IN SELECT DISTINCT snapshot_id FROM coverage_value_unpartitioned LOOP
          EXECUTE format('CREATE TABLE coverage_value_s%s PARTITION OF coverage_value FOR VALUES IN (%s)', s, s);
        END LOOP;
      END $$;
      INSERT INTO coverage_value SELECT * FROM coverage_value_unpartitioned;
      DROP TABLE coverage_value_unpartitioned;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coverage_value_plain (LIKE coverage_value INCLUDING DEFAULTS);
      INSERT INTO coverage_value_plain SELECT * FROM coverage_value;
      DROP TABLE coverage_value;
      ALTER TABLE coverage_value_plain RENAME TO coverage_value;
      ALTER TABLE coverage_value ADD PRIMARY KEY (snapshot_id, level, key, code);
      ALTER TABLE coverage_value ADD FOREIGN KEY (snapshot_id) REFERENCES coverage_snapshot (id) ON DELETE CASCADE;
    `);
  }
}
