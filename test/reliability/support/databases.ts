/**
 * The databases of the reliability scenarios: fresh databases `scic_rel_*` on the local
 * PostgreSQL server (created and dropped here), and a private throwaway cluster for the
 * scenario that restarts PostgreSQL — the shared server is never stopped, as other runs
 * and suites use it.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, MAIN } from '../../support/app-process.js';

const run = promisify(execFile);

/** The server the suite creates its databases on: DATABASE_URL's, or the local default. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ServerDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database `scic_rel_<label>_<pid>` on the server of `adminUrl`. */
export async function createDatabase(label: string, adminUrl = serverUrl()): Promise<ServerDatabase> {
  const name = `scic_rel_${label}_${process.pid}`;
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(),
  };
}

/**
 * Migrates the database and creates the demo accounts (and demo dossiers) in it, as an
 * operator does for a trial with `npm run seed:demo`: the production processes the
 * scenarios start then log in with real sessions (the development identity is refused in
 * production).
 */
export async function seedDemoAccounts(databaseUrl: string, dataDir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, NODE_ENV: 'test' };
  delete env.NODE_OPTIONS;
  await run(process.execPath, [join(MAIN, '../../scripts/seed-demo.js')], { env });
}

export const DEMO_PASSWORD = 'demo-scic-2026';
export const demoEmail = (account: string) => `${account}@demo.scic.fr`;

/** Where the PostgreSQL server programs are (initdb, pg_ctl): PG_BIN, or the newest installed. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(root, version, 'bin/pg_ctl'))) return join(root, version, 'bin');
  throw new Error('PostgreSQL server programs not found: set PG_BIN to the folder of initdb and pg_ctl');
}

/**
 * A PostgreSQL cluster of its own in a temporary folder, on a free port, that a scenario
 * may stop and start at will — what `pg_ctlcluster … restart` does to a packaged server,
 * without touching the shared one. PostgreSQL refuses to run as root: as root the
 * programs run as the `postgres` user (runuser), otherwise as the current user.
 */
export class PrivateCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly asPostgres: boolean,
  ) {}

  static async create(): Promise<PrivateCluster> {
    const bin = postgresBin();
    const asPostgres = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'scic-rel-cluster-'));
    if (asPostgres) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const cluster = new PrivateCluster(dir, await freePort(), bin, asPostgres);
    // No fsync at initdb: the folder is thrown away; the server itself runs with its defaults.
    await cluster.exec('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): Promise<void> {
    return this.pgCtl(['start', '-w', '-t', '60', '-l', join(this.dir, 'server.log'), '-o', this.serverOptions()]);
  }

  /** `fast`: sessions are terminated (57P01) and the server shuts down cleanly; `immediate`: a crash, recovered at start. */
  stop(mode: 'fast' | 'immediate'): Promise<void> {
    return this.pgCtl(['stop', '-w', '-t', '60', '-m', mode]);
  }

  async destroy(): Promise<void> {
    await this.pgCtl(['stop', '-w', '-m', 'immediate']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private serverOptions(): string {
    // TCP on the loopback only, and the Unix socket in the cluster's own folder.
    return `-p ${this.port} -h 127.0.0.1 -k ${this.dir} -c max_connections=60`;
  }

  private pgCtl(args: string[]): Promise<void> {
    return this.exec('pg_ctl', ['-D', join(this.dir, 'data'), ...args]);
  }

  private async exec(program: string, args: string[]): Promise<void> {
    const path = join(this.bin, program);
    if (this.asPostgres) await run('runuser', ['-u', 'postgres', '--', path, ...args], { cwd: this.dir });
    else await run(path, args, { cwd: this.dir });
  }
}
