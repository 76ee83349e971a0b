// Once per run, after the workers: the template database and each worker's clone are
// dropped (server), or each worker's embedded folder removed.
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export default async function globalTeardown() {
  const run = process.env.SCIC_MEDIUM_RUN;
  if (!run) return;
  if (!process.env.DATABASE_URL) {
    for (const entry of readdirSync(tmpdir())) {
      if (entry.startsWith(run)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    }
    return;
  }
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [run]);
    for (const { datname } of found.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
