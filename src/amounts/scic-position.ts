/**
 * The SCIC's whole position, as the amount gate needs it (DOMAIN rules 3 and 5): what the
 * département holds or is about to hold in the SCIC of a dossier through its OTHER
 * dossiers (same SIREN). A read model over the dossiers, decisions and committee opinions,
 * kept in this one file so that every path reads the position the same way.
 */
import type { EntityManager } from 'typeorm';
import type { ScicPosition, ScicPositionDossier } from '../dossiers/amount-rules.js';

/** States in which a dossier can no longer lead to a new stake. */
const FINAL_STATES = ['approved', 'rejected', 'withdrawn', 'closed'];

interface PositionRow {
  reference: string;
  state: string;
  in_force_cents: string | null;
  correction_cents: string | null;
  decided_cents: string | null;
  proposed_cents: string | null;
}

/**
 * For every other dossier of the SCIC: the stake in force (the last signed approval no
 * signed correction replaced), or — on a dossier still open — the amount decided and
 * awaiting signature, or else the amount the committee proposed last.
 */
export async function readScicPosition(manager: EntityManager, dossierId: string): Promise<ScicPosition> {
  const rows = await manager.query<PositionRow[]>(
    `SELECT x.reference, x.state,
            (SELECT d.amount_cents FROM decision d
              WHERE d.dossier_id = x.id AND d.signed_at IS NOT NULL AND d.outcome = 'APPROVED'
                AND NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)
              ORDER BY d.signed_at DESC, d.recorded_at DESC LIMIT 1) AS in_force_cents,
            (SELECT d.amount_cents FROM decision d
              WHERE d.dossier_id = x.id AND d.signed_at IS NULL AND d.supersedes_id IS NOT NULL
                AND d.outcome = 'APPROVED'
              ORDER BY d.recorded_at DESC LIMIT 1) AS correction_cents,
            (SELECT CASE WHEN d.signed_at IS NULL AND d.outcome = 'APPROVED' THEN d.amount_cents END FROM decision d
              WHERE d.dossier_id = x.id AND d.supersedes_id IS NULL
              ORDER BY d.recorded_at DESC LIMIT 1) AS decided_cents,
            (SELECT o.proposed_amount_cents FROM committee_opinion o
              WHERE o.dossier_id = x.id ORDER BY o.recorded_at DESC LIMIT 1) AS proposed_cents
       FROM dossier x
      WHERE x.scic_id = (SELECT scic_id FROM dossier WHERE id = $1) AND x.id <> $1
      ORDER BY x.reference`,
    [dossierId],
  );
  const dossiers: ScicPositionDossier[] = [];
  for (const row of rows) {
    const counted = countedAmount(row);
    if (counted) dossiers.push({ reference: row.reference, ...counted });
  }
  const total = (status: ScicPositionDossier['status'][]) =>
    dossiers
      .filter((dossier) => status.includes(dossier.status))
      .reduce((sum, dossier) => sum + dossier.amountCents, 0);
  return { stakesInForceCents: total(['IN_FORCE']), pendingCents: total(['DECIDED', 'PROPOSED']), dossiers };
}

function countedAmount(row: PositionRow): Pick<ScicPositionDossier, 'status' | 'amountCents'> | null {
  if (row.in_force_cents !== null) {
    // A correction awaiting its signature may raise the stake: count the larger of the two.
    const amountCents = Math.max(Number(row.in_force_cents), Number(row.correction_cents ?? 0));
    return { status: 'IN_FORCE', amountCents };
  }
  if (FINAL_STATES.includes(row.state)) return null;
  if (row.decided_cents !== null) return { status: 'DECIDED', amountCents: Number(row.decided_cents) };
  if (row.proposed_cents !== null) return { status: 'PROPOSED', amountCents: Number(row.proposed_cents) };
  return null;
}

/**
 * Serialises, per SCIC, the acts that fix an amount (decision, correction, signature):
 * two dossiers of one SCIC each passing the ceiling alone cannot both be signed. Taken
 * after the dossier row lock, before the envelope's, always in that order.
 */
export async function lockScicPosition(manager: EntityManager, dossierId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext(scic_id::text)) FROM dossier WHERE id = $2`, [
    SCIC_POSITION_LOCK_SPACE,
    dossierId,
  ]);
}

/** The first key of the two-key advisory locks on a SCIC's position. */
const SCIC_POSITION_LOCK_SPACE = 0x5c1c;
