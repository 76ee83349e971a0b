/**
 * Corrections of a signed decision (DOMAIN rule 13): a signed decision never changes; a
 * correction is a new decision — its own délibération, same outcome — that references
 * the one it replaces, and takes effect once signed under the same conditions as SIGN.
 * Until then the signed decision stays in force. Each step locks the dossier row, checks,
 * writes and journals in one transaction; the dossier's state does not change.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AmountGateService } from '../amounts/amount-gate.service.js';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierLock } from '../dossiers/dossier-lock.js';
import { signatoryIdentityProblems } from './signature-facts.provider.js';
import { JournalService } from '../journal/journal.service.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import { factsAllMet, type Problem } from '../workflow/dossier.events.js';
import { payloadProblems } from '../workflow/dossier.requirements.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { decisionInForce, insertDecision, sittingProblems, type DecisionCommand } from './decision-rows.js';
import { Decision } from './decision.entity.js';
import { DeclaredRecusals } from './declared-recusals.js';
import type { CorrectionDto } from './dto/correction.dto.js';
import { signatoryProblems } from './signatory-rules.js';

function refused(reason: string, message: string, problems: Problem[] = []): DomainError {
  return new DomainError(
    ErrorCode.DecisionCorrectionRefused,
    { reason, ...(problems.length ? { problems } : {}) },
    message,
  );
}

/** What a correction charged to `year` frees of the decision it replaces: its amount, within the same year only. */
function releasedBy(corrected: Decision, year: number): number {
  return corrected.envelopeYear === year ? (corrected.amountCents ?? 0) : 0;
}

@Injectable()
export class CorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly journal: JournalService,
    private readonly gate: AmountGateService,
    private readonly envelopes: EnvelopesService,
    private readonly documents: DecisionDocumentsService,
    private readonly dossierLock: DossierLock,
    private readonly recusals: DeclaredRecusals,
  ) {}

  async record(dossierId: string, input: CorrectionDto, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const { nominal, corrected } = await this.lockCorrectable(manager, dossierId);
      const year = this.envelopes.currentYear();
      const { reason, ...fields } = input;
      const command: DecisionCommand = { ...fields, outcome: corrected.outcome };
      this.assertValidCommand(command);
      // The corrective délibération answers the same opinion: its sitting is not before it either.
      const sitting = sittingProblems(command.sessionDate, corrected.proposal?.committeeDate ?? null);
      if (sitting.length) throw refused('SITTING_BEFORE_OPINION', sitting[0].message, sitting);
      await this.assertAmountGate(manager, dossierId, command, corrected, year);
      const now = this.clock.now();
      const decisionId = await insertDecision(manager, command, {
        dossierId,
        nominalShareValueCents: nominal,
        envelopeYear: year,
        programmeReference: (await this.envelopes.find(manager, year))?.programmeReference ?? null,
        proposal: corrected.proposal,
        recordedAt: now,
        recordedBy: actor.userId,
        supersedesId: corrected.id,
        correctionReason: reason.trim(),
        declaredRecusals: await this.recusals.of(manager, dossierId),
      });
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'DECISION_CORRECTION_RECORDED',
          actor,
          payload: { decisionId, supersedesId: corrected.id, reason: reason.trim(), command: { ...command } },
        },
        now,
      );
      return { decisionId, supersedesId: corrected.id, journalSeq: entry.seq };
    });
  }

  /**
   * Locks the dossier row (first, as every write of the dossier does) and returns the
   * signed decision in force, refused when there is none or a correction already waits.
   */
  private async lockCorrectable(manager: EntityManager, dossierId: string) {
    const { nominalShareValueCents: nominal } = await this.dossierLock.lock(manager, dossierId);
    const corrected = await decisionInForce(manager, dossierId);
    if (!corrected) throw refused('NOTHING_TO_CORRECT', 'Aucune décision signée à corriger pour ce dossier.');
    const pending = await manager.findOneBy(Decision, { supersedesId: corrected.id });
    if (pending) throw refused('CORRECTION_PENDING', 'Une correction de cette décision attend déjà sa signature.');
    return { nominal, corrected };
  }

  /** The correction is typed like a decision: the decision's own payload rules apply (422). */
  private assertValidCommand(command: DecisionCommand): void {
    const today = isoDateIn(this.clock.now(), this.config.timeZone);
    const invalid = payloadProblems({ type: 'RECORD_DECISION', ...command, facts: factsAllMet(today) });
    if (invalid.length) {
      throw new DomainError(ErrorCode.ValidationFailed, {
        fields: invalid.map((p) => ({ field: p.field, code: p.code, messages: [p.message] })),
      });
    }
  }

  /**
   * The same gate as the decision's, on what the département would hold after the
   * correction. A corrective délibération is charged to the envelope of its own year:
   * only within the same year does it need no more than its increase.
   */
  private async assertAmountGate(
    manager: EntityManager,
    dossierId: string,
    command: DecisionCommand,
    corrected: Decision,
    year: number,
  ): Promise<void> {
    if (command.outcome !== 'APPROVED' || command.amountCents === undefined) return;
    const check = await this.gate.check(manager, {
      dossierId,
      amountCents: command.amountCents,
      purpose: 'CORRECTION',
      envelopeYear: year,
      releasedCents: releasedBy(corrected, year),
      proposedAmountCents: corrected.proposal?.proposedAmountCents ?? null,
      justification: command.justification,
      shares: command.shares,
    });
    if (check.problems.length) {
      throw refused('AMOUNT_RULES', 'Le montant corrigé ne respecte pas les règles.', check.problems);
    }
  }

  async sign(dossierId: string, decisionId: string, actor: Actor) {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.dossierLock.lock(manager, dossierId);
      const correction = await manager.findOneBy(Decision, { id: decisionId, dossierId });
      if (!correction?.supersedesId) throw new DomainError(ErrorCode.DecisionNotFound, { decisionId });
      if (correction.signedAt) throw refused('ALREADY_SIGNED', 'Cette correction est déjà signée.');
      const corrected = await manager.findOneByOrFail(Decision, { id: correction.supersedesId });
      const problems = [
        ...signatoryIdentityProblems(actor),
        ...(await signatoryProblems(
          manager,
          this.gate,
          correction,
          actor,
          releasedBy(corrected, correction.envelopeYear),
        )),
      ];
      if (problems.length) throw refused('SIGNATURE_CONDITIONS', 'La correction ne peut pas être signée.', problems);
      const now = this.clock.now();
      const signed = await this.documents.signAndIssue(manager, correction, actor, now, {
        departementName: this.config.departementName,
        timeZone: this.config.timeZone,
      });
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'DECISION_CORRECTION_SIGNED',
          actor,
          payload: {
            decisionId,
            supersedesId: corrected.id,
            documentSha256: signed.sha256,
            documentBytes: signed.bytes,
            ...(signed.recusedAdded.length ? { recusedAdded: signed.recusedAdded } : {}),
            reauthentication: actor.reauthentication,
          },
        },
        now,
      );
      return { decisionId, supersedesId: corrected.id, documentSha256: signed.sha256, journalSeq: entry.seq };
    });
    // Once committed, a signature is checkpointed (issue 16).
    return this.journal.checkpointAfterSignature(result);
  }
}
