/**
 * The SCIC's whole position, as the amount gate needs it (DOMAIN rules 3 and 5): what the
 * département holds or is about to hold in the SCIC of a dossier through its OTHER
 * dossiers (same SIREN), from the read model `rm_scic_position` over the dossiers,
 * decisions and committee opinions, counted in this one file so that every path reads the
 * position the same way.
 */
import type { EntityManager } from 'typeorm';
import type { ScicPosition, ScicPositionDossier } from '../dossiers/amount-rules.js';
import { readScicPositionRows, type ScicPositionRow } from '../read-models/scic-position.js';

/** States in which a dossier can no longer lead to a new stake. */
const FINAL_STATES = ['approved', 'rejected', 'withdrawn', 'closed'];

/**
 * For every other dossier of the SCIC: the stake in force (the last signed approval no
 * signed correction replaced), or — on a dossier still open — the amount decided and
 * awaiting signature, or else the amount the committee proposed last.
 */
export async function readScicPosition(
  manager: EntityManager,
  scicId: string,
  dossierId: string,
): Promise<ScicPosition> {
  const rows = await readScicPositionRows(manager, scicId, dossierId);
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

function countedAmount(row: ScicPositionRow): Pick<ScicPositionDossier, 'status' | 'amountCents'> | null {
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
export async function lockScicPosition(manager: EntityManager, scicId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2::uuid::text))', [SCIC_POSITION_LOCK_SPACE, scicId]);
}

/** The first key of the two-key advisory locks on a SCIC's position. */
const SCIC_POSITION_LOCK_SPACE = 0x5c1c;
