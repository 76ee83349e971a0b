/**
 * The decision document: rendered at signing from the recorded decision, kept byte for
 * byte with its SHA-256, served for download, and looked up by hash to tell whether the
 * system issued a document (decisions and committee minutes).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { isoDateIn } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { MinutesReader } from '../committee/sessions/minutes-reader.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { SigningDelegationReader } from '../identity/signing-delegation-reader.js';
import { UserDirectory } from '../identity/user-directory.js';
import { renderDecisionDocument } from './decision-document.pdf.js';
import type { RecusedElectedOfficial } from '../workflow/dossier.events.js';
import { decisionInForce } from './decision-rows.js';
import { DeclaredRecusals } from './declared-recusals.js';
import { DecisionDocument } from './decision-document.entity.js';
import { Decision } from './decision.entity.js';

export interface IssuedDocument {
  issued: boolean;
  sha256: string;
  kind?: 'DECISION' | 'COMMITTEE_MINUTES';
  dossierId?: string;
  dossierReference?: string;
  decisionId?: string;
  deliberationNumber?: string;
  sessionId?: string;
  issuedAt?: string;
}

@Injectable()
export class DecisionDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossiers: DossierReader,
    private readonly users: UserDirectory,
    private readonly delegations: SigningDelegationReader,
    private readonly minutes: MinutesReader,
    private readonly recusals: DeclaredRecusals,
  ) {}

  /** Renders the document of `decision`, stores it and signs the decision, in `manager`'s transaction. */
  async signAndIssue(
    manager: EntityManager,
    decision: Decision,
    actor: Actor,
    now: Date,
    options: { departementName: string; timeZone: string },
  ): Promise<{ sha256: string; bytes: number; recusedAdded: RecusedElectedOfficial[] }> {
    // Élus who declared an interest in the SCIC after the decision was recorded withdrew too.
    const recusedAdded = await this.recusals.addTo(manager, decision);
    const dossier = await this.dossiers.get(decision.dossierId, manager);
    const signatory = await this.signatory(manager, actor.userId, isoDateIn(now, options.timeZone));
    const corrected = decision.supersedesId
      ? await manager.findOneByOrFail(Decision, { id: decision.supersedesId })
      : null;
    const pdf = await renderDecisionDocument({
      departementName: options.departementName,
      dossierReference: dossier.reference,
      scic: {
        name: dossier.scic.name,
        siren: dossier.scic.siren,
        legalForm: dossier.scic.legalForm,
        commune: dossier.scic.commune,
      },
      requestedAmountCents: dossier.requestedAmountCents,
      nominalShareValueCents: dossier.nominalShareValueCents,
      body: decision.body,
      delegationReference: decision.delegationReference,
      sessionDate: decision.sessionDate,
      deliberationNumber: decision.deliberationNumber,
      outcome: decision.outcome === 'APPROVED' ? 'APPROVED' : 'REJECTED',
      amountCents: decision.amountCents,
      shares: decision.shares,
      justification: decision.justification,
      recusedNames: decision.recusedElectedOfficials.map((official) => official.name),
      proposal: decision.proposal,
      envelopeYear: decision.envelopeYear,
      programmeReference: decision.programmeReference,
      corrects: corrected
        ? { deliberationNumber: corrected.deliberationNumber, reason: decision.correctionReason ?? '' }
        : null,
      signatoryName: signatory.name,
      signatoryDelegation: signatory.delegation,
      signedAt: now,
      signedOn: isoDateIn(now, options.timeZone),
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await manager.insert(DecisionDocument, { decisionId: decision.id, sha256, content: pdf, issuedAt: now });
    await manager.update(
      Decision,
      { id: decision.id },
      { signedAt: now, signedBy: actor.userId, signatoryName: signatory.name, documentSha256: sha256 },
    );
    return { sha256, bytes: pdf.length, recusedAdded };
  }

  /** The signed document of the decision in force, or of the dossier's decision `decisionId`. */
  async document(
    dossierId: string,
    decisionId?: string,
  ): Promise<{ pdf: Buffer; sha256: string; deliberationNumber: string }> {
    const decision = decisionId
      ? await this.dataSource.manager.findOneBy(Decision, { id: decisionId, dossierId })
      : await decisionInForce(this.dataSource.manager, dossierId);
    const document = decision
      ? await this.dataSource.manager.findOneBy(DecisionDocument, { decisionId: decision.id })
      : null;
    if (!decision || !document) {
      throw new DomainError(ErrorCode.DecisionNotFound, { dossierId, decisionId }, 'Aucune décision signée ici.');
    }
    return { pdf: document.content, sha256: document.sha256, deliberationNumber: decision.deliberationNumber };
  }

  /** Whether the system issued a document with this hash, and for what. */
  async verify(sha256: string): Promise<IssuedDocument> {
    const hash = sha256.toLowerCase();
    const [decision] = await this.dataSource.query<
      { id: string; dossier_id: string; deliberation_number: string; issued_at: Date }[]
    >(
      `SELECT d.id, d.dossier_id, d.deliberation_number, doc.issued_at
         FROM decision_document doc JOIN decision d ON d.id = doc.decision_id
        WHERE doc.sha256 = $1`,
      [hash],
    );
    if (decision) {
      return {
        issued: true,
        sha256: hash,
        kind: 'DECISION',
        dossierId: decision.dossier_id,
        dossierReference: (await this.dossiers.get(decision.dossier_id)).reference,
        decisionId: decision.id,
        deliberationNumber: decision.deliberation_number,
        issuedAt: new Date(decision.issued_at).toISOString(),
      };
    }
    const minutes = await this.minutes.issuedWithHash(hash);
    if (minutes) {
      return {
        issued: true,
        sha256: hash,
        kind: 'COMMITTEE_MINUTES',
        sessionId: minutes.sessionId,
        issuedAt: new Date(minutes.closedAt).toISOString(),
      };
    }
    return { issued: false, sha256: hash };
  }

  /**
   * The signatory's name, and the arrêté of their signing delegation in force on `today`
   * (confirmed, not revoked, within its dates; a development identity: its id).
   */
  private async signatory(
    manager: EntityManager,
    userId: string,
    today: string,
  ): Promise<{ name: string; delegation: string | null }> {
    const user = await this.users.get(userId, manager);
    if (!user) return { name: userId, delegation: null };
    return { name: user.displayName, delegation: await this.delegations.arreteInForce(manager, user.id, today) };
  }
}
