import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import type { AuthUser } from '@vigie/contracts';
import { PG_POOL } from '../database/pg-pool.js';
import { ALL_ROLES, AllowedBeforePasswordChange, Public, RateLimit, Roles } from './access.decorators.js';
import type { AuthedRequest } from './access.guard.js';
import { ChangePasswordDto, LoginDto } from './auth.dto.js';
import { LoginBackoff } from './login-backoff.js';
import { burnPasswordTime, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { SESSION_COOKIE, SessionService } from './session.service.js';
import { audit, changeOwnPassword, findUser, recordSignIn } from './users.store.js';

/** The one answer to a refused sign-in, whatever the reason (unknown e-mail, wrong password, disabled, throttled). */
export const LOGIN_REFUSED = 'wrong e-mail or password (after repeated failures, wait a few minutes before trying again)';

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sessions: SessionService,
    private readonly backoff: LoginBackoff,
  ) {}

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with e-mail and password: sets an HTTP-only session cookie (12 h, sliding). After 5 failures from one address, that address waits before its attempts on that account are checked (30 s, doubling up to 15 min); unknown e-mail, wrong password and waiting all answer the same 401.',
  })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthUser> {
    const email = body.email.trim().toLowerCase();
    const ip = req.ip ?? req.socket.remoteAddress ?? '?';
    // One answer for an unknown e-mail, a wrong password, a disabled account and a throttled (IP, account) pair,
    // each after one scrypt verification, so that none of them tells whether the account exists.
    const refused = () => new UnauthorizedException(LOGIN_REFUSED);
    if (this.backoff.waitMs(ip, email) > 0) {
      await burnPasswordTime(body.password);
      const known = await findUser(this.pool, { email });
      if (known) await audit(this.pool, { userId: Number(known.id), actor: email, action: 'login.throttled', details: { ip } });
      throw refused();
    }
    const u = await findUser(this.pool, { email });
    if (!u) {
      await burnPasswordTime(body.password);
      this.backoff.failure(ip, email);
      throw refused();
    }
    const id = Number(u.id);
    const ok = await verifyPassword(body.password, u.password_hash);
    if (!ok || u.disabled) {
      this.backoff.failure(ip, email);
      await recordSignIn(this.pool, id, false);
      await audit(this.pool, { userId: id, actor: u.email, action: 'login.failure', details: u.disabled ? { disabled: true } : {} });
      throw refused();
    }
    this.backoff.success(ip, email);
    await recordSignIn(this.pool, id, true);
    const token = await this.sessions.create(id);
    res.cookie(SESSION_COOKIE, token, cookieOptions(req));
    res.setHeader('Cache-Control', 'no-store');
    await audit(this.pool, { userId: id, actor: u.email, action: 'login' });
    return { id, email: u.email, role: u.role, territories: u.territories, mustChangePassword: u.must_change_password };
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session is deleted and the cookie cleared' })
  async logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (req.sessionToken) {
      await this.sessions.destroy(req.sessionToken);
      await audit(this.pool, { userId: req.user?.id, actor: req.user?.email, action: 'logout' });
    }
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'The signed-in user: e-mail, role, territories' })
  me(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): AuthUser {
    res.setHeader('Cache-Control', 'no-store');
    return req.user!;
  }

  @Post('password')
  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @RateLimit('login')
  @HttpCode(204)
  @ApiOperation({ summary: "Change one's own password (required after a reset); other sessions are closed" })
  async changePassword(@Body() body: ChangePasswordDto, @Req() req: AuthedRequest): Promise<void> {
    const u = await findUser(this.pool, { id: req.user!.id });
    if (!u || !(await verifyPassword(body.currentPassword, u.password_hash))) throw new UnauthorizedException('wrong current password');
    const problem = await passwordProblem(body.newPassword);
    if (problem)
      throw new BadRequestException({ error: 'Bad Request', message: problem, details: [{ field: 'newPassword', reason: problem }] });
    if (body.newPassword === body.currentPassword) throw new BadRequestException('the new password must differ from the current one');
    await changeOwnPassword(this.pool, req.user!.id, await hashPassword(body.newPassword), req.sessionToken ?? '');
    this.sessions.forgetUser(req.user!.id);
    await audit(this.pool, { userId: req.user!.id, actor: req.user!.email, action: 'password.change' });
  }
}
