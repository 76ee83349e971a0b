/**
 * `npm run journal:verify`: recomputes every dossier's hash chain and the administration
 * journal's, and names the broken ones. Exit code 1 when one is broken, 2 when the check could not run.
 */
import 'reflect-metadata';
import { openAppDatabase } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { AdminJournalService } from '../src/journal/admin-journal.service.js';
import { JournalService } from '../src/journal/journal.service.js';

const database = await openAppDatabase(loadConfig());
try {
  const started = performance.now();
  const result = await new JournalService(database.dataSource).verifyAll();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${result.dossiers} dossiers, ${result.entries} entries verified in ${seconds.toFixed(2)} s` +
      ` (${Math.round(result.entries / Math.max(seconds, 1e-6))} entries/s).`,
  );
  for (const broken of result.broken)
    console.log(`BROKEN dossier ${broken.dossierId}: first broken entry seq ${broken.firstBrokenSeq}`);
  const admin = await new AdminJournalService(database.dataSource).verify();
  console.log(`Administration journal: ${admin.entries} entries, ${admin.valid ? 'valid' : 'BROKEN'}.`);
  if (!admin.valid) console.log(`BROKEN administration journal: first broken entry seq ${admin.firstBrokenSeq}`);
  process.exitCode = result.broken.length || !admin.valid ? 1 : 0;
} catch (error) {
  console.error(error);
  process.exitCode = 2;
} finally {
  await database.close();
}
