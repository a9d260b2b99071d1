import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Territories keyed by (country, code): region ⊃ department ⊃ EPCI ⊃ commune, with GeoJSON contours. */
export class Geography1764000000000 implements MigrationInterface {
  name = 'Geography1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE territory_dataset (
        country text PRIMARY KEY,
        hash text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        counts jsonb NOT NULL
      );
      CREATE TABLE region (
        country text NOT NULL DEFAULT 'FR',
        code text NOT NULL,
        name text NOT NULL,
        search_name text NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        lat double precision,
        lon double precision,
        geometry jsonb,
        PRIMARY KEY (country, code)
      );
      CREATE TABLE department (
        country text NOT NULL DEFAULT 'FR',
        code text NOT NULL,
        name text NOT NULL,
        search_name text NOT NULL,
        region_code text NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        lat double precision,
        lon double precision,
        geometry jsonb,
        PRIMARY KEY (country, code),
        FOREIGN KEY (country, region_code) REFERENCES region (country, code)
      );
      CREATE TABLE epci (
        country text NOT NULL DEFAULT 'FR',
        code text NOT NULL,
        name text NOT NULL,
        search_name text NOT NULL,
        department_code text NOT NULL,
        region_code text NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        lat double precision,
        lon double precision,
        geometry jsonb,
        PRIMARY KEY (country, code)
      );
      CREATE TABLE commune (
        country text NOT NULL DEFAULT 'FR',
        code text NOT NULL,
        name text NOT NULL,
        search_name text NOT NULL,
        department_code text NOT NULL,
        region_code text NOT NULL,
        epci_code text,
        population integer NOT NULL CHECK (population >= 0),
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        geometry jsonb,
        PRIMARY KEY (country, code),
        FOREIGN KEY (country, department_code) REFERENCES department (country, code),
        FOREIGN KEY (country, epci_code) REFERENCES epci (country, code)
      );
      CREATE INDEX commune_department_idx ON commune (country, department_code);
      CREATE INDEX commune_epci_idx ON commune (country, epci_code);
      CREATE INDEX commune_region_idx ON commune (country, region_code);
      CREATE INDEX commune_search_idx ON commune (search_name text_pattern_ops);
      CREATE INDEX epci_search_idx ON epci (search_name text_pattern_ops);
      CREATE TABLE postal_code (
        country text NOT NULL DEFAULT 'FR',
        postal_code text NOT NULL,
        commune_code text NOT NULL,
        PRIMARY KEY (country, postal_code, commune_code),
        FOREIGN KEY (country, commune_code) REFERENCES commune (country, code)
      );
      CREATE TABLE commune_alias (
        country text NOT NULL DEFAULT 'FR',
        alias text NOT NULL,
        commune_code text NOT NULL,
        kind text NOT NULL,
        PRIMARY KEY (country, alias),
        FOREIGN KEY (country, commune_code) REFERENCES commune (country, code)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commune_alias, postal_code, commune, epci, department, region, territory_dataset`);
  }
}
