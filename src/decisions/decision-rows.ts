/** Reads of the decision tables shared by the facts, the transitions and the views. */
import type { EntityManager } from 'typeorm';
import { Decision } from './decision.entity.js';

/**
 * The decision waiting for its signature: the last one recorded, unsigned, that is not an
 * adjournment (an adjournment sends the dossier back to the committee and is never signed).
 */
export function pendingDecision(manager: EntityManager, dossierId: string): Promise<Decision | null> {
  return manager
    .getRepository(Decision)
    .createQueryBuilder('d')
    .where('d.dossier_id = :dossierId AND d.signed_at IS NULL AND d.outcome <> :adjourned', {
      dossierId,
      adjourned: 'ADJOURNED',
    })
    .orderBy('d.recorded_at', 'DESC')
    .getOne();
}

/**
 * What the signed approvals charged to a year commit: each signed approval, unless a
 * signed correction replaced it (the correction's amount counts instead).
 */
export async function committedCents(manager: EntityManager, year: number): Promise<number> {
  const [row] = await manager.query<{ total: string }[]>(
    `SELECT COALESCE(SUM(d.amount_cents), 0) AS total
       FROM decision d
      WHERE d.envelope_year = $1 AND d.outcome = 'APPROVED' AND d.signed_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)`,
    [year],
  );
  return Number(row.total);
}
