/**
 * Signing delegations as recorded acts, under four eyes: one administrator records the
 * arrêté, ANOTHER one (not the delegate) confirms it, and only then — within its dates,
 * until revoked — does the élu sign. Every act is written to the administration journal
 * in the same transaction.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
import type { RecordDelegationDto } from './dto/delegation.dto.js';
import { SigningDelegation, type DelegationScope } from './signing-delegation.entity.js';

export type DelegationStatus = 'AWAITING_CONFIRMATION' | 'UPCOMING' | 'IN_FORCE' | 'ENDED' | 'REVOKED';

export interface DelegationView {
  id: string;
  userId: string;
  arreteReference: string;
  arreteDate: string;
  scope: DelegationScope;
  startsOn: string;
  endsOn: string | null;
  createdBy: string;
  createdAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  status: DelegationStatus;
  inForce: boolean;
}

/** In force: confirmed, not revoked, and `today` within [starts_on, ends_on]. */
const IN_FORCE_SQL = `d.confirmed_at IS NOT NULL AND d.revoked_at IS NULL
  AND d.starts_on <= $2::date AND (d.ends_on IS NULL OR d.ends_on >= $2::date)`;

@Injectable()
export class DelegationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: AdminJournalService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The département's today, by which a delegation's dates are read. */
  today(): string {
    return isoDateIn(this.clock.now(), this.config.timeZone);
  }

  async list(userId: string): Promise<DelegationView[]> {
    await this.requireUser(this.dataSource.manager, userId);
    const rows = await this.dataSource
      .getRepository(SigningDelegation)
      .find({ where: { userId }, order: { createdAt: 'DESC' } });
    const today = this.today();
    return rows.map((row) => toView(row, today));
  }

  /** The élu's delegation in force today, if any (the most recent one when several are). */
  async inForce(userId: string, manager: EntityManager = this.dataSource.manager): Promise<DelegationView | null> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
    const today = this.today();
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT d.id FROM signing_delegation d WHERE d.user_id = $1 AND ${IN_FORCE_SQL}
        ORDER BY d.starts_on DESC, d.created_at DESC LIMIT 1`,
      [userId, today],
    );
    if (!row) return null;
    return toView(await manager.findOneByOrFail(SigningDelegation, { id: row.id }), today);
  }

  /** The scopes of every delegation in force today (several may be: one per body). */
  async scopesInForce(userId: string): Promise<DelegationScope[]> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return [];
    const rows = await this.dataSource.query<{ scope: DelegationScope }[]>(
      `SELECT DISTINCT d.scope FROM signing_delegation d WHERE d.user_id = $1 AND ${IN_FORCE_SQL}`,
      [userId, this.today()],
    );
    return rows.map((row) => row.scope);
  }

  async record(userId: string, input: RecordDelegationDto, actor: Actor): Promise<DelegationView> {
    if (userId === actor.userId) {
      throw new DomainError(
        ErrorCode.Forbidden,
        { reason: 'SELF_DELEGATION' },
        'Nul ne peut s’attribuer à lui-même une délégation de signature.',
      );
    }
    const today = this.today();
    checkDates(input, today);
    return this.dataSource.transaction(async (manager) => {
      await this.requireUser(manager, userId);
      const [grant] = await manager.query<unknown[]>(
        `SELECT 1 FROM user_role WHERE user_id = $1 AND role = 'elected_official'`,
        [userId],
      );
      if (!grant) {
        throw validationFailed([
          { field: 'userId', messages: ['Seul un élu peut recevoir une délégation de signature.'] },
        ]);
      }
      const now = this.clock.now();
      const saved = await manager.save(
        manager.create(SigningDelegation, {
          userId,
          arreteReference: input.arreteReference.trim(),
          arreteDate: input.arreteDate,
          scope: input.scope,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
          createdBy: actor.userId,
          createdAt: now,
        }),
      );
      const view = toView(saved, today);
      await this.journal.append(
        manager,
        { type: 'DELEGATION_RECORDED', actor, subject: subject(saved), before: null, after: view, reason: null },
        now,
      );
      return view;
    });
  }

  /** Four eyes: neither the administrator who recorded it nor the delegate confirms it. */
  async confirm(id: string, actor: Actor): Promise<DelegationView> {
    return this.change(id, actor, 'DELEGATION_CONFIRMED', null, (row, now) => {
      if (row.revokedAt) throw refused('REVOKED', 'Cette délégation est révoquée : elle ne peut plus être confirmée.');
      if (row.confirmedAt) throw refused('ALREADY_CONFIRMED', 'Cette délégation est déjà confirmée.');
      if (row.createdBy === actor.userId) {
        throw new DomainError(
          ErrorCode.Forbidden,
          { reason: 'FOUR_EYES' },
          'Un second administrateur, autre que celui qui l’a enregistrée, doit confirmer la délégation.',
        );
      }
      if (row.userId === actor.userId) {
        throw new DomainError(
          ErrorCode.Forbidden,
          { reason: 'SELF_DELEGATION' },
          'Nul ne peut confirmer sa propre délégation de signature.',
        );
      }
      row.confirmedBy = actor.userId;
      row.confirmedAt = now;
    });
  }

  async revoke(id: string, reason: string, actor: Actor): Promise<DelegationView> {
    return this.change(id, actor, 'DELEGATION_REVOKED', reason.trim(), (row, now) => {
      if (row.revokedAt) throw refused('REVOKED', 'Cette délégation est déjà révoquée.');
      row.revokedBy = actor.userId;
      row.revokedAt = now;
      row.revokedReason = reason.trim();
    });
  }

  private async change(
    id: string,
    actor: Actor,
    type: string,
    reason: string | null,
    apply: (row: SigningDelegation, now: Date) => void,
  ): Promise<DelegationView> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError(ErrorCode.DelegationNotFound, { id });
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(SigningDelegation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new DomainError(ErrorCode.DelegationNotFound, { id });
      const today = this.today();
      const before = toView(row, today);
      const now = this.clock.now();
      apply(row, now);
      const saved = await manager.save(row);
      const after = toView(saved, today);
      await this.journal.append(manager, { type, actor, subject: subject(saved), before, after, reason }, now);
      return after;
    });
  }

  private async requireUser(manager: EntityManager, userId: string): Promise<void> {
    const [user] = /^[0-9a-f-]{36}$/i.test(userId)
      ? await manager.query<unknown[]>('SELECT 1 FROM app_user WHERE id = $1', [userId])
      : [];
    if (!user) throw new DomainError(ErrorCode.UserNotFound, { id: userId });
  }
}

function checkDates(input: RecordDelegationDto, today: string): void {
  const fields: { field: string; messages: string[] }[] = [];
  if (input.arreteDate > today) {
    fields.push({ field: 'arreteDate', messages: ['La date de l’arrêté ne peut pas être dans le futur.'] });
  }
  if (input.startsOn < input.arreteDate) {
    fields.push({ field: 'startsOn', messages: ['La délégation ne peut pas commencer avant la date de l’arrêté.'] });
  }
  if (input.endsOn && input.endsOn < input.startsOn) {
    fields.push({ field: 'endsOn', messages: ['La date de fin doit suivre la date de début.'] });
  }
  if (fields.length) throw validationFailed(fields);
}

function refused(reason: string, message: string): DomainError {
  return new DomainError(ErrorCode.DelegationRefused, { reason }, message);
}

function subject(row: SigningDelegation) {
  return { kind: 'signing_delegation', id: row.id };
}

function status(row: SigningDelegation, today: string): DelegationStatus {
  if (row.revokedAt) return 'REVOKED';
  if (!row.confirmedAt) return 'AWAITING_CONFIRMATION';
  if (row.startsOn > today) return 'UPCOMING';
  if (row.endsOn && row.endsOn < today) return 'ENDED';
  return 'IN_FORCE';
}

export function toView(row: SigningDelegation, today: string): DelegationView {
  const current = status(row, today);
  return {
    id: row.id,
    userId: row.userId,
    arreteReference: row.arreteReference,
    arreteDate: row.arreteDate,
    scope: row.scope,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt ? new Date(row.confirmedAt).toISOString() : null,
    revokedBy: row.revokedBy,
    revokedAt: row.revokedAt ? new Date(row.revokedAt).toISOString() : null,
    revokedReason: row.revokedReason,
    status: current,
    inForce: current === 'IN_FORCE',
  };
}
