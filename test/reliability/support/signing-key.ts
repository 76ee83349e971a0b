/**
 * Production requires JOURNAL_SIGNING_KEY_FILE (the checkpoints' Ed25519 key, never
 * generated at start): the suites that run the build in production mode give it one,
 * created once in their data folder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyFile } from '../../../src/journal/checkpoint-key.js';

export function signingKeyIn(dataDir: string): string {
  const path = join(dataDir, 'journal-signing-key.pem');
  if (!existsSync(path)) generateSigningKeyFile(path);
  return path;
}
