/**
 * Shareholder current-account advances recorded after the decision (DOMAIN rule 11): only
 * under a signed approval, checked against the SCIC's whole history by the same pure
 * rules as step 3's recommendation. Each write locks the SCIC (advances are per SCIC),
 * then the dossiers it journals into, and writes, closes and journals in one transaction.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { formatFrenchDate } from '../common/french-format.js';
import { validationFailed } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierLock } from '../dossiers/dossier-lock.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { ScicLock } from '../dossiers/scic-lock.js';
import { JournalService } from '../journal/journal.service.js';
import { listStakes } from '../participation/stakes.js';
import { ReferentialsService } from '../referentials/referentials.service.js';
import { scicAdvanceFacts } from './advance-history.js';
import { addMonths, advanceRefusals } from './advance-rules.js';
import type { CloseAdvanceDto, RecordAdvanceDto } from './dto/advance.dto.js';
import { advanceView as view } from './advance-view.js';
import { ShareholderAdvance } from './shareholder-advance.entity.js';

function refused(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.AdvanceRefused, { reason, ...details }, message);
}

const invalid = (field: string, message: string) => validationFailed([{ field, messages: [message] }]);

/** Unique index of open advances per SCIC: a concurrent recording lost the race. */
const isOpenAdvanceConflict = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  ((error as { constraint?: string }).constraint ?? '').startsWith('UQ_shareholder_advance');

@Injectable()
export class AdvancesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly journal: JournalService,
    private readonly referentials: ReferentialsService,
    private readonly dossiers: DossierReader,
    private readonly dossierLock: DossierLock,
    private readonly scicLock: ScicLock,
  ) {}

  /** The SCIC's advances, every dossier of it: the rules are per SCIC. */
  async list(dossierId: string) {
    const scicId = await this.scicOf(this.dataSource.manager, dossierId);
    const advances = await this.dataSource.manager.find(ShareholderAdvance, {
      where: { scicId },
      order: { startsOn: 'ASC', recordedAt: 'ASC' },
    });
    const references = await this.dossierReferences(advances);
    const max = (await this.referentials.thresholds()).CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS;
    return {
      maxTermMonths: max,
      advances: advances.map((advance) => view(advance, references.get(advance.dossierId) ?? null)),
    };
  }

  async record(dossierId: string, input: RecordAdvanceDto, actor: Actor) {
    const today = isoDateIn(this.clock.now(), this.config.timeZone);
    if (input.conventionDate > today)
      throw invalid('conventionDate', 'La date ne peut pas être postérieure à aujourd’hui.');
    if (input.conventionDate > input.startsOn) {
      throw invalid('conventionDate', 'La convention doit être signée au plus tard le jour où l’avance commence.');
    }
    const renewalOf = input.renewalOf ?? null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const scicId = await this.scicOf(manager, dossierId);
        await this.scicLock.lockScic(manager, scicId);
        await this.dossierLock.lockAll(manager, [dossierId]);
        await this.checkDecisionInForce(manager, dossierId, input.startsOn);
        await this.checkAdvanceRules(manager, scicId, input, renewalOf);
        const now = this.clock.now();
        if (renewalOf) await this.closeRenewed(manager, renewalOf, input.startsOn, actor, now);

        return this.insertAdvance(manager, { scicId, dossierId, input, renewalOf, actor, now });
      });
    } catch (error) {
      if (isOpenAdvanceConflict(error)) {
        throw refused(
          'ADVANCE_ALREADY_OPEN',
          'La SCIC a déjà une avance en cours : une seule avance peut être ouverte à la fois.',
        );
      }
      throw error;
    }
  }

  /** The advance's row and its journal entry, under the locks its checks took. */
  private async insertAdvance(
    manager: EntityManager,
    recorded: {
      scicId: string;
      dossierId: string;
      input: RecordAdvanceDto;
      renewalOf: string | null;
      actor: Actor;
      now: Date;
    },
  ) {
    const { scicId, dossierId, input, renewalOf, actor, now } = recorded;
    const fields = {
      scicId,
      dossierId,
      conventionReference: input.conventionReference!.trim(),
      conventionDate: input.conventionDate,
      amountCents: input.amountCents,
      startsOn: input.startsOn,
      termMonths: input.termMonths,
      endsOn: addMonths(input.startsOn, input.termMonths),
      renewalOf,
      recordedBy: actor.userId,
      recordedAt: now,
      closedOn: null,
      closingReason: null,
      closedBy: null,
      closedAt: null,
    };
    const inserted = await manager.insert(ShareholderAdvance, fields);
    const advance = Object.assign(new ShareholderAdvance(), fields, { id: inserted.identifiers[0].id as string });
    const entry = await this.journal.append(
      manager,
      dossierId,
      {
        type: 'ADVANCE_RECORDED',
        actor,
        payload: {
          advanceId: advance.id,
          conventionReference: advance.conventionReference,
          conventionDate: advance.conventionDate,
          amountCents: advance.amountCents,
          startsOn: advance.startsOn,
          termMonths: advance.termMonths,
          endsOn: advance.endsOn,
          renewalOf,
        },
      },
      now,
    );
    return { ...view(advance, null), journalSeq: entry.seq };
  }

  async closeAdvance(dossierId: string, advanceId: string, input: CloseAdvanceDto, actor: Actor) {
    const today = isoDateIn(this.clock.now(), this.config.timeZone);
    if (input.closedOn > today) throw invalid('closedOn', 'La date ne peut pas être postérieure à aujourd’hui.');
    return this.dataSource.transaction(async (manager) => {
      const scicId = await this.scicOf(manager, dossierId);
      await this.scicLock.lockScic(manager, scicId);
      await this.dossierLock.lockAll(manager, [dossierId]);
      const advance = await manager.findOneBy(ShareholderAdvance, { id: advanceId, dossierId });
      if (!advance) throw new DomainError(ErrorCode.AdvanceNotFound, { id: advanceId });
      if (advance.closedOn !== null) {
        throw refused(
          'ALREADY_CLOSED',
          `Cette avance est déjà clôturée depuis le ${formatFrenchDate(advance.closedOn)} : une clôture ne se modifie pas.`,
        );
      }
      if (input.closedOn < advance.startsOn) {
        throw invalid(
          'closedOn',
          `La clôture ne peut précéder le début de l’avance (${formatFrenchDate(advance.startsOn)}).`,
        );
      }
      const entry = await this.close(manager, advance, input.closedOn, input.reason, actor, this.clock.now());
      return { ...view(advance, null), journalSeq: entry.seq };
    });
  }

  /** An advance is recorded under the dossier's signed approval in force, once it is executory, not before either. */
  private async checkDecisionInForce(manager: EntityManager, dossierId: string, startsOn: string): Promise<void> {
    const [stake] = await listStakes(manager, this.config.timeZone, { dossierId });
    if (!stake) {
      throw refused(
        'NO_SIGNED_APPROVAL',
        'Aucune décision d’approbation n’est signée pour ce dossier : une avance ne s’enregistre qu’après une approbation signée.',
      );
    }
    if (startsOn < stake.decidedOn) {
      throw invalid(
        'startsOn',
        `L’avance ne peut commencer avant la signature de la décision (${formatFrenchDate(stake.decidedOn)}).`,
      );
    }
    // Money leaves with an advance as with a payment (rule 12): not before the decision
    // in force is executory.
    if (!stake.executoryOn) {
      throw refused(
        'DECISION_NOT_EXECUTORY',
        'La décision n’est pas encore exécutoire : enregistrez la date à laquelle elle l’est (souscription) avant toute avance.',
      );
    }
    if (startsOn < stake.executoryOn) {
      throw invalid(
        'startsOn',
        `L’avance ne peut commencer avant que la décision soit exécutoire (${formatFrenchDate(stake.executoryOn)}).`,
      );
    }
  }

  /** The pure rules on the SCIC's whole history of advances (DOMAIN rule 11): input errors first, 422. */
  private async checkAdvanceRules(
    manager: EntityManager,
    scicId: string,
    input: RecordAdvanceDto,
    renewalOf: string | null,
  ): Promise<void> {
    const history = await scicAdvanceFacts(manager, scicId);
    const { CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS: max } = await this.referentials.thresholds(manager);
    const refusals = advanceRefusals(
      { conventionReference: input.conventionReference, termMonths: input.termMonths, renewalOf },
      history,
      max,
    );
    const inputRefusals = refusals.filter((refusal) => refusal.kind === 'INPUT');
    if (inputRefusals.length) {
      throw validationFailed(inputRefusals.map(({ field, message }) => ({ field, messages: [message] })));
    }
    if (refusals.length) throw refused(refusals[0].reason, refusals[0].message);
  }

  /** The renewal takes the renewed advance's place: it closes on the day the renewal starts. */
  private async closeRenewed(
    manager: EntityManager,
    renewalOf: string,
    startsOn: string,
    actor: Actor,
    now: Date,
  ): Promise<void> {
    const renewed = await manager.findOneByOrFail(ShareholderAdvance, { id: renewalOf });
    if (startsOn < renewed.startsOn) {
      throw invalid(
        'startsOn',
        `Le renouvellement ne peut commencer avant l’avance renouvelée (${formatFrenchDate(renewed.startsOn)}).`,
      );
    }
    if (renewed.closedOn === null) await this.close(manager, renewed, startsOn, 'RENEWED', actor, now);
  }

  /** Writes the closing once and journals it in the advance's own dossier (locked by the caller). */
  private async close(
    manager: EntityManager,
    advance: ShareholderAdvance,
    closedOn: string,
    reason: 'REPAID' | 'RENEWED',
    actor: Actor,
    now: Date,
  ) {
    if (advance.dossierId) await this.dossierLock.lockAll(manager, [advance.dossierId]);
    await manager.update(
      ShareholderAdvance,
      { id: advance.id },
      { closedOn, closingReason: reason, closedBy: actor.userId, closedAt: now },
    );
    Object.assign(advance, { closedOn, closingReason: reason, closedBy: actor.userId, closedAt: now });
    return this.journal.append(
      manager,
      advance.dossierId,
      { type: 'ADVANCE_CLOSED', actor, payload: { advanceId: advance.id, closedOn, reason } },
      now,
    );
  }

  /** The SCIC of the dossier, or 404. The journal's appends then lock the dossier row, after the SCIC's: one order. */
  private async scicOf(manager: EntityManager, dossierId: string): Promise<string> {
    return (await this.dossiers.get(dossierId, manager)).scic.id;
  }

  /** The reference of each advance's dossier, by dossier id. */
  private async dossierReferences(advances: ShareholderAdvance[]): Promise<Map<string, string>> {
    const ids = advances.flatMap((advance) => (advance.dossierId ? [advance.dossierId] : []));
    const dossiers = await this.dossiers.many(ids);
    return new Map(dossiers.map((dossier) => [dossier.id, dossier.reference]));
  }
}
