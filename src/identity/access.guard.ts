/**
 * Establishes who calls and checks the route's permission, on every route.
 *
 * Until the identity issue brings sessions, the caller is given by two development
 * headers, `X-Dev-User` (an id) and `X-Dev-Role` (one of ROLES). They are refused when
 * the development identity is disabled, which production forces (see loadConfig).
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isRole, type Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PERMISSION_KEY, PUBLIC_KEY } from './access.decorators.js';
import { roleHas, type Permission } from './permissions.js';

const USER_ID = /^[A-Za-z0-9._@-]{1,100}$/;

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; actor?: Actor }>();
    const actor = this.identify(request.headers);
    request.actor = actor;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission || !roleHas(actor.role, permission)) {
      throw new DomainError(ErrorCode.Forbidden, { role: actor.role, permission: permission ?? null });
    }
    return true;
  }

  private identify(headers: Record<string, unknown>): Actor {
    if (!this.config.allowDevIdentity) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        {},
        'Authentification requise (identité de développement désactivée).',
      );
    }
    const userId = headers['x-dev-user'];
    const role = headers['x-dev-role'];
    if (typeof userId !== 'string' || !USER_ID.test(userId) || !isRole(role)) {
      throw new DomainError(ErrorCode.Unauthenticated, {
        expectedHeaders: ['X-Dev-User', 'X-Dev-Role'],
      });
    }
    return { userId, role };
  }
}
