/**
 * `npm run journal:verify`: recomputes every dossier's hash chain and the administration
 * journal's, cross-checks them with the dossier rows (version, state) and with the signed
 * checkpoints (table and file, signatures checked with JOURNAL_SIGNING_KEY_FILE), and
 * names each problem. Exit code 1 when one is found, 2 when the check could not run.
 */
import 'reflect-metadata';
import { openAppDatabase } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { verifyJournals } from '../src/journal/journal-verify-report.js';

const config = loadConfig();
const database = await openAppDatabase(config);
try {
  const report = await verifyJournals(database.dataSource, config);
  for (const line of report.lines) console.log(line);
  process.exitCode = report.exitCode;
} catch (error) {
  console.error(error);
  process.exitCode = 2;
} finally {
  await database.close();
}
