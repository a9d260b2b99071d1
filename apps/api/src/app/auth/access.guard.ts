import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { AuthUser } from '@vigie/contracts';
import { PUBLIC_VIEWER, type Viewer } from '../common/viewer.js';
import { VIGIE_RUNTIME, type VigieRuntime } from '../runtime.js';
import { ACCESS_KEY, type AccessRule, BEFORE_PASSWORD_CHANGE_KEY, RATE_LIMIT_KEY } from './access.decorators.js';
import { readCookie, SESSION_COOKIE, SessionService } from './session.service.js';

export type AuthedRequest = Request & { viewer?: Viewer; user?: AuthUser; sessionToken?: string };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global, default-deny: a route is served only when it (or its controller) carries @Public(), @Roles(…)
 * or @ApiKeyAuth(). Sets `req.viewer` (role + territories) for the services that scope and suppress.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    @Inject(VIGIE_RUNTIME) private readonly runtime: VigieRuntime,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return false;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) {
      this.logger.error(`${req.method} ${req.path} has no access decorator (@Public, @Roles or @ApiKeyAuth): refused`);
      throw new ForbiddenException('this route has no access rule');
    }
    if (rule.kind === 'api-key') return true; // the route's own ApiKeyGuard decides
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await this.sessions.resolve(token) : null;
    req.viewer = session?.viewer ?? PUBLIC_VIEWER;
    req.user = session?.user;
    if (session && token) req.sessionToken = token;
    if (rule.kind === 'public') return true;
    if (!session) throw new UnauthorizedException('sign in first');
    if (!rule.roles.includes(session.user.role)) throw new ForbiddenException('your role does not give access to this');
    if (session.user.mustChangePassword && !this.reflector.get<boolean>(BEFORE_PASSWORD_CHANGE_KEY, ctx.getHandler())) {
      throw new ForbiddenException({
        error: 'Forbidden',
        code: 'password_change_required',
        message: 'change your password first (POST /api/auth/password): nothing else is served until then',
      });
    }
    // Defence in depth on top of SameSite=Lax: a state-changing request from another origin is refused.
    if (!SAFE.has(req.method) && !this.sameOrigin(req)) throw new ForbiddenException('cross-origin request refused');
    return true;
  }

  private sameOrigin(req: Request): boolean {
    const origin = req.headers.origin;
    if (!origin) return true; // non-browser clients, same-origin navigations of older browsers
    try {
      const host = new URL(origin).host;
      return host === req.headers.host || this.runtime.config.corsOrigins.includes(origin);
    } catch {
      return false;
    }
  }
}

/**
 * In-memory token bucket per client IP and route (login, ingest). Single-instance only: with several
 * API instances behind a load balancer each keeps its own buckets (documented in docs/PRIVACY.md).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(VIGIE_RUNTIME) private readonly runtime: VigieRuntime,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const bucket = this.reflector.getAllAndOverride<'login' | 'ingest' | undefined>(RATE_LIMIT_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!bucket) return true;
    const perMinute = bucket === 'login' ? this.runtime.config.loginRatePerMinute : this.runtime.config.ingestRatePerMinute;
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request>();
    const key = `${bucket}|${req.ip ?? req.socket.remoteAddress ?? '?'}`;
    const now = Date.now();
    const b = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      const wait = Math.ceil(((1 - b.tokens) / perMinute) * 60);
      http.getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new HttpException(
        { error: 'Too Many Requests', message: `too many requests; retry in ${wait} s` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) for (const [k, v] of this.buckets) if (now - v.at > 60_000) this.buckets.delete(k);
    return true;
  }
}
