/**
 * `node bench/web-first-page.mjs` (after `npm run build`): the first-page measurement of
 * `npm run bench` alone — the production build started on an empty database, `/` opened
 * in Chromium with a cold cache BENCH_SAMPLES times (default 10) after one warm-up load,
 * and the gzipped size of dist/web's JS and CSS — in about twenty seconds. DATABASE_URL
 * set → a fresh `scic_bench_web` database on that server (not the full bench's), dropped
 * at the end; unset → a temporary embedded data folder. Without Chromium it says the
 * browser part is skipped and still prints the sizes.
 */
import 'reflect-metadata';
import { startApp } from './lib/app.mjs';
import { createTarget, openTarget } from './lib/target.mjs';
import { log } from './lib/util.mjs';
import { describeFirstPage, measureFirstPage, webBundleSize } from './lib/web.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);

async function main() {
  const bundle = webBundleSize();
  const target = await createTarget(process.env.DATABASE_URL, 'scic_bench_web');
  log(`mode: ${target.mode}`);
  try {
    // Migrated before the application starts, as the full bench does.
    await (await openTarget(target, { DATABASE_POOL_SIZE: '2' })).close();
    const app = await startApp(target.mode === 'server' ? { ...target.env, NODE_ENV: 'production' } : target.env);
    try {
      const firstPage = await measureFirstPage(app.url, { samples: SAMPLES });
      console.log(describeFirstPage({ firstPage, bundle }));
    } finally {
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
