/** The PostgreSQL server's side of the medium databases: the run's template and the workers' clones. */
import pg from 'pg';
import { openAppDatabase } from '../../../src/app.factory.js';
import { loadConfig } from '../../../src/config/app-config.js';
import { withDatabase } from '../../support/fresh-database.js';
import { templateName, workerName } from './template.js';

async function onServer<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const exists = async (client: pg.Client, name: string) =>
  (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;

/**
 * The run's migrated template, made by whichever worker comes first (the others wait on
 * the run's advisory lock). Migrated under a provisional name and renamed once complete,
 * so that a failed migration never passes for a template.
 */
async function ensureTemplate(client: pg.Client, adminUrl: string, run: string): Promise<string> {
  const template = templateName(run);
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [run]);
  try {
    if (await exists(client, template)) return template;
    const provisional = `${template}_partial`;
    await client.query(`DROP DATABASE IF EXISTS "${provisional}"`);
    await client.query(`CREATE DATABASE "${provisional}"`);
    const env = { ...process.env, NODE_ENV: 'test', DATABASE_URL: withDatabase(adminUrl, provisional) };
    const database = await openAppDatabase(loadConfig(env));
    await database.close();
    await client.query(`ALTER DATABASE "${provisional}" RENAME TO "${template}"`);
    return template;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [run]);
  }
}

/** The worker's clone of the run's template (made on the worker's first use); its URL. */
export function workerDatabase(adminUrl: string, run: string): Promise<string> {
  return onServer(adminUrl, async (client) => {
    const name = workerName(run);
    if (!(await exists(client, name))) {
      const template = await ensureTemplate(client, adminUrl, run);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    }
    return withDatabase(adminUrl, name);
  });
}
