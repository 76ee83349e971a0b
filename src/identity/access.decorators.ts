import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import type { Permission } from './permissions.js';

export const PERMISSION_KEY = 'scic:permission';
export const PUBLIC_KEY = 'scic:public';

/** The permission a route requires. A route with none, and not @Public, is refused. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** A route anyone may call (health, API documentation). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller, as the access guard established it. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
