/**
 * A checkpoint as signed and as written to the checkpoint file, pure: what is signed
 * (`SignedCheckpoint`), its hash, the digest of a set of dossier heads, and one file line.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './hash-chain.js';

export interface AdminHead {
  seq: number;
  hash: string;
}

/** What the signature covers (through `checkpointHash`). */
export interface SignedCheckpoint {
  seq: number;
  createdAt: string;
  reason: string;
  dossierCount: number;
  /** SHA-256 over the sorted `dossier_id:seq:hash` lines of the heads (see `headsDigest`). */
  dossiersDigest: string;
  adminHead: AdminHead | null;
  prevHash: string;
  publicKeyFingerprint: string;
}

/** `[dossierId, seq, hash]`: a head that changed since the previous checkpoint. */
export type HeadTuple = [string, number, string];

/** One line of the checkpoint file. */
export interface CheckpointLine extends SignedCheckpoint {
  hash: string;
  signature: string;
  publicKey: string;
  heads: HeadTuple[];
}

export function checkpointHash(content: SignedCheckpoint): string {
  const { seq, createdAt, reason, dossierCount, dossiersDigest, adminHead, prevHash, publicKeyFingerprint } = content;
  return createHash('sha256')
    .update(
      canonicalJson({
        seq,
        createdAt,
        reason,
        dossierCount,
        dossiersDigest,
        adminHead,
        prevHash,
        publicKeyFingerprint,
      }),
    )
    .digest('hex');
}

/**
 * The same digest the database computes in CheckpointService (string_agg ordered by the
 * dossier id's text in the C collation, joined by newlines).
 */
export function headsDigest(heads: Map<string, { seq: number; hash: string }>): string {
  const ids = [...heads.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = ids.map((id) => `${id}:${heads.get(id)!.seq}:${heads.get(id)!.hash}`).join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function parseCheckpointLine(text: string): CheckpointLine | null {
  try {
    const line = JSON.parse(text) as CheckpointLine;
    const ok =
      Number.isInteger(line.seq) &&
      typeof line.hash === 'string' &&
      typeof line.signature === 'string' &&
      typeof line.dossiersDigest === 'string' &&
      Array.isArray(line.heads);
    return ok ? line : null;
  } catch {
    return null;
  }
}
