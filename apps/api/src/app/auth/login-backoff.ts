import { Injectable } from '@nestjs/common';

/** Failed sign-ins per (client IP, e-mail) after which each attempt waits. */
export const FREE_FAILURES = 5;
/** First wait after FREE_FAILURES failures; doubled at each further failure, up to MAX_WAIT_MS. */
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;
/** A (client IP, e-mail) pair without a failure for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 3_600_000;
const MAX_ENTRIES = 100_000;

interface Entry {
  failures: number;
  /** Epoch ms before which an attempt is not even checked. */
  until: number;
  last: number;
}

/**
 * Exponential backoff per (client IP, e-mail), in memory: failed attempts from one address slow down only that
 * address for that account, so nobody can lock someone else out (the 15-minute account lockout that any
 * stranger could trigger is gone). Unknown e-mails are counted the same way, so that a throttled account and
 * an unknown one cannot be told apart. Per instance, like the rate limits (docs/PRIVACY.md).
 */
@Injectable()
export class LoginBackoff {
  private readonly entries = new Map<string, Entry>();
  /** Replaceable in tests. */
  now: () => number = () => Date.now();

  private key(ip: string, email: string): string {
    return `${ip}\u0000${email}`;
  }

  /** Milliseconds this pair must still wait (0: the attempt may be checked). */
  waitMs(ip: string, email: string): number {
    const e = this.entries.get(this.key(ip, email));
    if (!e) return 0;
    const now = this.now();
    if (now - e.last > FORGET_AFTER_MS) {
      this.entries.delete(this.key(ip, email));
      return 0;
    }
    return Math.max(0, e.until - now);
  }

  failure(ip: string, email: string): void {
    const now = this.now();
    const k = this.key(ip, email);
    const e = this.entries.get(k);
    const failures = (e && now - e.last <= FORGET_AFTER_MS ? e.failures : 0) + 1;
    const over = failures - FREE_FAILURES; // 0 at the fifth failure: 30 s, then 60 s, 120 s…
    const until = over >= 0 ? now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(over, 20)) : 0;
    this.entries.delete(k);
    this.entries.set(k, { failures, until, last: now });
    if (this.entries.size > MAX_ENTRIES) {
      for (const [key, v] of this.entries) {
        if (this.entries.size <= MAX_ENTRIES / 2) break;
        if (now - v.last > FORGET_AFTER_MS || v.until <= now) this.entries.delete(key);
      }
      // still full of active pairs: drop the oldest (insertion order = last failure order)
      for (const key of this.entries.keys()) {
        if (this.entries.size <= MAX_ENTRIES) break;
        this.entries.delete(key);
      }
    }
  }

  success(ip: string, email: string): void {
    this.entries.delete(this.key(ip, email));
  }

  /** After an admin reset: every address may try the account again. */
  forgetAccount(email: string): void {
    for (const k of this.entries.keys()) if (k.endsWith(`\u0000${email}`)) this.entries.delete(k);
  }
}
