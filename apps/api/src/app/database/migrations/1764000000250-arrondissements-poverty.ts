import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16.
 * - Paris, Lyon and Marseille by arrondissement: the 45 arrondissements municipaux are rows of `commune` with
 *   `parent_code` = their commune (75056, 69123, 13055); those three communes get `has_arrondissements`. The
 *   analysis units (engine demand points, commune maps) are the communes without arrondissements plus the
 *   arrondissements; the three communes stay as searchable territories (data/geo/README.md).
 * - Real poverty data: `poverty_reference` holds the INSEE Filosofi rates shipped in data/indicators (loaded with
 *   the geography). The rule that picks each unit's rate (its own, else its own department's as an estimate,
 *   imports included) is `resolvePoverty` in @vigie/territory-domain (docs/METRICS.md, "Poverty").
 */
export class ArrondissementsPoverty1764000000250 implements MigrationInterface {
  name = 'ArrondissementsPoverty1764000000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE commune ADD COLUMN parent_code text, ADD COLUMN has_arrondissements boolean NOT NULL DEFAULT false,
        ADD FOREIGN KEY (country, parent_code) REFERENCES commune (country, code);
      CREATE INDEX commune_parent_idx ON commune (country, parent_code) WHERE parent_code IS NOT NULL;

      CREATE TABLE poverty_reference (
        country text NOT NULL DEFAULT 'FR',
        level text NOT NULL CHECK (level IN ('commune', 'department')),
        code text NOT NULL,
        year integer NOT NULL,
        rate double precision NOT NULL CHECK (rate >= 0 AND rate <= 100),
        source text NOT NULL,
        PRIMARY KEY (country, level, code)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE poverty_reference;
      DELETE FROM postal_code WHERE commune_code IN (SELECT code FROM commune WHERE parent_code IS NOT NULL);
      DELETE FROM commune WHERE parent_code IS NOT NULL;
      ALTER TABLE commune DROP COLUMN parent_code, DROP COLUMN has_arrondissements;
    `);
  }
}
