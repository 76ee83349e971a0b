/** A journal_entry row as a raw query returns it, and as the hash chain reads it. */
export interface RawJournalEntry {
  dossier_id: string;
  seq: number;
  type: string;
  actor_id: string;
  actor_role: string;
  actor_credential: string | null;
  occurred_at: Date;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export function fromRawEntry(row: RawJournalEntry) {
  return {
    dossierId: row.dossier_id,
    seq: row.seq,
    type: row.type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorCredential: row.actor_credential ?? undefined,
    occurredAt: row.occurred_at,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
