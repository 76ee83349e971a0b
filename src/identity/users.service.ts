/** Accounts and their roles, managed by an administrator. Users are deactivated, never deleted. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import type { CreateUserDto, RoleGrantDto, UpdateUserDto } from './dto/user.dto.js';
import { hashPassword } from './password.js';
import { UserRole } from './user-role.entity.js';
import { User } from './user.entity.js';

export interface RoleGrantView {
  role: Role;
  signingDelegation: boolean;
  delegationReference: string | null;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  roles: RoleGrantView[];
  createdAt: string;
  updatedAt: string;
}

/** Any constant will do, as long as every instance uses the same one. */
const ADMIN_CHANGES_LOCK = 727_274_002;

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
  }

  findActive(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id, active: true });
  }

  /** The user's grant of `role`, or null when they do not hold it. */
  grant(userId: string, role: Role): Promise<UserRole | null> {
    return this.dataSource.getRepository(UserRole).findOneBy({ userId, role });
  }

  /** Active users holding `role`, for notifications. */
  async activeWithRole(
    role: Role,
    options: { signingDelegation?: boolean } = {},
  ): Promise<{ id: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT u.id, u.email FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE u.active AND r.role = $1 AND ($2::boolean IS NULL OR r.signing_delegation = $2) ORDER BY u.email`,
      [role, options.signingDelegation ?? null],
    );
  }

  /** The active user with this id, if the id is one (journal actors may be other ids). */
  async activeById(id: string): Promise<{ id: string; email: string } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const user = await this.findActive(id);
    return user ? { id: user.id, email: user.email } : null;
  }

  async list(): Promise<UserView[]> {
    const users = await this.dataSource
      .getRepository(User)
      .find({ relations: { roles: true }, order: { email: 'ASC' } });
    return users.map(toView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id }, relations: { roles: true } });
    if (!user) throw new DomainError(ErrorCode.UserNotFound, { id });
    return toView(user);
  }

  async create(input: CreateUserDto): Promise<UserView> {
    checkGrants(input.roles);
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.query<{ id: string }[]>('SELECT id FROM app_user WHERE email = $1', [email]);
      if (existing) throw new DomainError(ErrorCode.EmailTaken, { email });
      const user = await manager.save(
        manager.create(User, { email, displayName: input.displayName.trim(), passwordHash }),
      );
      await this.replaceRoles(manager, user.id, input.roles);
      return user.id;
    });
    return this.get(id);
  }

  /** Returns whether the account was deactivated (its credentials must then be revoked). */
  async update(id: string, input: UpdateUserDto): Promise<{ user: UserView; deactivated: boolean }> {
    if (input.roles) checkGrants(input.roles);
    const deactivated = await this.dataSource.transaction(async (manager) => {
      // Administrator changes queue here, so that two admins cannot remove each other.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError(ErrorCode.UserNotFound, { id });
      const wasActive = user.active;
      if (input.displayName !== undefined) user.displayName = input.displayName.trim();
      if (input.active !== undefined) user.active = input.active;
      await manager.save(user);
      if (input.roles) await this.replaceRoles(manager, id, input.roles);
      const [{ admins }] = await manager.query<{ admins: number }[]>(
        `SELECT count(*)::int AS admins FROM app_user u JOIN user_role r ON r.user_id = u.id
          WHERE r.role = 'admin' AND u.active`,
      );
      if (admins === 0) throw new DomainError(ErrorCode.LastAdmin, { id });
      return wasActive && !user.active;
    });
    return { user: await this.get(id), deactivated };
  }

  async setPassword(id: string, password: string): Promise<void> {
    const result = await this.dataSource.getRepository(User).update(id, { passwordHash: await hashPassword(password) });
    if (!result.affected) throw new DomainError(ErrorCode.UserNotFound, { id });
  }

  private async replaceRoles(manager: EntityManager, userId: string, grants: RoleGrantDto[]): Promise<void> {
    await manager.delete(UserRole, { userId });
    await manager.insert(
      UserRole,
      grants.map((grant) => ({
        userId,
        role: grant.role,
        signingDelegation: grant.role === 'elected_official' ? (grant.signingDelegation ?? false) : false,
        delegationReference: grant.role === 'elected_official' ? (grant.delegationReference ?? null) : null,
      })),
    );
  }
}

/** One grant per role (a committee member's seats are given in the committee module). */
function checkGrants(grants: RoleGrantDto[]): void {
  const fields: { field: string; messages: string[] }[] = [];
  const seen = new Set<string>();
  grants.forEach((grant, index) => {
    if (seen.has(grant.role)) fields.push({ field: `roles.${index}.role`, messages: ['Ce rôle figure deux fois.'] });
    seen.add(grant.role);
  });
  if (fields.length) throw validationFailed(fields);
}

function toView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    active: user.active,
    roles: (user.roles ?? []).map((grant) => ({
      role: grant.role as Role,
      signingDelegation: grant.signingDelegation,
      delegationReference: grant.delegationReference,
    })),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
