/**
 * `rm_interest_reliance` (migration CommitteeReadModels): what may have relied on a
 * declared interest in a SCIC (DOMAIN rule 8) — each opinion of the committee and each
 * decision of the élus on a dossier of the SCIC, with who was déporté (`recused`, a JSON
 * array of `{ userId }`).
 */
import type { EntityManager } from 'typeorm';

export const INTEREST_RELIANCE_VIEW = 'rm_interest_reliance';

export interface InterestRelianceRow {
  kind: 'opinion' | 'decision';
  scic_id: string;
  reference: string;
  recorded_at: Date;
  recused: { userId: string }[];
}

/**
 * The first opinion or decision on a dossier of the SCIC recorded after `since` — or at
 * that very instant when it names `userId` among the déportés — or null.
 */
export async function firstRelianceSince(
  manager: EntityManager,
  scicId: string,
  userId: string,
  since: Date,
): Promise<InterestRelianceRow | null> {
  const [row] = await manager.query<InterestRelianceRow[]>(
    `SELECT kind, scic_id, reference, recorded_at, recused FROM rm_interest_reliance
      WHERE scic_id = $1 AND (recorded_at > $2 OR recorded_at = $2
            AND recused @> jsonb_build_array(jsonb_build_object('userId', $3::text)))
      ORDER BY recorded_at LIMIT 1`,
    [scicId, since, userId],
  );
  return row ?? null;
}
