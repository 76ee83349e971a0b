/**
 * Journal verification throughput: the application's own JournalService.verifyAll over
 * the whole data set, and two references that tell what limits it — the hashing alone
 * (ChainVerifier on rows already in memory) and one ordered scan of the whole table
 * (keyset batches instead of one query per dossier), a candidate for verifyAll.
 */
import { ChainVerifier } from '../../dist/src/journal/hash-chain.js';
import { JournalService } from '../../dist/src/journal/journal.service.js';
import { round } from './util.mjs';

const COLUMNS = 'dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload, prev_hash, hash';

function fromRaw(row) {
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

export async function verifyAllThroughput(dataSource) {
  const started = performance.now();
  const result = await new JournalService(dataSource).verifyAll();
  const seconds = (performance.now() - started) / 1000;
  return {
    dossiers: result.dossiers,
    entries: result.entries,
    broken: result.broken.length,
    seconds: round(seconds, 2),
    entriesPerSecond: Math.round(result.entries / seconds),
  };
}

/** The hash chain check alone, on `limit` rows read beforehand. */
export async function hashingThroughput(dataSource, limit = 100_000) {
  const rows = await dataSource.query(`SELECT ${COLUMNS} FROM journal_entry ORDER BY dossier_id, seq LIMIT $1`, [
    limit,
  ]);
  const entries = rows.map(fromRaw);
  const started = performance.now();
  let verifier = null;
  let current = null;
  let broken = 0;
  for (const entry of entries) {
    if (entry.dossierId !== current) {
      if (verifier && !verifier.result().valid) broken++;
      verifier = new ChainVerifier();
      current = entry.dossierId;
    }
    verifier.feed([entry]);
  }
  if (verifier && !verifier.result().valid) broken++;
  const seconds = (performance.now() - started) / 1000;
  return {
    entries: entries.length,
    broken,
    seconds: round(seconds, 2),
    entriesPerSecond: Math.round(entries.length / seconds),
  };
}

/** Every chain in one ordered pass (keyset batches over the (dossier_id, seq) index). */
export async function orderedScanThroughput(dataSource, batch = 20_000) {
  const started = performance.now();
  let after = null;
  let entries = 0;
  let dossiers = 0;
  let broken = 0;
  let verifier = null;
  let current = null;
  const close = () => {
    if (verifier && !verifier.result().valid) broken++;
  };
  for (;;) {
    const rows = after
      ? await dataSource.query(
          `SELECT ${COLUMNS} FROM journal_entry WHERE (dossier_id, seq) > ($1::uuid, $2::int) ORDER BY dossier_id, seq LIMIT $3`,
          [after.dossierId, after.seq, batch],
        )
      : await dataSource.query(`SELECT ${COLUMNS} FROM journal_entry ORDER BY dossier_id, seq LIMIT $1`, [batch]);
    for (const row of rows) {
      const entry = fromRaw(row);
      if (entry.dossierId !== current) {
        close();
        verifier = new ChainVerifier();
        current = entry.dossierId;
        dossiers++;
      }
      verifier.feed([entry]);
      entries++;
    }
    if (rows.length < batch) break;
    const last = rows[rows.length - 1];
    after = { dossierId: last.dossier_id, seq: last.seq };
  }
  close();
  const seconds = (performance.now() - started) / 1000;
  return { dossiers, entries, broken, seconds: round(seconds, 2), entriesPerSecond: Math.round(entries / seconds) };
}

/** Checks the chains of the given dossiers (those the bench wrote to). */
export async function verifyDossiers(dataSource, ids) {
  const service = new JournalService(dataSource);
  let entries = 0;
  const broken = [];
  for (const id of ids) {
    const result = await service.verify(id);
    entries += result.entries;
    if (!result.valid) broken.push({ id, firstBrokenSeq: result.firstBrokenSeq });
  }
  return { dossiers: ids.length, entries, broken };
}
