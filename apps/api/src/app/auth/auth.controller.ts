import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import type { AuthUser } from '@vigie/contracts';
import { PG_POOL } from '../database/pg-pool.js';
import { ALL_ROLES, Public, RateLimit, Roles } from './access.decorators.js';
import type { AuthedRequest } from './access.guard.js';
import { ChangePasswordDto, LoginDto } from './auth.dto.js';
import { burnPasswordTime, hashPassword, verifyPassword } from './password.js';
import { SESSION_COOKIE, SessionService } from './session.service.js';
import { audit, USER_COLUMNS, type UserRow } from './users.store.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sessions: SessionService,
  ) {}

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password: sets an HTTP-only session cookie (12 h, sliding). 5 failures lock the account for 15 min.',
  })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthUser> {
    const email = body.email.trim().toLowerCase();
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE email = $1`, [email]);
    const u = rows[0];
    const wrong = () => new UnauthorizedException('wrong e-mail or password');
    if (!u) {
      await burnPasswordTime(body.password);
      throw wrong();
    }
    const id = Number(u.id);
    if (u.locked_until && u.locked_until.getTime() > Date.now()) {
      await audit(this.pool, { userId: id, actor: u.email, action: 'login.locked' });
      const wait = Math.ceil((u.locked_until.getTime() - Date.now()) / 1000);
      res.setHeader('Retry-After', String(wait));
      throw new HttpException(
        {
          error: 'Too Many Requests',
          message: `too many failed attempts: try again in ${Math.ceil(wait / 60)} min or ask an administrator`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const ok = await verifyPassword(body.password, u.password_hash);
    if (!ok || u.disabled) {
      const r = await this.pool.query(
        `UPDATE app_user SET
           locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
           failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END
         WHERE id = $1 RETURNING locked_until`,
        [id, MAX_FAILED_ATTEMPTS, LOCK_MINUTES],
      );
      const locked = r.rows[0]?.locked_until && r.rows[0].locked_until.getTime() > Date.now();
      await audit(this.pool, {
        userId: id,
        actor: u.email,
        action: locked ? 'login.lock' : 'login.failure',
        details: u.disabled ? { disabled: true } : {},
      });
      throw wrong();
    }
    await this.pool.query(`UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [id]);
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
  @ApiOperation({ summary: 'The signed-in user: e-mail, role, territories' })
  me(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): AuthUser {
    res.setHeader('Cache-Control', 'no-store');
    return req.user!;
  }

  @Post('password')
  @Roles(...ALL_ROLES)
  @RateLimit('login')
  @HttpCode(204)
  @ApiOperation({ summary: "Change one's own password (required after a reset); other sessions are closed" })
  async changePassword(@Body() body: ChangePasswordDto, @Req() req: AuthedRequest): Promise<void> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [req.user!.id]);
    if (!rows[0] || !(await verifyPassword(body.currentPassword, rows[0].password_hash)))
      throw new UnauthorizedException('wrong current password');
    await this.pool.query(`UPDATE app_user SET password_hash = $2, must_change_password = false WHERE id = $1`, [
      req.user!.id,
      await hashPassword(body.newPassword),
    ]);
    await this.pool.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash <> encode(sha256(convert_to($2, 'UTF8')), 'hex')`, [
      req.user!.id,
      req.sessionToken ?? '',
    ]);
    this.sessions.forgetUser(req.user!.id);
    await audit(this.pool, { userId: req.user!.id, actor: req.user!.email, action: 'password.change' });
  }
}
