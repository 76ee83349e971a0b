/**
 * Personal API tokens: created from a session recently authenticated, listed and revoked
 * by their owner, each creation and revocation in the administration journal. Kept apart
 * from AuthService, which only checks a token's secret on each request.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { isRole, type Actor, type Role } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
import { AuthCredential } from './auth-credential.entity.js';
import { AuthService } from './auth.service.js';
import { newSecret, sha256 } from './secrets.js';
import { UsersService } from './users.service.js';

/** A token's lifetime when its creator names none (at most 365 days, see CreateTokenDto). */
export const DEFAULT_TOKEN_DAYS = 90;

export interface NewToken {
  name: string;
  role: Role;
  expiresInDays?: number;
  /** The creator's password, when the session's authentication is not recent. */
  password?: string;
}

@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journal: AdminJournalService,
  ) {}

  /**
   * A personal token: created from a session recently authenticated (never by a token:
   * a token must not perpetuate itself), always with an expiry.
   */
  async createToken(actor: Actor, input: NewToken, ip: string) {
    const { name, role } = input;
    if (!isRole(role) || !(await this.users.grant(actor.userId, role))) {
      throw new DomainError(ErrorCode.Forbidden, { role }, 'Vous ne détenez pas ce rôle.');
    }
    await this.auth.reauthenticate(actor, input.password, ip, 'createToken');
    const secret = newSecret('scic');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? DEFAULT_TOKEN_DAYS) * 86_400_000);
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(AuthCredential, {
          kind: 'token',
          secretHash: sha256(secret),
          userId: actor.userId,
          role,
          name,
          lastUsedAt: now,
          expiresAt,
        }),
      );
      // Journaled without its secret (nor its digest).
      await this.journal.append(
        manager,
        {
          type: 'TOKEN_CREATED',
          actor,
          subject: { kind: 'token', id: row.id },
          before: null,
          after: { userId: actor.userId, name, role, expiresAt },
          reason: null,
        },
        now,
      );
      return row;
    });
    return { id: saved.id, name, role, expiresAt, token: secret };
  }

  async listTokens(userId: string) {
    const tokens = await this.dataSource.getRepository(AuthCredential).find({
      where: { userId, kind: 'token' },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(({ id, name, role, createdAt, lastUsedAt, expiresAt, revokedAt }) => ({
      id,
      name,
      role,
      createdAt,
      lastUsedAt,
      expiresAt,
      revokedAt,
    }));
  }

  async revokeToken(actor: Actor, tokenId: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        AuthCredential,
        { id: tokenId, userId: actor.userId, kind: 'token', revokedAt: IsNull() },
        { revokedAt: now },
      );
      if (!result.affected) throw new DomainError(ErrorCode.TokenNotFound, { tokenId });
      await this.journal.append(
        manager,
        {
          type: 'TOKEN_REVOKED',
          actor,
          subject: { kind: 'token', id: tokenId },
          before: { revokedAt: null },
          after: { revokedAt: now },
          reason: null,
        },
        now,
      );
    });
  }
}
