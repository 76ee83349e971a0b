import { applyDecorators, createParamDecorator, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { DOSSIER_PARAM_KEY, DossierVisibilityGuard } from './dossier-visibility.guard.js';
import type { Permission } from './permissions.js';

export const PERMISSION_KEY = 'scic:permission';
export const PUBLIC_KEY = 'scic:public';

/**
 * The permission a route requires. A route with none, and not @Public, is refused. It is
 * also written into the OpenAPI document (`x-permission`), from which the role × route
 * matrix test is generated.
 */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(SetMetadata(PERMISSION_KEY, permission), ApiExtension('x-permission', permission));

/**
 * A route about one dossier, named by the path parameter `param`: the permission, as
 * `RequirePermission`, and then the caller must see the dossier (per-dossier visibility),
 * else 404 DOSSIER_NOT_FOUND — checked by a guard before any handler code runs. Written
 * into the OpenAPI document (`x-dossier-param`).
 */
export const RequireDossierPermission = (permission: Permission, param: 'id' | 'dossierId' = 'id') =>
  applyDecorators(
    RequirePermission(permission),
    SetMetadata(DOSSIER_PARAM_KEY, param),
    UseGuards(DossierVisibilityGuard),
    ApiExtension('x-dossier-param', param),
  );

/** A route anyone may call (health, login). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** The caller, as the access guard established it. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);

export const PASSWORD_CHANGE_ROUTE_KEY = 'scic:passwordChangeRoute';

/**
 * One of the few routes (who am I, change my password, log out) that an account whose
 * password an administrator reset may use before replacing it; every other answers 403
 * PASSWORD_CHANGE_REQUIRED.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_ROUTE_KEY, true);
