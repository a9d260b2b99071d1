import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { ReportErrorCode } from '@vigie/contracts';

/** PDF generation limits per user (issue #17): Chromium is the most expensive thing a signed-in user can ask for. */
export interface PdfLimits {
  /** PDFs being generated at the same time for one user. */
  concurrent: number;
  /** PDFs started by one user in any 60 s window. */
  perMinute: number;
}

const WINDOW_MS = 60_000;

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  return n;
}

/** VIGIE_PDF_CONCURRENT_PER_USER (default 2) and VIGIE_PDF_PER_MINUTE_PER_USER (default 6). */
export function pdfLimitsFromEnv(env: Record<string, string | undefined> = process.env): PdfLimits {
  return {
    concurrent: int(env, 'VIGIE_PDF_CONCURRENT_PER_USER', 2, 1, 100),
    perMinute: int(env, 'VIGIE_PDF_PER_MINUTE_PER_USER', 6, 1, 10_000),
  };
}

/** A 429 with its code (the dashboard says it in French) and the seconds to wait (also in Retry-After). */
export class PdfLimitException extends HttpException {
  constructor(
    readonly code: Extract<ReportErrorCode, 'pdf_busy' | 'pdf_rate_limited'>,
    readonly retryAfter: number,
    message: string,
  ) {
    super({ error: 'Too Many Requests', code, retryAfter, message }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Per-user PDF limiter, in memory (one API instance, like the other rate limits: docs/PRIVACY.md): at most
 * `concurrent` PDFs in progress and `perMinute` started in a sliding minute. A refused request is not counted.
 * `now` is a monotonic-enough wall clock (never the calendar's pinned day), replaceable by tests.
 */
@Injectable()
export class PdfLimiter {
  readonly limits: PdfLimits = pdfLimitsFromEnv();
  now: () => number = () => Date.now();
  private readonly running = new Map<string, number>();
  private readonly started = new Map<string, number[]>();

  /** Takes a slot for `user` or throws a PdfLimitException; the returned function gives the slot back (once). */
  acquire(user: string): () => void {
    const now = this.now();
    const recent = (this.started.get(user) ?? []).filter((t) => now - t < WINDOW_MS);
    if ((this.running.get(user) ?? 0) >= this.limits.concurrent)
      throw new PdfLimitException(
        'pdf_busy',
        5,
        `${this.limits.concurrent} PDFs are already being generated for you; retry when one is ready`,
      );
    if (recent.length >= this.limits.perMinute) {
      const wait = Math.max(1, Math.ceil((recent[0] + WINDOW_MS - now) / 1000));
      this.started.set(user, recent);
      throw new PdfLimitException('pdf_rate_limited', wait, `at most ${this.limits.perMinute} PDFs a minute; retry in ${wait} s`);
    }
    recent.push(now);
    this.started.set(user, recent);
    this.running.set(user, (this.running.get(user) ?? 0) + 1);
    if (this.started.size > 10_000) this.sweep(now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.running.get(user) ?? 1) - 1;
      if (n > 0) this.running.set(user, n);
      else this.running.delete(user);
    };
  }

  /** Runs `work` inside a slot. */
  async run<T>(user: string, work: () => Promise<T>): Promise<T> {
    const release = this.acquire(user);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private sweep(now: number): void {
    for (const [k, v] of this.started) if (!v.length || now - v[v.length - 1] >= WINDOW_MS) this.started.delete(k);
  }
}
