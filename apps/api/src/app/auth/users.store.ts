import type { Pool, PoolClient } from 'pg';
import { USER_ROLES, type TerritoryRef, type UserAccount, type UserRole } from '@vigie/contracts';
import { formatTerritoryRef, parseTerritoryRef } from '@vigie/territory-domain';
import { generatePassword, hashPassword, passwordProblem } from './password.js';

/** Plain functions on a pg pool, shared by the HTTP API (UsersController) and the CLI (`vigie user`). */

type Db = Pool | PoolClient;

export class UserInputError extends Error {}

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: UserRole;
  territories: string[];
  failed_attempts: number;
  locked_until: Date | null;
  must_change_password: boolean;
  disabled: boolean;
  created_at: Date;
  last_login_at: Date | null;
}

export const USER_COLUMNS =
  'id, email, password_hash, role, territories, failed_attempts, locked_until, must_change_password, disabled, created_at, last_login_at';

export function toAccount(r: UserRow): UserAccount {
  return {
    id: Number(r.id),
    email: r.email,
    role: r.role,
    territories: r.territories,
    mustChangePassword: r.must_change_password,
    disabled: r.disabled,
    lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until.toISOString() : null,
    failedAttempts: r.failed_attempts,
    createdAt: r.created_at.toISOString(),
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
  };
}

export function normaliseEmail(email: unknown): string {
  const e = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (e.length < 3 || e.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(e)) throw new UserInputError('email must be an e-mail address');
  return e;
}

export function checkRole(role: unknown): UserRole {
  if (!USER_ROLES.includes(role as UserRole)) throw new UserInputError(`role must be one of ${USER_ROLES.join(', ')}`);
  return role as UserRole;
}

/** 'national' or a territory reference that exists in the loaded geography; normalised ('department:2a' → 'department:2A'). */
export async function checkTerritories(db: Db, role: UserRole, values: unknown): Promise<string[]> {
  if (!Array.isArray(values)) throw new UserInputError('territories must be a list such as ["department:95"]');
  const out: string[] = [];
  for (const v of values) {
    if (v === 'national') {
      out.push('national');
      continue;
    }
    const ref = typeof v === 'string' ? parseTerritoryRef(v) : null;
    if (!ref) throw new UserInputError(`territory "${String(v)}" is not national or a reference such as department:95 or region:11`);
    if (!(await territoryExists(db, ref))) throw new UserInputError(`${ref.level} ${ref.code} does not exist`);
    out.push(formatTerritoryRef(ref));
  }
  const unique = [...new Set(out)];
  if (role === 'admin') return unique.length ? unique : ['national'];
  if (!unique.length) throw new UserInputError(`a ${role} needs at least one territory (national, region:XX, department:XX…)`);
  if (unique.length > 50) throw new UserInputError('at most 50 territories');
  return unique;
}

export async function territoryExists(db: Db, ref: TerritoryRef): Promise<boolean> {
  const table = { region: 'region', department: 'department', epci: 'epci', commune: 'commune' }[ref.level];
  const { rowCount } = await db.query(`SELECT 1 FROM ${table} WHERE code = $1`, [ref.code]);
  return !!rowCount;
}

export interface NewUser {
  email: unknown;
  role: unknown;
  territories: unknown;
  password?: string | null;
  createdBy?: string | null;
}

/** Creates a user; without a password, a generated one is returned (to be shown once) and must be changed. */
export async function createUser(db: Db, u: NewUser): Promise<{ user: UserAccount; password: string; generated: boolean }> {
  const email = normaliseEmail(u.email);
  const role = checkRole(u.role);
  const territories = await checkTerritories(db, role, u.territories);
  if (u.password !== undefined && u.password !== null) {
    const problem = await passwordProblem(u.password);
    if (problem) throw new UserInputError(problem);
  }
  const generated = !u.password;
  const password = u.password || generatePassword();
  const hash = await hashPassword(password);
  const { rows } = await db.query(
    `INSERT INTO app_user (email, password_hash, role, territories, must_change_password, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [email, hash, role, JSON.stringify(territories), generated, u.createdBy ?? null],
  );
  if (!rows.length) throw new UserInputError(`a user ${email} already exists`);
  return { user: toAccount(rows[0]), password, generated };
}

/** New one-time password, lock cleared, every session of the user closed. */
export async function resetPassword(
  db: Db,
  where: { id: number } | { email: string },
): Promise<{ user: UserAccount; password: string } | null> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  const byId = 'id' in where;
  const { rows } = await db.query(
    `UPDATE app_user SET password_hash = $2, must_change_password = true, failed_attempts = 0, locked_until = NULL
     WHERE ${byId ? 'id = $1' : 'email = $1'} RETURNING ${USER_COLUMNS}`,
    [byId ? where.id : normaliseEmail(where.email), hash],
  );
  if (!rows.length) return null;
  await db.query(`DELETE FROM user_session WHERE user_id = $1`, [rows[0].id]);
  return { user: toAccount(rows[0]), password };
}

/** The account with this (normalised) e-mail or id, or null. */
export async function findUser(db: Db, where: { id: number } | { email: string }): Promise<UserRow | null> {
  const byId = 'id' in where;
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE ${byId ? 'id' : 'email'} = $1`, [
    byId ? where.id : where.email,
  ]);
  return rows[0] ?? null;
}

/** Every account, by e-mail. */
export async function listUsers(db: Db): Promise<UserAccount[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY email`);
  return rows.map(toAccount);
}

/** Role, territories and disabled flag written as given (already checked). */
export async function updateUser(
  db: Db,
  id: number,
  next: { role: UserRole; territories: string[]; disabled: boolean },
): Promise<UserAccount> {
  const { rows } = await db.query<UserRow>(
    `UPDATE app_user SET role = $2, territories = $3::jsonb, disabled = $4 WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [id, next.role, JSON.stringify(next.territories), next.disabled],
  );
  return toAccount(rows[0]);
}

/** The latest audit entries, newest first. */
export async function auditLog(
  db: Db,
  limit: number,
): Promise<{ id: number; at: string; actor: string | null; action: string; territory: string | null; details: unknown }[]> {
  const { rows } = await db.query(`SELECT id, at, actor, action, territory, details FROM audit_log ORDER BY id DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    territory: r.territory,
    details: r.details,
  }));
}

/** Sign-in bookkeeping: a refused password counts a failure; a success clears them and stamps the login. */
export async function recordSignIn(db: Db, id: number, ok: boolean): Promise<void> {
  await db.query(
    ok
      ? `UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`
      : `UPDATE app_user SET failed_attempts = failed_attempts + 1 WHERE id = $1`,
    [id],
  );
}

/** One's own new password (hash given): the change requirement is lifted and every other session closed. */
export async function changeOwnPassword(db: Db, id: number, hash: string, keepSessionToken: string): Promise<void> {
  await db.query(`UPDATE app_user SET password_hash = $2, must_change_password = false WHERE id = $1`, [id, hash]);
  await db.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash <> encode(sha256(convert_to($2, 'UTF8')), 'hex')`, [
    id,
    keepSessionToken,
  ]);
}

export async function audit(
  db: Db,
  e: { userId?: number | null; actor?: string | null; action: string; territory?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db.query(`INSERT INTO audit_log (user_id, actor, action, territory, details) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
    e.userId ?? null,
    e.actor ?? null,
    e.action,
    e.territory ?? null,
    JSON.stringify(e.details ?? {}),
  ]);
}

export interface DemoUser {
  email: string;
  role: UserRole;
  territories: string[];
  password: string;
}

/**
 * One user per role for the demo (Val-d'Oise and Île-de-France). Passwords are random unless
 * `password` is given (VIGIE_DEMO_PASSWORD, a test/dev convenience). Existing users are left alone.
 */
export async function createDemoUsers(db: Db, password: string | null): Promise<DemoUser[]> {
  const specs: Omit<DemoUser, 'password'>[] = [
    { email: 'admin@vigie.demo', role: 'admin', territories: ['national'] },
    { email: 'coordinator@vigie.demo', role: 'coordinator', territories: ['department:95'] },
    { email: 'copil@vigie.demo', role: 'copil', territories: ['department:95'] },
    { email: 'funder@vigie.demo', role: 'funder', territories: ['region:11'] },
  ];
  const out: DemoUser[] = [];
  for (const s of specs) {
    try {
      const r = await createUser(db, { ...s, password: password ?? generatePassword(), createdBy: 'demo' });
      await db.query(`UPDATE app_user SET must_change_password = false WHERE id = $1`, [r.user.id]);
      out.push({ ...s, password: r.password });
    } catch (e) {
      if (!(e instanceof UserInputError) || !/already exists/.test(e.message)) throw e;
    }
  }
  return out;
}
