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
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { decidedAmountProblems } from '../dossiers/amount-rules.js';
import { signatoryIdentityProblems } from '../identity/signature-facts.provider.js';
import { JournalService } from '../journal/journal.service.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import { factsAllMet, type Problem } from '../workflow/dossier.events.js';
import { payloadProblems } from '../workflow/dossier.requirements.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { decisionInForce, insertDecision, type DecisionCommand } from './decision-rows.js';
import { Decision } from './decision.entity.js';
import type { CorrectionDto } from './dto/correction.dto.js';
import { signatoryProblems } from './signatory-rules.js';

function refused(reason: string, message: string, problems: Problem[] = []): DomainError {
  return new DomainError(
    ErrorCode.DecisionCorrectionRefused,
    { reason, ...(problems.length ? { problems } : {}) },
    message,
  );
}

@Injectable()
export class CorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly journal: JournalService,
    private readonly envelopes: EnvelopesService,
    private readonly documents: DecisionDocumentsService,
  ) {}

  async record(dossierId: string, input: CorrectionDto, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const { nominal, requested } = await this.lockDossier(manager, dossierId);
      const corrected = await decisionInForce(manager, dossierId);
      if (!corrected) throw refused('NOTHING_TO_CORRECT', 'Aucune décision signée à corriger pour ce dossier.');
      const pending = await manager.findOneBy(Decision, { supersedesId: corrected.id });
      if (pending) throw refused('CORRECTION_PENDING', 'Une correction de cette décision attend déjà sa signature.');

      const { reason, ...fields } = input;
      const command: DecisionCommand = { ...fields, outcome: corrected.outcome };
      const today = isoDateIn(this.clock.now(), this.config.timeZone);
      const invalid = payloadProblems({ type: 'RECORD_DECISION', ...command, facts: factsAllMet(today) });
      if (invalid.length) {
        throw new DomainError(ErrorCode.ValidationFailed, {
          fields: invalid.map((p) => ({ field: p.field, code: p.code, messages: [p.message] })),
        });
      }
      if (command.outcome === 'APPROVED' && command.amountCents !== undefined) {
        const problems = decidedAmountProblems(
          command.amountCents,
          corrected.proposal?.proposedAmountCents ?? null,
          requested,
          nominal,
          command.justification,
        );
        if (command.shares !== undefined && command.shares * nominal !== command.amountCents) {
          problems.push({
            field: 'shares',
            code: 'SHARES_MISMATCH',
            message: 'Le nombre de parts ne fait pas le montant.',
          });
        }
        if (problems.length) throw refused('AMOUNT_RULES', 'Le montant corrigé ne respecte pas les règles.', problems);
      }
      const now = this.clock.now();
      const decisionId = await insertDecision(manager, command, {
        dossierId,
        nominalShareValueCents: nominal,
        envelopeYear: corrected.envelopeYear,
        programmeReference: corrected.programmeReference,
        proposal: corrected.proposal,
        recordedAt: now,
        recordedBy: actor.userId,
        supersedesId: corrected.id,
        correctionReason: reason.trim(),
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

  async sign(dossierId: string, decisionId: string, actor: Actor) {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.lockDossier(manager, dossierId);
      const correction = await manager.findOneBy(Decision, { id: decisionId, dossierId });
      if (!correction?.supersedesId) throw new DomainError(ErrorCode.DecisionNotFound, { decisionId });
      if (correction.signedAt) throw refused('ALREADY_SIGNED', 'Cette correction est déjà signée.');
      const corrected = await manager.findOneByOrFail(Decision, { id: correction.supersedesId });
      const problems = [
        ...signatoryIdentityProblems(actor),
        ...(await signatoryProblems(manager, this.envelopes, correction, actor, corrected.amountCents ?? 0)),
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

  private async lockDossier(manager: EntityManager, dossierId: string) {
    const [dossier] = await manager.query<{ nominal_share_value_cents: string; requested_amount_cents: string }[]>(
      'SELECT nominal_share_value_cents, requested_amount_cents FROM dossier WHERE id = $1 FOR UPDATE',
      [dossierId],
    );
    if (!dossier) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
    return { nominal: Number(dossier.nominal_share_value_cents), requested: Number(dossier.requested_amount_cents) };
  }
}
