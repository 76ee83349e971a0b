/**
 * The dossier a route is about must be one the caller sees: 404 DOSSIER_NOT_FOUND
 * otherwise (its existence is not disclosed), before any pipe or handler runs. Bound to
 * the route by `RequireDossierPermission`, so it runs after the global AccessGuard: the
 * order is authenticate → permission → visibility.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DossierVisibility } from './dossier-visibility.js';

export const DOSSIER_PARAM_KEY = 'scic:dossierParam';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DossierRequest {
  actor?: Actor;
  params: Record<string, string | undefined>;
  raw?: { complete?: boolean };
}

@Injectable()
export class DossierVisibilityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly visibility: DossierVisibility,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const param = this.reflector.getAllAndOverride<string | undefined>(DOSSIER_PARAM_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!param) return true;
    const request = context.switchToHttp().getRequest<DossierRequest>();
    const id = request.params[param];
    if (id === undefined) throw new Error(`The route has no :${param} parameter to name its dossier.`);
    if (!request.actor) throw new DomainError(ErrorCode.Unauthenticated);
    try {
      // A malformed id names nothing: the same 404 as the id pipes give, without a query.
      if (!UUID.test(id)) throw new DomainError(ErrorCode.DossierNotFound, { id });
      await this.visibility.assertVisible(id.toLowerCase(), request.actor);
    } catch (error) {
      // An upload's body is still unread: close the connection rather than drain it.
      if (request.raw?.complete === false) {
        void context
          .switchToHttp()
          .getResponse<{ header(name: string, value: string): unknown }>()
          .header('connection', 'close');
      }
      throw error;
    }
    return true;
  }
}
