/**
 * Budget envelopes (DOMAIN rule 5): one per year, set by the administrator. What is
 * committed is what the decisions module reports — the signed approvals charged to the
 * year — so the figure follows the legal record rather than a counter that could drift.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { formatEuros } from '../common/french-format.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AdminJournalService } from '../journal/admin-journal.service.js';
import { BudgetEnvelope } from './budget-envelope.entity.js';
import type { BudgetEnvelopeDto } from './dto/envelope.dto.js';

/** The decisions module plugs in what the signed decisions commit. */
export interface CommitmentsReader {
  committedCents(manager: EntityManager, year: number): Promise<number>;
}

export interface EnvelopeView {
  year: number;
  amountCents: number;
  programmeReference: string;
  committedCents: number;
  remainingCents: number;
}

/** Years outside this range are typing mistakes, not budgets: answered as unknown entries. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

@Injectable()
export class EnvelopesService {
  private commitments: CommitmentsReader | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adminJournal: AdminJournalService,
  ) {}

  useCommitments(reader: CommitmentsReader): void {
    this.commitments = reader;
  }

  /**
   * The year's envelope, its row locked until the transaction ends: two signatures
   * charged to one year are serialised, so that together they cannot exceed it.
   * `null` when no envelope is set for the year.
   */
  async lockYear(manager: EntityManager, year: number): Promise<EnvelopeView | null> {
    const [envelope] = await manager.query<{ year: number }[]>(
      'SELECT year FROM budget_envelope WHERE year = $1 FOR UPDATE',
      [year],
    );
    return envelope ? this.find(manager, year) : null;
  }

  async view(yearParam: string, manager: EntityManager = this.dataSource.manager): Promise<EnvelopeView> {
    const year = parseYear(yearParam);
    const envelope = await manager.findOneBy(BudgetEnvelope, { year });
    if (!envelope) throw new DomainError(ErrorCode.ReferentialEntryNotFound, { year });
    return this.describe(manager, envelope);
  }

  /**
   * Sets the year's envelope under its row lock, the lock a signature takes (lockYear):
   * no signature commits money between the check and the change, so the envelope never
   * falls below what the signed approvals commit. Journaled with its reason.
   */
  async set(yearParam: string, body: BudgetEnvelopeDto, actor: Actor): Promise<EnvelopeView> {
    const year = parseYear(yearParam);
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(BudgetEnvelope, { where: { year }, lock: { mode: 'pessimistic_write' } });
      const committedCents = await this.committedCents(manager, year);
      if (body.amountCents < committedCents) {
        throw new DomainError(
          ErrorCode.EnvelopeBelowCommitted,
          { year, amountCents: body.amountCents, committedCents },
          `L’enveloppe ${year} ne peut pas être inférieure à ce qui est déjà engagé : ` +
            `${formatEuros(committedCents)} par les décisions signées (montant demandé : ${formatEuros(body.amountCents)}).`,
        );
      }
      const after = { amountCents: body.amountCents, programmeReference: body.programmeReference.trim() };
      await manager.upsert(BudgetEnvelope, { year, ...after }, ['year']);
      await this.adminJournal.append(
        manager,
        {
          type: current ? 'ENVELOPE_CHANGED' : 'ENVELOPE_SET',
          actor,
          subject: { kind: 'envelope', id: String(year) },
          before: current ? { amountCents: current.amountCents, programmeReference: current.programmeReference } : null,
          after,
          reason: body.reason.trim(),
        },
        this.clock.now(),
      );
      return this.view(String(year), manager);
    });
  }

  /**
   * The year a decision recorded today is charged to: the year of today in the
   * département's time zone, the year the élus decide in.
   */
  currentYear(): number {
    return Number(isoDateIn(this.clock.now(), this.config.timeZone).slice(0, 4));
  }

  /**
   * The year's envelope with what is committed and what remains, read without a lock (the
   * amount gate's preview, proposal and decision; the signature locks it, see lockYear).
   * `null` when no envelope is set for the year.
   */
  async find(manager: EntityManager, year: number): Promise<EnvelopeView | null> {
    const envelope = await manager.findOneBy(BudgetEnvelope, { year });
    return envelope ? this.describe(manager, envelope) : null;
  }

  private async describe(manager: EntityManager, envelope: BudgetEnvelope): Promise<EnvelopeView> {
    const committedCents = await this.committedCents(manager, envelope.year);
    return {
      year: envelope.year,
      amountCents: envelope.amountCents,
      programmeReference: envelope.programmeReference,
      committedCents,
      remainingCents: envelope.amountCents - committedCents,
    };
  }

  private committedCents(manager: EntityManager, year: number): Promise<number> {
    return this.commitments ? this.commitments.committedCents(manager, year) : Promise.resolve(0);
  }
}

function parseYear(value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
    throw new DomainError(ErrorCode.ReferentialEntryNotFound, { year: value });
  }
  return year;
}
