/**
 * `node bench/report-pdf.mjs` (after `npm run build`): the note de synthèse measurement
 * of `npm run bench` alone, on a database holding one complete dossier — a run of a few
 * seconds when only the report changed. DATABASE_URL set → a fresh `scic_bench_report`
 * database on that server (not the full bench's, which may be running), dropped at the
 * end; unset → a temporary embedded data folder. Prints p50 / p95 and their ratio to the
 * 300 ms budget.
 */
import 'reflect-metadata';
import { initialPersistedSnapshot } from '../dist/src/workflow/dossier.workflow.js';
import { startApp } from './lib/app.mjs';
import { createUsersAndToken, insertDossiers } from './lib/dataset.mjs';
import { httpClient } from './lib/http.mjs';
import { measureReportPdf, prepareReportDossier } from './lib/synthesis.mjs';
import { createTarget, openTarget } from './lib/target.mjs';
import { dossierId, log, scicId, sirenOf } from './lib/util.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);

async function main() {
  const target = await createTarget(process.env.DATABASE_URL, 'scic_bench_report');
  log(`mode: ${target.mode}`);
  try {
    const id = dossierId(0);
    const database = await openTarget(target, { DATABASE_POOL_SIZE: '2' });
    let token;
    try {
      token = await createUsersAndToken(database.dataSource);
      await database.dataSource.query(
        `INSERT INTO scic (id, siren, name, legal_form, commune, created_at, updated_at)
         VALUES ($1, $2, 'SCIC Les Jardins d’Opale', 'SAS', 'Arras', now(), now())`,
        [scicId(0), sirenOf(0)],
      );
      // The note reads the dossier's state, not its snapshot: a draft is as good as any.
      const { state, snapshot } = initialPersistedSnapshot();
      const now = new Date();
      await insertDossiers(database.dataSource, [
        {
          id,
          reference: `SCIC-${now.getUTCFullYear()}-0001`,
          scicId: scicId(0),
          requested: 8_000_000,
          nominal: 10_000,
          state,
          snapshot: JSON.stringify(snapshot),
          version: 1,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await prepareReportDossier(database.dataSource, id, token.userId);
    } finally {
      await database.close();
    }
    const app = await startApp(target.mode === 'server' ? { ...target.env, NODE_ENV: 'production' } : target.env);
    const client = httpClient(app.url, token.secret);
    try {
      const r = await measureReportPdf(client, id, { samples: SAMPLES });
      console.log(
        `note de synthèse (GET /api/dossiers/:id/report.pdf, complete dossier, ${target.mode} database): ` +
          `p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms over ${r.samples} requests — ` +
          `${r.p50ToBudget} / ${r.p95ToBudget} of the ${r.budgetMs} ms budget (p50 / p95)`,
      );
    } finally {
      client.close();
      await app.stop();
    }
  } finally {
    await target.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
