import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../common/actor.js';
import { Permission } from '../../access/permissions.js';

/** `GET /auth/me`: who the caller is, and what the role they act under may do. */
export class MeView {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The account, its roles and signing delegation; null for a development identity.',
  })
  user!: object | null;

  @ApiProperty({ enum: ROLES, description: 'The role this request acts under.' })
  role!: Role;

  @ApiPropertyOptional({ description: 'How the caller authenticated: session, token or dev.' })
  credential?: string;

  @ApiPropertyOptional({ description: 'Development identity only: the user id it claims.' })
  userId?: string;

  @ApiProperty({
    enum: Permission,
    enumName: 'Permission',
    isArray: true,
    description:
      'The permissions of that role, workflow events (`event.<TYPE>`) included: what the interface offers. The API still decides on each request.',
  })
  permissions!: Permission[];
}
