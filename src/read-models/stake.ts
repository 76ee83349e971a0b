/**
 * `rm_stake` (migration MoneyReadModels): one row per signed approval still in force — no
 * signed correction replaced it — with its dossier, its SCIC, what was paid, the
 * subscription and step 2's current capital. Its `id` and `state` are the dossier's, so
 * that the dossier visibility condition applies to it as to the dossier table.
 */
import type { EntityManager } from 'typeorm';

export const STAKE_VIEW = 'rm_stake';

export interface StakeRow {
  dossier_id: string;
  decision_id: string;
  /** The decision this one corrects, when it is a signed correction. */
  supersedes_id: string | null;
  reference: string;
  name: string;
  siren: string;
  commune: string;
  deliberation_number: string;
  /** The signature's date in the caller's time zone, YYYY-MM-DD. */
  decided_on: string;
  shares: number;
  amount_cents: string;
  paid_cents: string;
  current_capital_cents: string | null;
  subscription_signed_on: string | null;
  executory_on: string | null;
}

/**
 * The stakes, by signature then reference. `visible`: the caller's visibility condition on
 * the alias `x` (null: every dossier).
 */
export function readStakes(
  manager: EntityManager,
  timeZone: string,
  options: { dossierId?: string; visible?: string | null } = {},
): Promise<StakeRow[]> {
  return manager.query<StakeRow[]>(
    `SELECT x.id AS dossier_id, x.decision_id, x.supersedes_id, x.reference, x.scic_name AS name, x.siren, x.commune,
            x.deliberation_number, to_char(x.signed_at AT TIME ZONE $1, 'YYYY-MM-DD') AS decided_on, x.shares,
            x.amount_cents, x.paid_cents, x.current_capital_cents,
            to_char(x.subscription_signed_on, 'YYYY-MM-DD') AS subscription_signed_on,
            to_char(x.executory_on, 'YYYY-MM-DD') AS executory_on
       FROM ${STAKE_VIEW} x
      WHERE ($2::uuid IS NULL OR x.id = $2)${options.visible ? ` AND ${options.visible}` : ''}
      ORDER BY x.signed_at, x.reference`,
    [timeZone, options.dossierId ?? null],
  );
}
