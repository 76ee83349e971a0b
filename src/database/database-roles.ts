/**
 * Two PostgreSQL roles (issue 16): an owner that owns the schema and runs the migrations,
 * and the application's role, which owns nothing — so it can neither ALTER a table nor
 * disable a trigger — and may not UPDATE, DELETE or TRUNCATE the journals, the decisions
 * and the documents. `createDatabaseRoles` sets up a new database (npm run db:roles);
 * `grantApplicationRole` gives the application's role its rights after each migration
 * run, so that the tables a new migration adds are covered as well.
 */
import pg from 'pg';
import type { QueryRunner } from 'typeorm';

/** Insert-only for the application: what is written there is evidence. */
export const INSERT_ONLY_TABLES = [
  'journal_entry',
  'admin_journal_entry',
  'journal_checkpoint',
  'journal_checkpoint_head',
  'decision',
  'decision_document',
  'dossier_document',
  'participation_payment',
] as const;

/**
 * The only columns the application updates in an insert-only table, as their triggers
 * allow: the signature of a decision (DecisionDocumentsService.signAndIssue, and the élus
 * who withdrew, which may only grow), and the mark of a replaced piece (nothing else of a
 * piece changes: a new version is a new row).
 */
export const UPDATABLE_COLUMNS: Record<string, readonly string[]> = {
  decision: ['signed_at', 'signed_by', 'signatory_name', 'document_sha256', 'recused_elected_officials'],
  dossier_document: ['replaced_at', 'replaced_by', 'replaced_reason'],
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Run by the owner, after the migrations: idempotent. */
export async function grantApplicationRole(runner: QueryRunner, appRole: string): Promise<void> {
  const app = ident(appRole);
  // In one transaction: an instance already running never sees its rights missing.
  await runner.startTransaction();
  try {
    await grantWithin(runner, app);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

async function grantWithin(runner: QueryRunner, app: string): Promise<void> {
  await runner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await runner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
  await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  const present = await runner.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`,
    [[...INSERT_ONLY_TABLES]],
  );
  for (const { tablename } of present as { tablename: string }[]) {
    // Revoking the table's UPDATE revokes its columns' too: the columns are granted after.
    await runner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${ident(tablename)} FROM ${app}`);
    const columns = UPDATABLE_COLUMNS[tablename];
    if (columns) await runner.query(`GRANT UPDATE (${columns.map(ident).join(', ')}) ON ${ident(tablename)} TO ${app}`);
  }
  // The migrations' own record is the owner's.
  await runner.query(`REVOKE INSERT, UPDATE, DELETE ON typeorm_migrations FROM ${app}`);
}

export interface DatabaseRoles {
  database: string;
  owner: string;
  ownerPassword: string;
  app: string;
  appPassword: string;
}

/**
 * As a superuser (`adminUrl`): creates both roles (login, no superuser, no role or
 * database creation), the database owned by the owner, with the public schema its own,
 * and nothing for anyone else but the application's CONNECT and USAGE.
 * Returns the two URLs: MIGRATIONS_DATABASE_URL (owner) and DATABASE_URL (application).
 */
export async function createDatabaseRoles(
  adminUrl: string,
  roles: DatabaseRoles,
): Promise<{ ownerUrl: string; appUrl: string }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const [role, password] of [
      [roles.owner, roles.ownerPassword],
      [roles.app, roles.appPassword],
    ]) {
      const [exists] = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rows;
      await admin.query(
        `${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`,
      );
    }
    const [db] = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [roles.database])).rows;
    if (!db) await admin.query(`CREATE DATABASE ${ident(roles.database)} OWNER ${ident(roles.owner)}`);
    await admin.query(`REVOKE ALL ON DATABASE ${ident(roles.database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(roles.database)} TO ${ident(roles.app)}`);
  } finally {
    await admin.end();
  }
  const inDatabase = new pg.Client({ connectionString: withDatabase(adminUrl, roles.database) });
  await inDatabase.connect();
  try {
    await inDatabase.query(`ALTER SCHEMA public OWNER TO ${ident(roles.owner)}`);
    await inDatabase.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await inDatabase.query(`GRANT USAGE ON SCHEMA public TO ${ident(roles.app)}`);
  } finally {
    await inDatabase.end();
  }
  return {
    ownerUrl: withCredentials(adminUrl, roles.database, roles.owner, roles.ownerPassword),
    appUrl: withCredentials(adminUrl, roles.database, roles.app, roles.appPassword),
  };
}

/** The role a postgres:// URL logs in as. */
export function roleOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new Error('DATABASE_URL must name its role (postgres://role:password@host/database)');
  return user;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function withCredentials(url: string, database: string, user: string, password: string): string {
  const parsed = new URL(withDatabase(url, database));
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
