import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A counter bumped in the same transaction as every rollup change: read-side caches key on it. */
export class RollupVersion1764000000004 implements MigrationInterface {
  name = 'RollupVersion1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_rollup_version (id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1), version bigint NOT NULL);
      INSERT INTO search_rollup_version (id, version) VALUES (1, 0);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_rollup_version`);
  }
}
