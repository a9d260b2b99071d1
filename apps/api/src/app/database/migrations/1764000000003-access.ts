import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access control: users (role + territories), opaque session tokens stored as SHA-256, and an audit
 * log of security-relevant actions. Passwords are scrypt hashes with a per-user salt.
 */
export class Access1764000000003 implements MigrationInterface {
  name = 'Access1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id bigserial PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'copil', 'funder')),
        -- territory references: 'national', 'region:11', 'department:95', 'epci:…', 'commune:…'
        territories jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(territories) = 'array'),
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        must_change_password boolean NOT NULL DEFAULT false,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        last_login_at timestamptz
      );
      CREATE UNIQUE INDEX app_user_email_uidx ON app_user (email);

      CREATE TABLE user_session (
        token_hash text PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX user_session_user_idx ON user_session (user_id);
      CREATE INDEX user_session_expires_idx ON user_session (expires_at);

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id bigint,
        actor text,
        action text NOT NULL,
        territory text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
      CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log, user_session, app_user`);
  }
}
