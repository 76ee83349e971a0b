/**
 * The one amount gate's inputs (DOMAIN rules 3 to 5): the dossier's request, step 2's cap
 * table, the thresholds, the SCIC's whole position and the year's envelope, gathered
 * through the caller's transaction so that the verdict is the one the caller then writes.
 * Every path that fixes or moves money asks here: the live check, the committee's
 * proposal, the élus' decision, a correction and the signatures (under the SCIC's and the
 * envelope's locks).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AnalysesReader } from '../analyses/analyses-reader.service.js';
import { amountCheck, type AmountCheck, type AmountPurpose } from '../dossiers/amount-rules.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { PaymentReader } from '../participation/payment-reader.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import { ReferentialsService } from '../referentials/referentials.service.js';
import { lockScicPosition, readScicPosition } from './scic-position.js';

export interface AmountGateRequest {
  dossierId: string;
  /** The amount the département would hold through this dossier after the act. */
  amountCents: number;
  purpose: AmountPurpose;
  field?: string;
  /** The envelope the act is charged to; the current year's when omitted. */
  envelopeYear?: number;
  /** What the act frees in the envelope (a correction frees the amount it replaces). */
  releasedCents?: number;
  proposedAmountCents?: number | null;
  justification?: string;
  shares?: number;
}

/** Acts that fix an amount for good are serialised per SCIC; a signature also locks its envelope. */
const LOCKING_PURPOSES: readonly AmountPurpose[] = ['DECISION', 'CORRECTION', 'SIGNATURE'];

@Injectable()
export class AmountGateService {
  constructor(
    private readonly analyses: AnalysesReader,
    private readonly referentials: ReferentialsService,
    private readonly envelopes: EnvelopesService,
    private readonly dossiers: DossierReader,
    private readonly payments: PaymentReader,
  ) {}

  async check(manager: EntityManager, request: AmountGateRequest): Promise<AmountCheck> {
    const { dossierId, purpose } = request;
    // Read before the SCIC's lock: the locking acts hold the dossier's row lock, so the
    // dossier cannot change meanwhile.
    const dossier = await this.dossiers.get(dossierId, manager);
    if (LOCKING_PURPOSES.includes(purpose)) await lockScicPosition(manager, dossier.scic.id);
    const thresholds = await this.referentials.thresholds(manager);
    const year = request.envelopeYear ?? this.envelopes.currentYear();
    const envelope =
      purpose === 'SIGNATURE' ? await this.envelopes.lockYear(manager, year) : await this.envelopes.find(manager, year);
    return amountCheck(
      {
        amountCents: request.amountCents,
        requestedAmountCents: dossier.requestedAmountCents,
        nominalShareValueCents: dossier.nominalShareValueCents,
        capTable: await this.analyses.capTable(manager, dossierId),
        position: await readScicPosition(manager, dossier.scic.id, dossierId),
        publicCapBasisPoints: thresholds.PUBLIC_CAP_BP,
        ceilingPerScicCents: thresholds.CEILING_PER_SCIC_CENTS,
        envelope: envelope && {
          year: envelope.year,
          amountCents: envelope.amountCents,
          remainingCents: envelope.remainingCents,
        },
        releasedCents: request.releasedCents,
        purpose,
        proposedAmountCents: request.proposedAmountCents,
        justification: request.justification,
        shares: request.shares,
        paidCents: await this.payments.paidCents(manager, dossierId),
      },
      request.field,
    );
  }
}
