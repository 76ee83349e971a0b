/**
 * The stakes held: one per signed approval still in force (not replaced by a signed
 * correction), with what was subscribed and paid and the share of the SCIC's capital
 * after subscription. One query for the portfolio screen and its exports.
 */
import type { EntityManager } from 'typeorm';

export interface Stake {
  dossierId: string;
  /** The signed decision in force whose stake this is (a signed correction replaces the original). */
  decisionId: string;
  reference: string;
  scicName: string;
  siren: string;
  commune: string;
  deliberationNumber: string;
  decidedOn: string;
  shares: number;
  subscribedAmountCents: number;
  paidAmountCents: number;
  /** Share of the capital after subscription, in basis points; null when the cap table is unknown. */
  shareOfCapitalBasisPoints: number | null;
  subscriptionSignedOn: string | null;
  executoryOn: string | null;
}

/** `visible`: the caller's visibility condition on the dossier alias `x` (null: every dossier). */
export async function listStakes(
  manager: EntityManager,
  timeZone: string,
  options: { dossierId?: string; visible?: string | null } = {},
): Promise<Stake[]> {
  const rows = await manager.query<
    {
      dossier_id: string;
      decision_id: string;
      reference: string;
      name: string;
      siren: string;
      commune: string;
      deliberation_number: string;
      decided_on: string;
      shares: number;
      amount_cents: string;
      paid_cents: string;
      current_capital_cents: string | null;
      subscription_signed_on: string | null;
      executory_on: string | null;
    }[]
  >(
    `SELECT x.id AS dossier_id, d.id AS decision_id, x.reference, s.name, s.siren, s.commune, d.deliberation_number,
            to_char(d.signed_at AT TIME ZONE $1, 'YYYY-MM-DD') AS decided_on, d.shares, d.amount_cents,
            COALESCE((SELECT SUM(p.amount_cents) FROM participation_payment p WHERE p.dossier_id = x.id), 0) AS paid_cents,
            e.current_capital_cents,
            to_char(pa.subscription_signed_on, 'YYYY-MM-DD') AS subscription_signed_on,
            to_char(pa.executory_on, 'YYYY-MM-DD') AS executory_on
       FROM decision d
       JOIN dossier x ON x.id = d.dossier_id
       JOIN scic s ON s.id = x.scic_id
       LEFT JOIN participation pa ON pa.decision_id = d.id
       LEFT JOIN ess_practices_analysis e ON e.dossier_id = x.id
      WHERE d.outcome = 'APPROVED' AND d.signed_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)
        AND ($2::uuid IS NULL OR x.id = $2)${options.visible ? ` AND ${options.visible}` : ''}
      ORDER BY d.signed_at, x.reference`,
    [timeZone, options.dossierId ?? null],
  );
  return rows.map((row) => {
    const amount = Number(row.amount_cents);
    const capital = row.current_capital_cents === null ? null : Number(row.current_capital_cents);
    return {
      dossierId: row.dossier_id,
      decisionId: row.decision_id,
      reference: row.reference,
      scicName: row.name,
      siren: row.siren,
      commune: row.commune,
      deliberationNumber: row.deliberation_number,
      decidedOn: row.decided_on,
      shares: row.shares,
      subscribedAmountCents: amount,
      paidAmountCents: Number(row.paid_cents),
      // Integer arithmetic on cents, rounded down: a share is never overstated.
      shareOfCapitalBasisPoints: capital === null ? null : Math.floor((amount * 10_000) / (capital + amount)),
      subscriptionSignedOn: row.subscription_signed_on,
      executoryOn: row.executory_on,
    };
  });
}
