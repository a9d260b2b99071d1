import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { AuthUser, UserRole } from '@vigie/contracts';
import { PG_POOL } from '../database/pg-pool.js';
import type { Viewer } from '../common/viewer.js';
import { parseUserTerritories } from './territory-access.js';

export const SESSION_COOKIE = 'vigie_session';
/** Sliding: every authenticated request pushes the expiry 12 hours ahead. */
export const SESSION_HOURS = 12;
/** The expiry is slid (a write) at most this often per session; reads in between cost no commit. */
export const SLIDE_EVERY_MINUTES = 5;
/**
 * A resolved session is kept in memory this long (never past its expiry). Sign-out, password changes and
 * user changes made through this process forget it at once; a change made by another process (the CLI,
 * another API instance, SQL) is seen within this delay (docs/PRIVACY.md).
 */
export const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_ENTRIES = 10_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads one cookie from the Cookie header (no cookie-parser dependency). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null;
    }
  }
  return null;
}

export interface SessionUser {
  user: AuthUser;
  viewer: Viewer;
}

export function viewerOf(user: { id: number; email: string; role: UserRole; territories: string[] }): Viewer {
  const t = parseUserTerritories(user.territories);
  return { role: user.role, territories: t.territories, national: t.national || user.role === 'admin', userId: user.id, email: user.email };
}

interface CachedSession {
  session: SessionUser;
  /** Date.now() until which it is served without reading the database. */
  until: number;
}

/** Opaque random session tokens; the database only holds their SHA-256. */
@Injectable()
export class SessionService {
  /** Resolved sessions by token hash (see {@link SESSION_CACHE_MS}). */
  private readonly cache = new Map<string, CachedSession>();
  /** Reads in flight by token hash: concurrent requests of one session share one read. */
  private readonly reading = new Map<string, Promise<SessionUser | null>>();
  /** Bumped by every invalidation: a read that started before one is not cached. */
  private generation = 0;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async create(userId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.pool.query(
      `INSERT INTO user_session (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [hashToken(token), userId, SESSION_HOURS],
    );
    // Housekeeping: expired sessions are useless.
    await this.pool.query(`DELETE FROM user_session WHERE expires_at < now() - interval '1 day'`);
    return token;
  }

  /**
   * The session's user when the token is valid, not expired and the user not disabled; slides the expiry.
   * Every dashboard request goes through here: the session is read at most every {@link SESSION_CACHE_MS}
   * (concurrent requests share the read), and written (expiry slid, last seen) only when its last slide is
   * more than {@link SLIDE_EVERY_MINUTES} old. A write per request would cost a durable commit (WAL flush)
   * per request; a read-only statement commits without one.
   */
  async resolve(token: string): Promise<SessionUser | null> {
    const hash = hashToken(token);
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.session;
    let read = this.reading.get(hash);
    if (!read) {
      const generation = this.generation;
      read = this.read(hash)
        .then((r) => {
          if (r && generation === this.generation) {
            this.cache.delete(hash);
            if (this.cache.size >= SESSION_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
            this.cache.set(hash, { session: r.session, until: Math.min(Date.now() + SESSION_CACHE_MS, r.expiresAt) });
          } else this.cache.delete(hash);
          return r?.session ?? null;
        })
        .finally(() => {
          if (this.reading.get(hash) === read) this.reading.delete(hash);
        });
      this.reading.set(hash, read);
    }
    return read;
  }

  private async read(hash: string): Promise<{ session: SessionUser; expiresAt: number } | null> {
    const { rows } = await this.pool.query(
      `WITH s AS (
         SELECT u.id, u.email, u.role, u.territories, u.must_change_password, s.expires_at
         FROM user_session s JOIN app_user u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled
       ), slide AS (
         UPDATE user_session SET expires_at = now() + make_interval(hours => $2), last_seen_at = now()
         WHERE token_hash = $1 AND EXISTS (SELECT 1 FROM s)
           AND expires_at < now() + make_interval(hours => $2) - make_interval(mins => $3)
       )
       SELECT id, email, role, territories, must_change_password, expires_at FROM s`,
      [hash, SESSION_HOURS, SLIDE_EVERY_MINUTES],
    );
    if (!rows.length) return null;
    const r = rows[0];
    const user: AuthUser = {
      id: Number(r.id),
      email: r.email,
      role: r.role,
      territories: r.territories,
      mustChangePassword: r.must_change_password,
    };
    return { session: { user, viewer: viewerOf(user) }, expiresAt: (r.expires_at as Date).getTime() };
  }

  async destroy(token: string): Promise<void> {
    this.forgetToken(token);
    await this.pool.query(`DELETE FROM user_session WHERE token_hash = $1`, [hashToken(token)]);
    this.forgetToken(token);
  }

  async destroyAllOf(userId: number): Promise<void> {
    this.forgetUser(userId);
    await this.pool.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
    this.forgetUser(userId);
  }

  /**
   * Drops the cached session of a token. Callers changing sessions or users in the database call the
   * forget methods after their write (and destroy… before it too), so no read that began earlier is kept.
   */
  forgetToken(token: string): void {
    this.generation++;
    this.reading.clear();
    this.cache.delete(hashToken(token));
  }

  /** Drops every cached session of a user: after a change of role, territories, password or status. */
  forgetUser(userId: number): void {
    this.generation++;
    this.reading.clear();
    for (const [hash, c] of this.cache) if (c.session.user.id === userId) this.cache.delete(hash);
  }
}
