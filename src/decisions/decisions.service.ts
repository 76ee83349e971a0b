/**
 * Reads of a dossier's decisions and the signatories' declarations of interests
 * (DOMAIN rule 8): an élu declares, for each dossier, before signing; a declared interest
 * bars them from signing it. Declarations are open while the dossier awaits or holds an
 * unsigned decision, and journaled.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed, type FieldError } from '../common/validation.js';
import type { DeclareInterestDto } from '../committee/opinions/member-acts.dto.js';
import { INTEREST_LABELS, type InterestNature } from '../committee/seats.js';
import { JournalService } from '../journal/journal.service.js';
import { EnvelopesService, type EnvelopeView } from '../referentials/envelopes.service.js';
import { decisionInForce } from './decision-rows.js';
import { Decision } from './decision.entity.js';
import { SignatoryDeclaration } from './signatory-declaration.entity.js';

export interface DecisionView extends Omit<Decision, 'dossier' | 'supersedes' | 'recordedAt' | 'signedAt'> {
  recordedAt: string;
  signedAt: string | null;
  signed: boolean;
  documentUrl: string | null;
}

export interface SignatoryDeclarationView {
  userId: string;
  hasInterest: boolean;
  nature: string | null;
  natureLabel: string | null;
  details: string | null;
  declaredAt: string;
}

@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journal: JournalService,
    private readonly envelopes: EnvelopesService,
  ) {}

  /** The current decision (the last recorded), the earlier ones, the declarations and the envelope it is charged to. */
  async view(dossierId: string) {
    const decisions = await this.dataSource.manager.find(Decision, {
      where: { dossierId },
      order: { recordedAt: 'DESC' },
    });
    const declarations = await this.dataSource.manager.find(SignatoryDeclaration, {
      where: { dossierId },
      order: { declaredAt: 'ASC' },
    });
    // The decision in force is the last signed one no signed correction replaced; an
    // unsigned correction waits beside it.
    const inForce = await decisionInForce(this.dataSource.manager, dossierId);
    const pending = decisions.find((decision) => decision.supersedesId !== null && decision.signedAt === null) ?? null;
    const current = inForce ?? decisions[0] ?? null;
    let envelope: EnvelopeView | null = null;
    if (current?.outcome === 'APPROVED') {
      envelope = await this.envelopes.view(String(current.envelopeYear)).catch(() => null);
    }
    return {
      current: current ? this.describe(dossierId, current) : null,
      pendingCorrection: pending ? this.describe(dossierId, pending) : null,
      history: decisions
        .filter((decision) => decision.id !== current?.id && decision.id !== pending?.id)
        .map((decision) => this.describe(dossierId, decision)),
      declarations: declarations.map(describeDeclaration),
      envelope,
    };
  }

  async declare(
    dossierId: string,
    input: DeclareInterestDto,
    actor: Actor,
  ): Promise<SignatoryDeclarationView & { journalSeq: number }> {
    const fields: FieldError[] = [];
    if (input.hasInterest && !input.nature) {
      fields.push({ field: 'nature', messages: ['Précisez la nature de l’intérêt déclaré.'] });
    }
    if (!input.hasInterest && input.nature) {
      fields.push({ field: 'nature', messages: ['Une nature d’intérêt ne s’indique qu’avec un intérêt déclaré.'] });
    }
    if (input.nature === 'OTHER' && !input.details?.trim()) {
      fields.push({ field: 'details', messages: ['Décrivez l’intérêt déclaré (nature « autre »).'] });
    }
    if (fields.length) throw validationFailed(fields);

    return this.dataSource.transaction(async (manager) => {
      // Locked like a transition: a declaration and a signature of the same dossier are serialised.
      const [dossier] = await manager.query<{ state: string }[]>('SELECT state FROM dossier WHERE id = $1 FOR UPDATE', [
        dossierId,
      ]);
      if (!dossier) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
      // Open while a decision is awaited or unsigned: at the decision step, or when a
      // correction of a signed decision waits for its signature.
      const [correction] = await manager.query<{ id: string }[]>(
        'SELECT id FROM decision WHERE dossier_id = $1 AND supersedes_id IS NOT NULL AND signed_at IS NULL',
        [dossierId],
      );
      if (!dossier.state.startsWith('decision.') && !correction) {
        throw new DomainError(ErrorCode.DecisionNotOpen, { currentState: dossier.state });
      }
      const now = this.clock.now();
      const details = input.details?.trim() || null;
      await manager.query(
        `INSERT INTO signatory_declaration (dossier_id, user_id, has_interest, nature, details, declared_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (dossier_id, user_id) DO UPDATE SET has_interest = $3, nature = $4, details = $5, declared_at = $6`,
        [dossierId, actor.userId, input.hasInterest, input.nature ?? null, details, now],
      );
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'SIGNATORY_INTEREST_DECLARED',
          actor,
          payload: { userId: actor.userId, hasInterest: input.hasInterest, nature: input.nature ?? null, details },
        },
        now,
      );
      return {
        ...describeDeclaration({
          userId: actor.userId,
          hasInterest: input.hasInterest,
          nature: input.nature ?? null,
          details,
          declaredAt: now,
        }),
        journalSeq: entry.seq,
      };
    });
  }

  private describe(dossierId: string, decision: Decision): DecisionView {
    return {
      id: decision.id,
      dossierId: decision.dossierId,
      outcome: decision.outcome,
      body: decision.body,
      delegationReference: decision.delegationReference,
      sessionDate: decision.sessionDate,
      deliberationNumber: decision.deliberationNumber,
      amountCents: decision.amountCents,
      shares: decision.shares,
      justification: decision.justification,
      recusedElectedOfficials: decision.recusedElectedOfficials,
      proposal: decision.proposal,
      envelopeYear: decision.envelopeYear,
      programmeReference: decision.programmeReference,
      supersedesId: decision.supersedesId,
      correctionReason: decision.correctionReason,
      recordedAt: decision.recordedAt.toISOString(),
      recordedBy: decision.recordedBy,
      signed: decision.signedAt !== null,
      signedAt: decision.signedAt?.toISOString() ?? null,
      signedBy: decision.signedBy,
      signatoryName: decision.signatoryName,
      documentSha256: decision.documentSha256,
      documentUrl: decision.signedAt ? `/api/dossiers/${dossierId}/decisions/${decision.id}/document.pdf` : null,
    };
  }
}

function describeDeclaration(
  declaration: Pick<SignatoryDeclaration, 'userId' | 'hasInterest' | 'nature' | 'details' | 'declaredAt'>,
): SignatoryDeclarationView {
  return {
    userId: declaration.userId,
    hasInterest: declaration.hasInterest,
    nature: declaration.nature,
    natureLabel: declaration.nature ? INTEREST_LABELS[declaration.nature as InterestNature] : null,
    details: declaration.details,
    declaredAt: declaration.declaredAt.toISOString(),
  };
}
