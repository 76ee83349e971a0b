/**
 * The stakes held: one per signed approval still in force (not replaced by a signed
 * correction), with what was subscribed and paid and the share of the SCIC's capital
 * after subscription, read from the read model `rm_stake`. One query for the portfolio
 * screen and its exports.
 */
import type { EntityManager } from 'typeorm';
import { readStakes, type StakeRow } from '../read-models/stake.js';

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
  return (await readStakes(manager, timeZone, options)).map(toStake);
}

/** The dossier's stake, if any, and whether its decision in force is a signed correction. */
export async function dossierStake(
  manager: EntityManager,
  timeZone: string,
  dossierId: string,
): Promise<{ stake: Stake; correction: boolean } | null> {
  const [row] = await readStakes(manager, timeZone, { dossierId });
  return row ? { stake: toStake(row), correction: row.supersedes_id !== null } : null;
}

function toStake(row: StakeRow): Stake {
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
}
