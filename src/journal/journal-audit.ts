/**
 * The whole verification behind `npm run journal:verify` and `GET /api/journal/verify`:
 * every dossier chain in one ordered scan (keyset batches over the (dossier_id, seq)
 * index, no query per dossier), cross-checked with the dossier rows and the last signed
 * checkpoint; the checkpoints themselves (table and file agree, signatures verify with the
 * configured key, they chain, their heads add up to the signed digest); the
 * administration journal against its checkpointed head.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { AdminJournalService } from './admin-journal.service.js';
import { DossierChainCheck, type ChainProblem, type CheckpointHead, type DossierRow } from './chain-check.js';
import { fingerprintOfPem, verifyHash, type SigningKey } from './checkpoint-key.js';
import { checkpointHash, headsDigest, parseCheckpointLine, type CheckpointLine } from './checkpoint-record.js';
import { GENESIS_HASH } from './hash-chain.js';
import { fromRawEntry, type RawJournalEntry } from './journal-rows.js';

export interface AuditProblem {
  code: string;
  message: string;
  dossierId?: string;
  seq?: number;
  checkpointSeq?: number;
  [detail: string]: unknown;
}

export interface AuditResult {
  valid: boolean;
  dossiers: number;
  entries: number;
  /** The latest checkpoint verification relied on. */
  checkpoint: { seq: number; createdAt: string; reason: string } | null;
  problems: AuditProblem[];
  /** The dossiers with a problem (compatibility with the first verifyAll). */
  broken: { dossierId: string; firstBrokenSeq: number | null }[];
}

export interface AuditOptions {
  /** Check the checkpoints (key, file): absent → the chains and dossier rows only. */
  checkpoints?: { key: SigningKey | Error; file: string };
}

const SCAN_BATCH = 20_000;
const COLUMNS = 'dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload, prev_hash, hash';

type Heads = Map<string, CheckpointHead>;

export class JournalAudit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossierReader: DossierReader = new DossierReader(dataSource),
  ) {}

  async run(options: AuditOptions = {}): Promise<AuditResult> {
    const problems: AuditProblem[] = [];
    let heads: Heads;
    let latest: CheckpointRecord | null = null;
    if (options.checkpoints) {
      const checked = await this.checkCheckpoints(options.checkpoints.key, options.checkpoints.file, problems);
      heads = checked.heads;
      latest = checked.latest;
    } else {
      heads = await tableHeads(this.dataSource, null);
    }
    const chains = await this.scanChains(heads);
    problems.push(...chains.problems);
    if (options.checkpoints) problems.push(...(await this.checkAdmin(latest)));
    const brokenIds = [...new Set(chains.problems.map((p) => p.dossierId))];
    return {
      valid: problems.length === 0,
      dossiers: chains.dossiers,
      entries: chains.entries,
      checkpoint: latest ? { seq: latest.seq, createdAt: latest.createdAt, reason: latest.reason } : null,
      problems,
      broken: brokenIds.map((dossierId) => ({ dossierId, firstBrokenSeq: chains.firstBroken.get(dossierId) ?? null })),
    };
  }

  /** Every dossier chain, in one ordered pass, against the dossier rows and `heads`. */
  async scanChains(heads: Heads) {
    const dossiers = new Map<string, DossierRow>();
    for (const row of await this.dossierReader.versions())
      dossiers.set(row.id, { state: row.state, version: row.version });
    const problems: ChainProblem[] = [];
    const firstBroken = new Map<string, number>();
    const seen = new Set<string>();
    let entries = 0;
    const current: { check: DossierChainCheck | null } = { check: null };
    const close = () => {
      const check = current.check;
      if (!check) return;
      const result = check.finish(dossiers.get(check.dossierId) ?? null);
      problems.push(...result.problems);
      if (result.firstBrokenSeq !== null) firstBroken.set(check.dossierId, result.firstBrokenSeq);
    };
    let after: [string, number] | null = null;
    for (;;) {
      const batch: RawJournalEntry[] = await this.dataSource.query(
        after
          ? `SELECT ${COLUMNS} FROM journal_entry WHERE (dossier_id, seq) > ($1, $2) ORDER BY dossier_id, seq LIMIT $3`
          : `SELECT ${COLUMNS} FROM journal_entry ORDER BY dossier_id, seq LIMIT $1`,
        after ? [...after, SCAN_BATCH] : [SCAN_BATCH],
      );
      for (const raw of batch) {
        if (current.check?.dossierId !== raw.dossier_id) {
          close();
          current.check = new DossierChainCheck(raw.dossier_id, heads.get(raw.dossier_id) ?? null);
          seen.add(raw.dossier_id);
        }
        current.check.feed(fromRawEntry(raw));
        entries++;
      }
      if (batch.length < SCAN_BATCH) break;
      const last = batch[batch.length - 1];
      after = [last.dossier_id, last.seq];
    }
    close();
    // Dossiers without any entry, and checkpointed chains whose every entry is gone.
    for (const id of new Set([...dossiers.keys(), ...heads.keys()])) {
      if (seen.has(id)) continue;
      const result = new DossierChainCheck(id, heads.get(id) ?? null).finish(dossiers.get(id) ?? null);
      problems.push(...result.problems);
    }
    return { dossiers: dossiers.size, entries, problems, firstBroken };
  }

  /** The checkpoints of the table and of the file; returns the heads to check the chains against. */
  private async checkCheckpoints(key: SigningKey | Error, file: string, problems: AuditProblem[]) {
    if (key instanceof Error) problems.push({ code: 'SIGNING_KEY_UNAVAILABLE', message: key.message });
    const signingKey = key instanceof Error ? null : key;
    const table = await tableCheckpoints(this.dataSource);
    const lines = readCheckpointFile(file, table.length > 0, problems);
    checkSequence(table, 'table', signingKey, problems);
    checkSequence(lines, 'file', signingKey, problems);
    compareTableAndFile(table, lines, problems);

    const latestRow = table.at(-1) ?? null;
    const tableMap = await tableHeads(this.dataSource, latestRow?.seq ?? null);
    if (latestRow && headsDigest(tableMap) !== latestRow.dossiersDigest) {
      problems.push({
        code: 'CHECKPOINT_HEADS_MISMATCH',
        checkpointSeq: latestRow.seq,
        where: 'table',
        message: `the heads stored for checkpoint ${latestRow.seq} do not add up to its signed digest`,
      });
    }
    const fileMap = fileHeads(lines);
    const latestLine = lines.at(-1) ?? null;
    const fileOk = latestLine !== null && headsDigest(fileMap) === latestLine.dossiersDigest;
    if (latestLine && !fileOk) {
      problems.push({
        code: 'CHECKPOINT_HEADS_MISMATCH',
        checkpointSeq: latestLine.seq,
        where: 'file',
        message: `the heads written to the file up to checkpoint ${latestLine.seq} do not add up to its signed digest`,
      });
    }
    // The file is outside the database: when it is whole, it is the better witness.
    const useFile = fileOk && (!latestRow || latestLine!.seq >= latestRow.seq);
    const latest = useFile ? latestLine : latestRow;
    return { heads: useFile ? fileMap : tableMap, latest };
  }

  private async checkAdmin(latest: CheckpointRecord | null): Promise<AuditProblem[]> {
    const problems: AuditProblem[] = [];
    const admin = new AdminJournalService(this.dataSource);
    const chain = await admin.verify();
    if (!chain.valid) {
      problems.push({
        code: 'ADMIN_HASH_MISMATCH',
        seq: chain.firstBrokenSeq ?? undefined,
        message: `administration journal, entry ${chain.firstBrokenSeq}: sequence, link or hash does not match`,
      });
    }
    const recorded = latest?.adminHead;
    if (!recorded) return problems;
    const head = await admin.head();
    if (!head || head.seq < recorded.seq) {
      problems.push({
        code: 'ADMIN_TRUNCATED_TAIL',
        seq: head?.seq ?? 0,
        checkpointSeq: latest.seq,
        message: `the administration journal ends at entry ${head?.seq ?? 0}; checkpoint ${latest.seq} recorded entry ${recorded.seq}`,
      });
      return problems;
    }
    const [row] = await this.dataSource.query<{ hash: string }[]>(
      'SELECT hash FROM admin_journal_entry WHERE seq = $1',
      [recorded.seq],
    );
    if (row?.hash !== recorded.hash) {
      problems.push({
        code: 'ADMIN_CHECKPOINT_HASH_MISMATCH',
        seq: recorded.seq,
        checkpointSeq: latest.seq,
        message: `administration journal entry ${recorded.seq} does not have the hash checkpoint ${latest.seq} recorded`,
      });
    }
    return problems;
  }
}

/** A checkpoint as read back from the table or the file. */
type CheckpointRecord = Omit<CheckpointLine, 'heads' | 'publicKey'>;

interface CheckpointRow {
  seq: number;
  created_at: Date;
  reason: string;
  dossier_count: number;
  dossiers_digest: string;
  admin_seq: string | null;
  admin_hash: string | null;
  prev_hash: string;
  hash: string;
  public_key: string;
  signature: string;
}

async function tableCheckpoints(dataSource: DataSource): Promise<CheckpointRecord[]> {
  const rows = await dataSource.query<CheckpointRow[]>('SELECT * FROM journal_checkpoint ORDER BY seq');
  return rows.map((row) => ({
    seq: row.seq,
    createdAt: row.created_at.toISOString(),
    reason: row.reason,
    dossierCount: row.dossier_count,
    dossiersDigest: row.dossiers_digest,
    adminHead: row.admin_seq === null ? null : { seq: Number(row.admin_seq), hash: row.admin_hash! },
    prevHash: row.prev_hash,
    publicKeyFingerprint: fingerprintOf(row),
    hash: row.hash,
    signature: row.signature,
  }));
}

/** The fingerprint is not a column: it is recomputed from the stored public key. */
function fingerprintOf(row: CheckpointRow): string {
  try {
    return fingerprintOfPem(row.public_key);
  } catch {
    return '';
  }
}

/** Each dossier's latest recorded head, up to checkpoint `upTo` (all when null). */
export async function tableHeads(dataSource: DataSource, upTo: number | null): Promise<Heads> {
  const rows = await dataSource.query<{ dossier_id: string; checkpoint_seq: number; seq: number; hash: string }[]>(
    `SELECT DISTINCT ON (dossier_id) dossier_id, checkpoint_seq, seq, hash FROM journal_checkpoint_head
      ${upTo === null ? '' : 'WHERE checkpoint_seq <= $1'} ORDER BY dossier_id, checkpoint_seq DESC`,
    upTo === null ? [] : [upTo],
  );
  return new Map(rows.map((r) => [r.dossier_id, { checkpointSeq: r.checkpoint_seq, seq: r.seq, hash: r.hash }]));
}

function readCheckpointFile(path: string, expected: boolean, problems: AuditProblem[]): CheckpointLine[] {
  if (!existsSync(path)) {
    if (expected) {
      problems.push({ code: 'CHECKPOINT_FILE_MISSING', message: `the checkpoint file ${path} does not exist` });
    }
    return [];
  }
  const lines: CheckpointLine[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (!text.trim()) return;
      const line = parseCheckpointLine(text);
      if (line) lines.push(line);
      else
        problems.push({
          code: 'CHECKPOINT_FILE_UNREADABLE',
          line: index + 1,
          message: `line ${index + 1} of ${path} is not a checkpoint`,
        });
    });
  return lines;
}

function fileHeads(lines: CheckpointLine[]): Heads {
  const heads: Heads = new Map();
  for (const line of lines) {
    for (const [dossierId, seq, hash] of line.heads) heads.set(dossierId, { checkpointSeq: line.seq, seq, hash });
  }
  return heads;
}

/** Signatures, and the chain of checkpoints: 1, 2, 3… each naming the previous one's hash. */
function checkSequence(
  records: CheckpointRecord[],
  where: 'table' | 'file',
  key: SigningKey | null,
  problems: AuditProblem[],
): void {
  let previous: CheckpointRecord | null = null;
  for (const record of records) {
    const add = (code: string, message: string) => problems.push({ code, checkpointSeq: record.seq, where, message });
    if (checkpointHash(record) !== record.hash)
      add('CHECKPOINT_TAMPERED', `checkpoint ${record.seq} (${where}) does not match its hash`);
    else if (
      key &&
      (record.publicKeyFingerprint !== key.fingerprint || !verifyHash(key, record.hash, record.signature))
    )
      add('CHECKPOINT_SIGNATURE_INVALID', `checkpoint ${record.seq} (${where}) is not signed by the configured key`);
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (record.seq !== expectedSeq) {
      add(
        'CHECKPOINT_MISSING',
        `${where}: checkpoint ${expectedSeq}${record.seq - 1 > expectedSeq ? `–${record.seq - 1}` : ''} missing before ${record.seq}`,
      );
    } else if (record.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      add(
        'CHECKPOINT_CHAIN_BROKEN',
        `checkpoint ${record.seq} (${where}) does not follow checkpoint ${previous?.seq ?? 0}`,
      );
    }
    previous = record;
  }
}

function compareTableAndFile(table: CheckpointRecord[], lines: CheckpointLine[], problems: AuditProblem[]): void {
  const inFile = new Map(lines.map((line) => [line.seq, line]));
  const inTable = new Map(table.map((row) => [row.seq, row]));
  for (const row of table) {
    const line = inFile.get(row.seq);
    if (!line) {
      problems.push({
        code: 'CHECKPOINT_MISSING_IN_FILE',
        checkpointSeq: row.seq,
        message: `checkpoint ${row.seq} is in the table but not in the file`,
      });
    } else if (line.hash !== row.hash || line.signature !== row.signature) {
      problems.push({
        code: 'CHECKPOINT_MISMATCH',
        checkpointSeq: row.seq,
        message: `checkpoint ${row.seq} differs between the table and the file`,
      });
    }
  }
  for (const line of lines) {
    if (!inTable.has(line.seq)) {
      problems.push({
        code: 'CHECKPOINT_MISSING_IN_TABLE',
        checkpointSeq: line.seq,
        message: `checkpoint ${line.seq} is in the file but not in the table`,
      });
    }
  }
}
