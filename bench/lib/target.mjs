/**
 * Where the bench runs: never the user's database.
 * - server mode (DATABASE_URL set): a fresh database `scic_bench` on the same server,
 *   created at start and dropped at the end;
 * - embedded mode: a temporary data folder, removed at the end.
 * The schema comes from the application's migrations (openAppDatabase from dist/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openAppDatabase } from '../../dist/src/app.factory.js';
import { loadConfig } from '../../dist/src/config/app-config.js';

export const BENCH_DATABASE = 'scic_bench';

/** `name`: the bench database on the server (a run measuring one thing alone uses its own). */
export async function createTarget(databaseUrl, name = BENCH_DATABASE) {
  if (!databaseUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'scic-bench-'));
    return {
      mode: 'embedded',
      dataDir,
      /** The environment the application (and openAppDatabase) runs with. */
      env: { DATA_DIR: dataDir },
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = new URL(databaseUrl);
  const benchUrl = new URL(databaseUrl);
  benchUrl.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    mode: 'server',
    url: benchUrl.toString(),
    env: { DATABASE_URL: benchUrl.toString() },
    async dispose() {
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Opens the bench database in this process, migrated, as the application would
 * (embedded: PGlite in this process with its pool of one connection).
 */
export async function openTarget(target, extraEnv = {}) {
  const config = loadConfig({ ...target.env, ...extraEnv });
  const database = await openAppDatabase(config);
  return { ...database, config };
}

/** The pg pool underneath TypeORM (embedded: max 1 connection, on PGlite's socket). */
export function pgPoolOf(dataSource) {
  return dataSource.driver.master;
}
