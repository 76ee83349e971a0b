/**
 * What `npm run journal:verify` prints and its exit code, apart from the script so that a
 * test runs it on its own application's database.
 */
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { loadSigningKey } from './checkpoint-key.js';
import { JournalAudit, type AuditResult } from './journal-audit.js';

export interface VerifyReport {
  result: AuditResult;
  lines: string[];
  /** 0: every journal holds; 1: a problem is named. */
  exitCode: 0 | 1;
}

export async function verifyJournals(dataSource: DataSource, config: AppConfig): Promise<VerifyReport> {
  let key;
  try {
    // Never generated here: verifying with a new key would prove nothing.
    key = loadSigningKey(config.journalSigningKeyFile, { generate: false });
  } catch (error) {
    key = error instanceof Error ? error : new Error(String(error));
  }
  const started = performance.now();
  const result = await new JournalAudit(dataSource).run({ checkpoints: { key, file: config.checkpointFile } });
  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `${result.dossiers} dossiers, ${result.entries} entries verified in ${seconds.toFixed(2)} s` +
      ` (${Math.round(result.entries / Math.max(seconds, 1e-6))} entries/s).`,
    result.checkpoint
      ? `Latest checkpoint: ${result.checkpoint.seq} (${result.checkpoint.reason}, ${result.checkpoint.createdAt}).`
      : 'No checkpoint yet.',
  ];
  for (const problem of result.problems) {
    const where = [
      problem.dossierId ? `dossier ${problem.dossierId}` : null,
      problem.seq !== undefined ? `entry ${problem.seq}` : null,
      problem.checkpointSeq !== undefined ? `checkpoint ${problem.checkpointSeq}` : null,
    ].filter(Boolean);
    lines.push(`${problem.code}${where.length ? ` (${where.join(', ')})` : ''}: ${problem.message}`);
  }
  lines.push(result.valid ? 'Every journal holds.' : `${result.problems.length} problem(s) found.`);
  return { result, lines, exitCode: result.valid ? 0 : 1 };
}
