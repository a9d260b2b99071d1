import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: an import run records the territories of the user who ran it (`scope`, NULL for national users and
 * the CLI). Coordinators see only runs whose scope lies within their own territories; admins see every run.
 * Runs recorded before this migration have no scope: admins only.
 */
export class ImportScope1764000000171 implements MigrationInterface {
  name = 'ImportScope1764000000171';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_run ADD COLUMN scope jsonb CHECK (scope IS NULL OR jsonb_typeof(scope) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_run DROP COLUMN scope`);
  }
}
