/**
 * Establishes who calls and checks the route's permission, on every route (a route
 * without a permission and not @Public is refused). The caller is, in this order:
 * - an API client: `Authorization: Bearer <personal token>`;
 * - a browser: the HTTP-only session cookie, with `X-CSRF-Token` on state-changing requests;
 * - tests and tooling, when ALLOW_DEV_IDENTITY is set (never in production):
 *   `X-Dev-User` and `X-Dev-Role`.
 * A route about one dossier (`RequireDossierPermission`) then goes through the
 * DossierVisibilityGuard, which runs after this global guard: authenticate → permission
 * → visibility.
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isRole, type Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PASSWORD_CHANGE_ROUTE_KEY, PERMISSION_KEY, PUBLIC_KEY } from '../access/access.decorators.js';
import { AuthService, type Authenticated } from './auth.service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { roleHas, type Permission } from '../access/permissions.js';

const USER_ID = /^[A-Za-z0-9._@-]{1,100}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface GuardedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const actor = await this.identify(request);
    request.actor = actor;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission || !roleHas(actor.role, permission)) {
      throw new DomainError(ErrorCode.Forbidden, { role: actor.role, permission: permission ?? null });
    }
    // A password an administrator reset is one-time: until replaced, nothing else.
    if (actor.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ROUTE_KEY, targets)) {
      throw new DomainError(ErrorCode.PasswordChangeRequired, { role: actor.role });
    }
    return true;
  }

  private async identify(request: GuardedRequest): Promise<Actor> {
    const authorization = header(request, 'authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const found = match ? await this.auth.authenticateToken(match[1]) : null;
      if (!found) throw new DomainError(ErrorCode.Unauthenticated, {}, 'Jeton invalide, expiré ou révoqué.');
      return found.actor;
    }

    const session = readCookie(header(request, 'cookie'), SESSION_COOKIE);
    if (session !== undefined) {
      const found = await this.auth.authenticateSession(session);
      if (!found) throw new DomainError(ErrorCode.Unauthenticated, {}, 'Session expirée : reconnectez-vous.');
      this.checkCsrf(request, found);
      return found.actor;
    }

    if (this.config.allowDevIdentity && header(request, 'x-dev-user') !== undefined) {
      const userId = header(request, 'x-dev-user');
      const role = header(request, 'x-dev-role');
      if (typeof userId === 'string' && USER_ID.test(userId) && isRole(role)) {
        return {
          userId,
          role,
          credential: 'dev',
          signingDelegation: header(request, 'x-dev-signing-delegation') === 'true',
        };
      }
    }
    throw new DomainError(ErrorCode.Unauthenticated);
  }

  /** A cookie travels by itself: a state-changing request must also prove it read the token. */
  private checkCsrf(request: GuardedRequest, found: Authenticated): void {
    if (SAFE_METHODS.has(request.method.toUpperCase())) return;
    if (!this.auth.csrfMatches(found.csrfHash, header(request, 'x-csrf-token'))) {
      throw new DomainError(
        ErrorCode.Forbidden,
        { reason: 'CSRF' },
        'Jeton anti-CSRF absent ou invalide : rechargez la page.',
      );
    }
  }
}

function header(request: GuardedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
