/**
 * The journal's hash chain (DESIGN §6), pure: `hash = SHA-256(prev_hash ‖ canonical JSON
 * of the entry)`. Canonical JSON sorts object keys at every depth, so the hash does not
 * depend on how PostgreSQL's jsonb reorders them.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('Non-finite number in journal entry');
    return JSON.stringify(value);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`Cannot put a ${typeof value} in a journal entry`);
}

/** The part of an entry the hash covers: everything but the hashes and the row id. */
export interface ChainedContent {
  dossierId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  /** Absent on entries written before credentials were recorded: then not hashed. */
  actorCredential?: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export function entryHash(prevHash: string, entry: ChainedContent): string {
  // Only the covered fields, whatever else the object carries (a row has its hashes).
  const { dossierId, seq, type, actorId, actorRole, actorCredential, occurredAt, payload } = entry;
  const content = { dossierId, seq, type, actorId, actorRole, actorCredential, occurredAt, payload };
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export interface ChainedEntry extends ChainedContent {
  prevHash: string;
  hash: string;
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  /** The first entry whose sequence, link or hash is wrong; null when the chain holds. */
  firstBrokenSeq: number | null;
}

/**
 * Checks entries given in sequence order, in batches: `state` carries the expected next
 * sequence number and previous hash from one batch to the next.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private broken: number | null = null;

  feed(entries: Iterable<ChainedEntry>): void {
    for (const entry of entries) {
      this.count++;
      if (this.broken !== null) continue;
      const ok =
        entry.seq === this.expectedSeq &&
        entry.prevHash === this.prevHash &&
        entry.hash === entryHash(entry.prevHash, entry);
      if (!ok) {
        this.broken = entry.seq === this.expectedSeq ? entry.seq : Math.min(entry.seq, this.expectedSeq);
        continue;
      }
      this.expectedSeq++;
      this.prevHash = entry.hash;
    }
  }

  result(): ChainVerification {
    return { valid: this.broken === null, entries: this.count, firstBrokenSeq: this.broken };
  }
}
