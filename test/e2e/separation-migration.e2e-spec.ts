/**
 * The SeparationOfDuties migration on a database of the former shape: accounts holding
 * `admin` with a deciding role keep `admin` only, the former `signing_delegation` flags
 * of élus become delegations in force (recorded and confirmed by system markers), and
 * the old columns are gone. On a database of its own (server) or a fresh embedded one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations/index.js';
import { loadConfig } from '../../src/config/app-config.js';
import { closeDatabase, openDatabase, type DatabaseHandle } from '../../src/database/data-source.js';
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database.js';

const MINE = ALL_MIGRATIONS.findIndex((migration) => migration.name === 'SeparationOfDuties1795461000000');

describe('SeparationOfDuties migration', () => {
  let folder: string;
  let fresh: FreshDatabase | undefined;
  let handle: DatabaseHandle;
  let before: DataSource;
  let after: DataSource;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'scic-sod-'));
    if (process.env.DATABASE_URL) fresh = await createFreshDatabase(process.env.DATABASE_URL, 'scic_sod');
    const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: folder, DATABASE_URL: fresh?.url });
    handle = await openDatabase(config);
    before = new DataSource({ ...handle.options, migrations: ALL_MIGRATIONS.slice(0, MINE) } as never);
    await before.initialize();
    await before.runMigrations();
  });
  afterAll(async () => {
    if (before?.isInitialized) await before.destroy();
    await closeDatabase(after, handle);
    await fresh?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps admin alone on mixed accounts and turns the former flags into delegations in force', async () => {
    expect(MINE).toBeGreaterThan(0);
    const user = async (email: string, roles: [string, boolean, string | null][]) => {
      const [{ id }] = await before.query(
        `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $1, 'x') RETURNING id`,
        [email],
      );
      for (const [role, delegation, reference] of roles) {
        await before.query(
          `INSERT INTO user_role (user_id, role, signing_delegation, delegation_reference) VALUES ($1, $2, $3, $4)`,
          [id, role, delegation, reference],
        );
      }
      return id as string;
    };
    const mixed = await user('mixed@migration.test', [
      ['admin', false, null],
      ['elected_official', true, 'Arrêté mixte'],
    ]);
    const signatory = await user('signataire@migration.test', [['elected_official', true, 'Arrêté 2024-12']]);
    const unnamed = await user('sans-reference@migration.test', [['elected_official', true, ' ']]);
    const plain = await user('elu@migration.test', [['elected_official', false, null]]);
    await before.destroy();

    after = new DataSource(handle.options);
    await after.initialize();
    await after.runMigrations();

    const roles = await after.query(`SELECT role FROM user_role WHERE user_id = $1`, [mixed]);
    expect(roles).toEqual([{ role: 'admin' }]);
    const delegations = await after.query(
      `SELECT user_id, arrete_reference, scope, created_by, confirmed_by, ends_on, revoked_at
         FROM signing_delegation ORDER BY arrete_reference`,
    );
    const common = { scope: 'ALL', created_by: 'system:migration', confirmed_by: 'system:migration-confirmed' };
    expect(delegations).toEqual([
      { user_id: signatory, arrete_reference: 'Arrêté 2024-12', ...common, ends_on: null, revoked_at: null },
      {
        user_id: unnamed,
        arrete_reference: 'Délégation antérieure reprise',
        ...common,
        ends_on: null,
        revoked_at: null,
      },
    ]);
    expect(delegations.map((row: { user_id: string }) => row.user_id)).not.toContain(plain);
    const columns = await after.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'user_role' ORDER BY column_name`,
    );
    expect(columns.map((row: { column_name: string }) => row.column_name)).toEqual(['id', 'role', 'user_id']);
    await expect(
      after.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'admin')`, [signatory]),
    ).rejects.toThrow(/separation of duties/);
  });
});
