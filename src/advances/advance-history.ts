/**
 * The SCIC's advances as the rules read them, through the caller's manager (so that a
 * step-3 evaluation and a recording see their own transaction). Every dossier of the
 * SCIC counts: "one open at a time" and "renewable once" are per SCIC.
 */
import type { EntityManager } from 'typeorm';
import type { AdvanceFact } from './advance-rules.js';

export async function scicAdvanceFacts(manager: EntityManager, scicId: string): Promise<AdvanceFact[]> {
  const rows = await manager.query<
    {
      id: string;
      starts_on: string;
      ends_on: string;
      renewal_of: string | null;
      closed_on: string | null;
      convention_reference: string;
    }[]
  >(
    `SELECT id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, renewal_of,
            to_char(closed_on, 'YYYY-MM-DD') AS closed_on, convention_reference
       FROM shareholder_advance WHERE scic_id = $1 ORDER BY starts_on, recorded_at`,
    [scicId],
  );
  return rows.map((row) => ({
    id: row.id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    renewalOf: row.renewal_of,
    closedOn: row.closed_on,
    conventionReference: row.convention_reference,
  }));
}
