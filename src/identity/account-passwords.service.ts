/**
 * Passwords set by someone else are one-time: an administrator's reset produces a random
 * temporary password, shown once, and marks the account `must_change_password`; until the
 * user replaces it (POST /api/auth/password) a session may do nothing else (access guard).
 * Both acts are journaled — never the password itself.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
import { hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';

/** Letters and digits a person can read out and type without confusion (no 0/O, 1/l/I). */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters in four groups: about 115 bits, well over the 12-character minimum. */
export function temporaryPassword(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((byte) => READABLE[byte % READABLE.length]);
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join('')).join('-');
}

@Injectable()
export class AccountPasswordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: AdminJournalService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An administrator's reset of someone else's password; returns the one-time password. */
  async reset(userId: string, reason: string, actor: Actor): Promise<{ temporaryPassword: string }> {
    if (userId === actor.userId) {
      throw new DomainError(
        ErrorCode.Forbidden,
        { reason: 'SELF_RESET' },
        'Vous ne pouvez pas réinitialiser votre propre mot de passe ici : changez-le depuis votre compte.',
      );
    }
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError(ErrorCode.UserNotFound, { id: userId });
      const before = { mustChangePassword: user.mustChangePassword };
      await manager.update(User, userId, { passwordHash, mustChangePassword: true });
      // Their sessions and tokens end with the old password, in the same transaction.
      await manager.query('UPDATE auth_credential SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
        userId,
        this.clock.now(),
      ]);
      await this.journal.append(
        manager,
        {
          type: 'PASSWORD_RESET',
          actor,
          subject: { kind: 'user', id: userId },
          before,
          after: { mustChangePassword: true },
          reason: reason.trim(),
        },
        this.clock.now(),
      );
    });
    return { temporaryPassword: password };
  }

  /**
   * The user replaces their own password (the current one proves it is them), which
   * clears `must_change_password`; their other sessions and tokens end.
   */
  async changeOwn(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = /^[0-9a-f-]{36}$/i.test(actor.userId)
      ? await this.dataSource.getRepository(User).findOneBy({ id: actor.userId, active: true })
      : null;
    if (!user || actor.credential?.startsWith('token:')) {
      throw new DomainError(
        ErrorCode.Forbidden,
        { reason: 'SESSION_ONLY' },
        'Le mot de passe se change depuis une session ouverte avec ce compte, pas avec un jeton.',
      );
    }
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw validationFailed([{ field: 'currentPassword', messages: ['Le mot de passe actuel est incorrect.'] }]);
    }
    if (newPassword === currentPassword) {
      throw validationFailed([
        { field: 'newPassword', messages: ['Le nouveau mot de passe doit être différent de l’actuel.'] },
      ]);
    }
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, user.id, { passwordHash, mustChangePassword: false });
      const [kind, credentialId] = (actor.credential ?? '').split(':');
      await manager.query(
        `UPDATE auth_credential SET revoked_at = $3 WHERE user_id = $1 AND revoked_at IS NULL AND id::text <> $2`,
        [user.id, kind === 'session' || kind === 'token' ? credentialId : '', now],
      );
      await this.journal.append(
        manager,
        {
          type: 'PASSWORD_CHANGED',
          actor,
          subject: { kind: 'user', id: user.id },
          before: { mustChangePassword: user.mustChangePassword },
          after: { mustChangePassword: false },
          reason: null,
        },
        now,
      );
    });
  }
}
