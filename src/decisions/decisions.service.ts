/**
 * Reads of a dossier's decisions and the signatories' declarations of interests
 * (DOMAIN rule 8): an élu declares, through a dossier awaiting a decision, whether they
 * have an interest in its SCIC; the declaration holds for every dossier of the SIREN until
 * withdrawn (committee/interest-declarations.ts), bars them from signing, and lists them
 * among the élus who withdrew. Declarations are open while the dossier awaits or holds an
 * unsigned decision, and journaled in that dossier's journal.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import {
  declarationFieldErrors,
  recordDeclaration,
  type DeclarationRecorded,
} from '../committee/interest-declarations.js';
import type { DeclareInterestDto } from '../committee/opinions/member-acts.dto.js';
import { INTEREST_LABELS, type InterestNature } from '../committee/seats.js';
import { DossierLock } from '../dossiers/dossier-lock.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { JournalService } from '../journal/journal.service.js';
import { EnvelopesService, type EnvelopeView } from '../referentials/envelopes.service.js';
import { decisionInForce, pendingDecision } from './decision-rows.js';
import { DeclaredRecusals } from './declared-recusals.js';
import { Decision } from './decision.entity.js';
import { SignatoryDeclaration } from './signatory-declaration.entity.js';

export interface DecisionView extends Omit<
  Decision,
  'dossier' | 'supersedes' | 'recordedAt' | 'signedAt' | 'deliberationNumberNormalized'
> {
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
  /** Why an interest declared earlier was withdrawn. */
  withdrawalReason: string | null;
  declaredAt: string;
  /** The dossier of the SCIC it was made through (it concerns every dossier of the SCIC). */
  declaredThrough: string | null;
}

@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journal: JournalService,
    private readonly envelopes: EnvelopesService,
    private readonly dossiers: DossierReader,
    private readonly dossierLock: DossierLock,
    private readonly recusals: DeclaredRecusals,
  ) {}

  /** The current decision (the last recorded), the earlier ones, the declarations and the envelope it is charged to. */
  async view(dossierId: string) {
    const decisions = await this.dataSource.manager.find(Decision, {
      where: { dossierId },
      order: { recordedAt: 'DESC' },
    });
    const declarations = await this.declarationsInForce(dossierId);
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
    const fields = declarationFieldErrors(input);
    if (fields.length) throw validationFailed(fields);

    return this.dataSource.transaction(async (manager) => {
      await this.lockOpenDecision(manager, dossierId);
      const now = this.clock.now();
      // The declaration concerns the SCIC — every dossier of its SIREN — until withdrawn.
      const recorded = await recordDeclaration(
        manager,
        'signatory_declaration',
        { dossierId },
        actor.userId,
        input,
        now,
      );
      // An élu declaring an interest withdrew from this dossier's deliberation: listed at once
      // in its unsigned decision (the other dossiers' decisions list them at their signature).
      const pending = input.hasInterest ? await pendingOrCorrection(manager, dossierId) : null;
      const recusedAdded = pending ? await this.recusals.addTo(manager, pending) : [];
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'SIGNATORY_INTEREST_DECLARED',
          actor,
          payload: {
            ...declarationPayload(actor.userId, input, recorded),
            ...(recusedAdded.length ? { recusedAddedTo: pending?.id } : {}),
          },
        },
        now,
      );
      return {
        ...describeDeclaration({
          userId: actor.userId,
          hasInterest: input.hasInterest,
          nature: input.nature ?? null,
          details: recorded.details,
          withdrawalReason: recorded.withdrawalReason,
          declaredAt: now,
          dossierReference: null,
        }),
        siren: recorded.siren,
        journalSeq: entry.seq,
      };
    });
  }

  /**
   * Locks the dossier like a transition (a declaration and a signature of the same dossier
   * are serialised) and refuses unless a decision is awaited or unsigned: at the decision
   * step, or when a correction of a signed decision waits for its signature.
   */
  private async lockOpenDecision(manager: EntityManager, dossierId: string): Promise<void> {
    const dossier = await this.dossierLock.lock(manager, dossierId);
    const [correction] = await manager.query<{ id: string }[]>(
      'SELECT id FROM decision WHERE dossier_id = $1 AND supersedes_id IS NOT NULL AND signed_at IS NULL',
      [dossierId],
    );
    if (!dossier.state.startsWith('decision.') && !correction) {
      throw new DomainError(ErrorCode.DecisionNotOpen, { currentState: dossier.state });
    }
  }

  /** The élus' declarations in force for the dossier's SCIC, wherever they were made, with the dossier each was made through. */
  private async declarationsInForce(dossierId: string) {
    const [dossier] = await this.dossiers.many([dossierId]);
    if (!dossier) return [];
    const declarations = await this.dataSource.manager.find(SignatoryDeclaration, {
      where: { scicId: dossier.scic.id, supersededAt: IsNull() },
      order: { declaredAt: 'ASC', userId: 'ASC' },
    });
    const throughs = await this.dossiers.many(declarations.map((declaration) => declaration.dossierId));
    const references = new Map(throughs.map((through) => [through.id, through.reference]));
    return declarations.flatMap((declaration) => {
      const dossierReference = references.get(declaration.dossierId);
      return dossierReference === undefined ? [] : [{ ...declaration, dossierReference }];
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
  declaration: Pick<
    SignatoryDeclaration,
    'userId' | 'hasInterest' | 'nature' | 'details' | 'withdrawalReason' | 'declaredAt'
  > & { dossierReference: string | null },
): SignatoryDeclarationView {
  return {
    userId: declaration.userId,
    hasInterest: declaration.hasInterest,
    nature: declaration.nature,
    natureLabel: declaration.nature ? INTEREST_LABELS[declaration.nature as InterestNature] : null,
    details: declaration.details,
    withdrawalReason: declaration.withdrawalReason,
    declaredAt: declaration.declaredAt.toISOString(),
    declaredThrough: declaration.dossierReference,
  };
}

/** The journal's record of a signatory's declaration: who, which SCIC, what replaced what. */
function declarationPayload(userId: string, input: DeclareInterestDto, recorded: DeclarationRecorded) {
  return {
    userId,
    scicId: recorded.scicId,
    siren: recorded.siren,
    declarationId: recorded.id,
    replacesDeclarationId: recorded.replaced?.id ?? null,
    hasInterest: input.hasInterest,
    nature: input.nature ?? null,
    details: recorded.details,
    ...(recorded.withdrawn ? { withdrawn: true, withdrawalReason: recorded.withdrawalReason } : {}),
  };
}

/** The decision of the dossier still open to an élu's recusal: the one awaiting signature, or a pending correction. */
async function pendingOrCorrection(manager: EntityManager, dossierId: string): Promise<Decision | null> {
  return (
    (await pendingDecision(manager, dossierId)) ??
    (await manager
      .getRepository(Decision)
      .createQueryBuilder('d')
      .where('d.dossier_id = :dossierId AND d.signed_at IS NULL AND d.supersedes_id IS NOT NULL', { dossierId })
      .getOne())
  );
}
