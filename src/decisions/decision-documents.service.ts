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
import { renderDecisionDocument } from './decision-document.pdf.js';
import type { RecusedElectedOfficial } from '../workflow/dossier.events.js';
import { addDeclaredRecusals, decisionInForce } from './decision-rows.js';
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

interface DossierRow {
  reference: string;
  requested_amount_cents: string;
  nominal_share_value_cents: string;
  name: string;
  siren: string;
  legal_form: string;
  commune: string;
}

@Injectable()
export class DecisionDocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Renders the document of `decision`, stores it and signs the decision, in `manager`'s transaction. */
  async signAndIssue(
    manager: EntityManager,
    decision: Decision,
    actor: Actor,
    now: Date,
    options: { departementName: string; timeZone: string },
  ): Promise<{ sha256: string; bytes: number; recusedAdded: RecusedElectedOfficial[] }> {
    // Élus who declared an interest in the SCIC after the decision was recorded withdrew too.
    const recusedAdded = await addDeclaredRecusals(manager, decision);
    const [dossier] = await manager.query<DossierRow[]>(
      `SELECT d.reference, d.requested_amount_cents, d.nominal_share_value_cents, s.name, s.siren, s.legal_form, s.commune
         FROM dossier d JOIN scic s ON s.id = d.scic_id WHERE d.id = $1`,
      [decision.dossierId],
    );
    const signatory = await this.signatory(manager, actor.userId, isoDateIn(now, options.timeZone));
    const corrected = decision.supersedesId
      ? await manager.findOneByOrFail(Decision, { id: decision.supersedesId })
      : null;
    const pdf = await renderDecisionDocument({
      departementName: options.departementName,
      dossierReference: dossier.reference,
      scic: { name: dossier.name, siren: dossier.siren, legalForm: dossier.legal_form, commune: dossier.commune },
      requestedAmountCents: Number(dossier.requested_amount_cents),
      nominalShareValueCents: Number(dossier.nominal_share_value_cents),
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
      { id: string; dossier_id: string; reference: string; deliberation_number: string; issued_at: Date }[]
    >(
      `SELECT d.id, d.dossier_id, x.reference, d.deliberation_number, doc.issued_at
         FROM decision_document doc JOIN decision d ON d.id = doc.decision_id JOIN dossier x ON x.id = d.dossier_id
        WHERE doc.sha256 = $1`,
      [hash],
    );
    if (decision) {
      return {
        issued: true,
        sha256: hash,
        kind: 'DECISION',
        dossierId: decision.dossier_id,
        dossierReference: decision.reference,
        decisionId: decision.id,
        deliberationNumber: decision.deliberation_number,
        issuedAt: new Date(decision.issued_at).toISOString(),
      };
    }
    const [minutes] = await this.dataSource.query<{ id: string; closed_at: Date }[]>(
      'SELECT id, closed_at FROM committee_session WHERE minutes_sha256 = $1',
      [hash],
    );
    if (minutes) {
      return {
        issued: true,
        sha256: hash,
        kind: 'COMMITTEE_MINUTES',
        sessionId: minutes.id,
        issuedAt: new Date(minutes.closed_at).toISOString(),
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
    const [row] = await manager.query<{ display_name: string; delegation_reference: string | null }[]>(
      `SELECT u.display_name, d.arrete_reference AS delegation_reference
         FROM app_user u LEFT JOIN LATERAL (
              SELECT d.arrete_reference FROM signing_delegation d
               WHERE d.user_id = u.id AND d.confirmed_at IS NOT NULL AND d.revoked_at IS NULL
                 AND d.starts_on <= $2::date AND (d.ends_on IS NULL OR d.ends_on >= $2::date)
               ORDER BY d.starts_on DESC, d.created_at DESC LIMIT 1) d ON true
        WHERE u.id::text = $1`,
      [userId, today],
    );
    return row ? { name: row.display_name, delegation: row.delegation_reference } : { name: userId, delegation: null };
  }
}
