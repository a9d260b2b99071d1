import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { map, type Observable } from 'rxjs';
import type { Clock } from '@vigie/calendar';
import type { AuthUser } from '@vigie/contracts';
import { AUDIT_KEY, RATE_LIMIT_KEY } from '../auth/access.decorators.js';
import { readCookie, SESSION_COOKIE, SessionService } from '../auth/session.service.js';
import { InjectClock } from '../calendar/clock.js';
import { DataState, type DataStamp } from './data-state.js';

/** What an answer depends on besides its URL and the viewer's access: data versions, and today's date (default periods). */
export type AnswerDependency = keyof DataStamp | 'day';

export const CACHED_ANSWER_KEY = 'vigie:cached-answer';

/**
 * GET answers that are a function of the URL, the viewer's role and territories, and `on` only: kept
 * serialised (and gzipped) per URL and access, with an ETag, and served again while `on` is unchanged.
 * Every dependency of the handler must be listed; routes with @Audit or @RateLimit are never cached.
 */
export const CachedAnswer = (...on: AnswerDependency[]): MethodDecorator => SetMetadata(CACHED_ANSWER_KEY, on);

/** A body a handler has already serialised (and gzipped), e.g. shared by every viewer: stored as is. */
export class PreparedAnswer {
  constructor(
    readonly json: Buffer,
    readonly gzip: Buffer | null,
    readonly etag: string,
  ) {}

  static of(json: Buffer): PreparedAnswer {
    return new PreparedAnswer(
      json,
      json.length >= GZIP_FROM ? gzipSync(json, { level: 6 }) : null,
      `"${createHash('sha1').update(json).digest('base64url')}"`,
    );
  }
}

/** Bodies under 1 KiB go uncompressed, as with the compression middleware's default threshold. */
const GZIP_FROM = 1024;
const MAX_ENTRIES = 2000;
const MAX_BYTES = 256 * 1024 * 1024;

interface Entry {
  answer: PreparedAnswer;
  on: AnswerDependency[];
  stamp: string;
  cacheControl: string | null;
  bytes: number;
}

/** The access an answer was computed for: a viewer is a function of these (session.service viewerOf). */
function accessKey(user: Pick<AuthUser, 'role' | 'territories'>): string {
  return `${user.role}|${user.territories.join(',')}`;
}

function stampOf(on: AnswerDependency[], s: DataStamp, today: string): string {
  return on.map((d) => (d === 'day' ? today : s[d])).join('|');
}

/** gzip unless refused; a q=0 gzip counts as refused. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const h = Array.isArray(header) ? header.join(',') : header;
  if (!h) return false;
  for (const part of h.split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Answers of @CachedAnswer routes. Filled by {@link AnswerCacheInterceptor} after the guards and the
 * handler ran for a viewer; {@link AnswerCache.middleware} serves them again before Nest's router, to a
 * session of the same role and territories (hence the same guard decision and territory scope), for the
 * same URL, while the data versions read for this request are those the answer was computed with.
 */
@Injectable()
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly state: DataState,
    private readonly sessions: SessionService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async stamp(on: AnswerDependency[]): Promise<string> {
    const s = on.some((d) => d !== 'day') ? await this.state.read() : { rollups: '', coverage: '', geography: '' };
    return stampOf(on, s, this.clock.today());
  }

  store(url: string, user: AuthUser, on: AnswerDependency[], stamp: string, answer: PreparedAnswer, cacheControl: string | null): void {
    const key = `${url}\u0000${accessKey(user)}`;
    this.drop(key);
    const entry: Entry = { answer, on, stamp, cacheControl, bytes: answer.json.length + (answer.gzip?.length ?? 0) + key.length };
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) this.drop(this.entries.keys().next().value as string);
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }

  /** Express middleware, mounted before Nest's router: serves a current answer or passes on. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || !this.entries.size || !req.originalUrl.startsWith('/api/')) return next();
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (!token) return next();
      this.serve(req, res, token).then(
        (served) => served || next(),
        () => next(), // the full pipeline answers (and reports any database error)
      );
    };
  }

  private async serve(req: Request, res: Response, token: string): Promise<boolean> {
    const session = await this.sessions.resolve(token);
    if (!session || session.user.mustChangePassword) return false; // the guard answers 403 until the password is changed
    const key = `${req.originalUrl}\u0000${accessKey(session.user)}`;
    const e = this.entries.get(key);
    if (!e || (await this.stamp(e.on)) !== e.stamp || this.entries.get(key) !== e) return false;
    this.entries.delete(key);
    this.entries.set(key, e); // most recently used last
    send(req, res, e.answer, e.cacheControl);
    return true;
  }
}

function send(req: Request, res: Response, a: PreparedAnswer, cacheControl: string | null): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', a.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (cacheControl) res.setHeader('Cache-Control', cacheControl);
  if (req.headers['if-none-match'] === a.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = a.gzip && acceptsGzip(req.headers['accept-encoding']) ? a.gzip : a.json;
  if (body === a.gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/**
 * Global: for @CachedAnswer GET routes of a signed-in viewer, reads the data versions before the
 * handler runs, then keeps its answer (see {@link AnswerCache}) and replies with the same bytes and ETag.
 */
@Injectable()
export class AnswerCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: AnswerCache,
  ) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const on = this.reflector.get<AnswerDependency[] | undefined>(CACHED_ANSWER_KEY, ctx.getHandler());
    if (!on) return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const user = req.user;
    const cacheable =
      req.method === 'GET' &&
      !!user &&
      !this.reflector.get(AUDIT_KEY, ctx.getHandler()) &&
      !this.reflector.getAllAndOverride(RATE_LIMIT_KEY, [ctx.getHandler(), ctx.getClass()]);
    const stamp = cacheable ? await this.cache.stamp(on) : null;
    return next.handle().pipe(
      map((body: unknown) => {
        if (body === undefined) return body;
        const answer = body instanceof PreparedAnswer ? body : PreparedAnswer.of(Buffer.from(JSON.stringify(body)));
        if (stamp !== null) {
          const cc = res.getHeader('Cache-Control');
          this.cache.store(req.originalUrl, user!, on, stamp, answer, typeof cc === 'string' ? cc : null);
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('ETag', answer.etag);
        // Express sends the string (304 when If-None-Match matches); compression gzips it on the way.
        return answer.json.toString('utf8');
      }),
    );
  }
}
