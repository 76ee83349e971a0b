/**
 * `rm_scic_position` (migration MoneyReadModels): per dossier, the amounts a SCIC's
 * position counts — the stake in force (the last signed approval no signed correction
 * replaced), a correction awaiting its signature, the decision awaiting its signature
 * (an approval), and the committee's last proposed amount. The amount gate reads it.
 */
import type { EntityManager } from 'typeorm';

export const SCIC_POSITION_VIEW = 'rm_scic_position';

export interface ScicPositionRow {
  reference: string;
  state: string;
  in_force_cents: string | null;
  correction_cents: string | null;
  decided_cents: string | null;
  proposed_cents: string | null;
}

/** The SCIC's dossiers other than `exceptDossierId`, by reference. */
export function readScicPositionRows(
  manager: EntityManager,
  scicId: string,
  exceptDossierId: string,
): Promise<ScicPositionRow[]> {
  return manager.query<ScicPositionRow[]>(
    `SELECT reference, state, in_force_cents, correction_cents, decided_cents, proposed_cents
       FROM ${SCIC_POSITION_VIEW}
      WHERE scic_id = $1 AND dossier_id <> $2
      ORDER BY reference`,
    [scicId, exceptDossierId],
  );
}
