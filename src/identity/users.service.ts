/**
 * Accounts and their roles, managed by an administrator. Users are deactivated, never
 * deleted. Every act is written to the administration journal in its own transaction,
 * with the account before and after (never a password) and the reason given.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, Role } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
import { checkGrants, refuseSelfGrant, requireReason, SYSTEM_ACTOR } from './account-rules.js';
import { DelegationsService, type DelegationView } from './delegations.service.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { hashPassword } from './password.js';
import { UserRole } from './user-role.entity.js';
import { User } from './user.entity.js';

export interface RoleGrantView {
  role: Role;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  roles: RoleGrantView[];
  /** The password was reset by an administrator: the user must replace it first. */
  mustChangePassword: boolean;
  /** Elected officials: the signing delegation in force today, if any. */
  signingDelegation: DelegationView | null;
  createdAt: string;
  updatedAt: string;
}

/** What the journal keeps of an account: never its password. */
export function accountSnapshot(user: User, roles: Role[]) {
  return {
    email: user.email,
    displayName: user.displayName,
    active: user.active,
    roles: [...roles].sort(),
    mustChangePassword: user.mustChangePassword,
  };
}

/** Any constant will do, as long as every instance uses the same one. */
export const ADMIN_CHANGES_LOCK = 727_274_002;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delegations: DelegationsService,
    private readonly journal: AdminJournalService,
  ) {}

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

  /**
   * What a real session or token acting under `role` carries besides its identity: a
   * signing delegation in force today (élus only), and whether the password must first
   * be changed.
   */
  async sessionFacts(
    userId: string,
    role: Role,
  ): Promise<Pick<Actor, 'signingDelegation' | 'signingDelegationScopes' | 'mustChangePassword'>> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    const scopes = role === 'elected_official' ? await this.delegations.scopesInForce(userId) : [];
    return {
      signingDelegation: scopes.length > 0,
      signingDelegationScopes: scopes,
      mustChangePassword: user?.mustChangePassword ?? false,
    };
  }

  /** Active users holding `role`, for notifications; `signingDelegation`: only those with one in force today. */
  async activeWithRole(
    role: Role,
    options: { signingDelegation?: boolean } = {},
  ): Promise<{ id: string; email: string }[]> {
    const rows = await this.dataSource.query<{ id: string; email: string }[]>(
      `SELECT u.id, u.email FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE u.active AND r.role = $1 ORDER BY u.email`,
      [role],
    );
    if (options.signingDelegation === undefined) return rows;
    const kept: { id: string; email: string }[] = [];
    for (const row of rows) {
      if (((await this.delegations.inForce(row.id)) !== null) === options.signingDelegation) kept.push(row);
    }
    return kept;
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
    return Promise.all(users.map((user) => this.toView(user)));
  }

  async get(id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id }, relations: { roles: true } });
    if (!user) throw new DomainError(ErrorCode.UserNotFound, { id });
    return this.toView(user);
  }

  /** `actor`: the administrator; the system for the first administrator and demo data. */
  async create(input: CreateUserDto, actor: Actor = SYSTEM_ACTOR): Promise<UserView> {
    const roles = input.roles.map((grant) => grant.role);
    checkGrants(roles);
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.query<{ id: string }[]>('SELECT id FROM app_user WHERE email = $1', [email]);
      if (existing) throw new DomainError(ErrorCode.EmailTaken, { email });
      // A password an administrator chose is known to them: one-time, as after a reset.
      // The system's accounts (first administrator, demo data) keep theirs.
      const mustChangePassword = actor !== SYSTEM_ACTOR;
      const user = await manager.save(
        manager.create(User, { email, displayName: input.displayName.trim(), passwordHash, mustChangePassword }),
      );
      await this.replaceRoles(manager, user.id, roles);
      await this.journal.append(manager, {
        type: 'ACCOUNT_CREATED',
        actor,
        subject: { kind: 'user', id: user.id },
        before: null,
        after: accountSnapshot(user, roles),
        reason: null,
      });
      return user.id;
    });
    return this.get(id);
  }

  /** Returns whether the account was deactivated (its credentials must then be revoked). */
  async update(
    id: string,
    input: UpdateUserDto,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<{ user: UserView; deactivated: boolean }> {
    const wanted = input.roles?.map((grant) => grant.role);
    if (wanted) checkGrants(wanted);
    const deactivated = await this.dataSource.transaction(async (manager) => {
      // Administrator changes queue here, so that two admins cannot remove each other.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError(ErrorCode.UserNotFound, { id });
      const held = (await manager.findBy(UserRole, { userId: id })).map((grant) => grant.role as Role);
      const rolesChange = wanted !== undefined && !sameRoles(held, wanted);
      if (wanted) refuseSelfGrant(actor, id, held, wanted);
      const deactivating = user.active && input.active === false;
      const reason =
        rolesChange || deactivating
          ? requireReason(input.reason, rolesChange ? 'changer les rôles' : 'désactiver le compte')
          : (input.reason?.trim() ?? null);
      const before = accountSnapshot(user, held);
      if (input.displayName !== undefined) user.displayName = input.displayName.trim();
      if (input.active !== undefined) user.active = input.active;
      await manager.save(user);
      if (wanted && rolesChange) await this.replaceRoles(manager, id, wanted);
      const [{ admins }] = await manager.query<{ admins: number }[]>(
        `SELECT count(*)::int AS admins FROM app_user u JOIN user_role r ON r.user_id = u.id
          WHERE r.role = 'admin' AND u.active`,
      );
      if (admins === 0) throw new DomainError(ErrorCode.LastAdmin, { id });
      // A deactivated account's sessions and tokens end with it, in the same transaction.
      if (deactivating) {
        await manager.query('UPDATE auth_credential SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
          id,
        ]);
      }
      const after = accountSnapshot(user, rolesChange ? wanted : held);
      await this.journalUpdate(manager, actor, id, before, after, reason);
      return deactivating;
    });
    return { user: await this.get(id), deactivated };
  }

  /** One entry per kind of change, so that the journal reads as the acts it records. */
  private async journalUpdate(
    manager: EntityManager,
    actor: Actor,
    id: string,
    before: ReturnType<typeof accountSnapshot>,
    after: ReturnType<typeof accountSnapshot>,
    reason: string | null,
  ): Promise<void> {
    const types: string[] = [];
    if (before.roles.join() !== after.roles.join()) types.push('ROLES_CHANGED');
    if (before.active && !after.active) types.push('ACCOUNT_DEACTIVATED');
    if (!before.active && after.active) types.push('ACCOUNT_REACTIVATED');
    if (before.displayName !== after.displayName) types.push('ACCOUNT_RENAMED');
    for (const type of types) {
      await this.journal.append(manager, { type, actor, subject: { kind: 'user', id }, before, after, reason });
    }
  }

  private async replaceRoles(manager: EntityManager, userId: string, roles: Role[]): Promise<void> {
    await manager.delete(UserRole, { userId });
    await manager.insert(
      UserRole,
      roles.map((role) => ({ userId, role })),
    );
  }

  private async toView(user: User): Promise<UserView> {
    const roles = (user.roles ?? []).map((grant) => ({ role: grant.role as Role }));
    const elected = roles.some((grant) => grant.role === 'elected_official');
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      active: user.active,
      roles,
      mustChangePassword: user.mustChangePassword,
      signingDelegation: elected ? await this.delegations.inForce(user.id) : null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}

function sameRoles(a: Role[], b: Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
