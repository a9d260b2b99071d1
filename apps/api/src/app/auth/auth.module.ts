import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard, RateLimitGuard } from './access.guard.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuthController } from './auth.controller.js';
import { LoginBackoff } from './login-backoff.js';
import { SessionService } from './session.service.js';
import { TerritoryAccess } from './territory-access.js';
import { TerritoryScopeGuard } from './territory-scope.guard.js';
import { ApiKeysController, AuditController, UsersController } from './users.controller.js';

/**
 * Sign-in, users, API keys, audit log, and the global guards (rate limit first, then the default-deny access
 * guard, then the territory scope guard). TerritoryAccess is exported to every module for territory scoping.
 */
@Global()
@Module({
  controllers: [AuthController, UsersController, ApiKeysController, AuditController],
  providers: [
    SessionService,
    TerritoryAccess,
    LoginBackoff,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: TerritoryScopeGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [SessionService, TerritoryAccess],
})
export class AuthModule {}
