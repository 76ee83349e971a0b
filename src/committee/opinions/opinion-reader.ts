/**
 * What the élus' decision reads of the committee (the decisions module never names the
 * committee's tables): the last opinion on a dossier with the date of the session that
 * gave it, through the caller's manager.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The committee's last opinion on a dossier, as the decision records it. */
export interface LastOpinion {
  opinion: string;
  motivation: string;
  conditions: string | null;
  proposedAmountCents: number | null;
  proposedShares: number | null;
  /** The date of the committee's session that gave it, YYYY-MM-DD. */
  committeeDate: string;
}

@Injectable()
export class OpinionReader {
  /** The dossier's last opinion (a dossier adjourned and examined again has one per session), or null. */
  async lastOpinion(manager: EntityManager, dossierId: string): Promise<LastOpinion | null> {
    const [row] = await manager.query<
      {
        opinion: string;
        motivation: string;
        conditions: string | null;
        proposed_amount_cents: string | null;
        proposed_shares: number | null;
        session_date: string;
      }[]
    >(
      `SELECT o.opinion, o.motivation, o.conditions, o.proposed_amount_cents, o.proposed_shares,
              to_char(s.session_date, 'YYYY-MM-DD') AS session_date
         FROM committee_opinion o JOIN committee_session s ON s.id = o.session_id
        WHERE o.dossier_id = $1 ORDER BY o.recorded_at DESC LIMIT 1`,
      [dossierId],
    );
    if (!row) return null;
    return {
      opinion: row.opinion,
      motivation: row.motivation,
      conditions: row.conditions,
      proposedAmountCents: row.proposed_amount_cents === null ? null : Number(row.proposed_amount_cents),
      proposedShares: row.proposed_shares,
      committeeDate: row.session_date,
    };
  }
}
