/**
 * Rules 3–5 on a dossier's figures: the cap table of step 2, the request, the
 * thresholds. One entry point for the preview route and the workflow's amount facts,
 * so the committee, the élus and the screen see the same verdict.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { amountCheck, type AmountCheck } from '../dossiers/amount-rules.js';
import { ReferentialsService } from '../referentials/referentials.service.js';
import { EssPracticesAnalysis } from './ess-practices-analysis.entity.js';

/** Budget envelopes come with the decision module; until then no envelope is known. */
export interface EnvelopeReader {
  remainingCents(manager: EntityManager, dossierId: string): Promise<number | null>;
}

@Injectable()
export class AmountCheckService {
  private envelope: EnvelopeReader | null = null;

  constructor(private readonly referentials: ReferentialsService) {}

  /** The decisions module plugs the budget envelope in at start. */
  useEnvelope(reader: EnvelopeReader): void {
    this.envelope = reader;
  }

  async check(
    manager: EntityManager,
    dossierId: string,
    amountCents: number,
    field = 'amountCents',
  ): Promise<AmountCheck> {
    const [dossier] = await manager.query<{ requested_amount_cents: string; nominal_share_value_cents: string }[]>(
      'SELECT requested_amount_cents, nominal_share_value_cents FROM dossier WHERE id = $1',
      [dossierId],
    );
    const capTable = await manager.findOneBy(EssPracticesAnalysis, { dossierId });
    const thresholds = await this.referentials.thresholds(manager);
    const publicHoldings = capTable?.publicHolders.reduce((sum, holder) => sum + holder.amountCents, 0) ?? null;
    return amountCheck(
      {
        amountCents,
        requestedAmountCents: Number(dossier.requested_amount_cents),
        nominalShareValueCents: Number(dossier.nominal_share_value_cents),
        currentCapitalCents: capTable?.currentCapitalCents ?? null,
        publicHoldingsCents: capTable?.currentCapitalCents == null ? null : publicHoldings,
        publicCapBasisPoints: thresholds.PUBLIC_CAP_BP,
        ceilingPerScicCents: thresholds.CEILING_PER_SCIC_CENTS,
        envelopeRemainingCents: this.envelope ? await this.envelope.remainingCents(manager, dossierId) : null,
      },
      field,
    );
  }
}
