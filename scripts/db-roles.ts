/**
 * `npm run db:roles`: sets up a PostgreSQL database with two roles (README, "Journal and
 * checkpoints"), as a superuser:
 *
 *   DB_ADMIN_URL=postgres://postgres@db:5432/postgres DB_NAME=scic \
 *   DB_OWNER=scic_owner DB_OWNER_PASSWORD=… DB_APP=scic_app DB_APP_PASSWORD=… npm run db:roles
 *
 * - the owner (DB_OWNER) owns the database and its schema and runs the migrations;
 * - the application's role (DB_APP) owns nothing: it cannot ALTER a table or disable a
 *   trigger, and may not UPDATE, DELETE or TRUNCATE the journals, checkpoints, decisions,
 *   decision documents, pieces and payments (INSERT only; the columns of a signature and
 *   of a replaced piece excepted).
 * It then runs the migrations as the owner and grants the application's rights, and prints
 * the two URLs to configure: MIGRATIONS_DATABASE_URL (owner) and DATABASE_URL (application).
 * The application re-grants at each start after its migrations, so new tables are covered.
 * Safe to run again (roles altered, database kept).
 */
import 'reflect-metadata';
import { openAppDatabase } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { createDatabaseRoles } from '../src/database/database-roles.js';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is required (see the header of scripts/db-roles.ts)`);
  return value;
}

try {
  const urls = await createDatabaseRoles(required('DB_ADMIN_URL'), {
    database: process.env.DB_NAME?.trim() || 'scic',
    owner: process.env.DB_OWNER?.trim() || 'scic_owner',
    ownerPassword: required('DB_OWNER_PASSWORD'),
    app: process.env.DB_APP?.trim() || 'scic_app',
    appPassword: required('DB_APP_PASSWORD'),
  });
  const database = await openAppDatabase(
    loadConfig({ DATABASE_URL: urls.appUrl, MIGRATIONS_DATABASE_URL: urls.ownerUrl, DATA_DIR: process.env.DATA_DIR }),
  );
  await database.close();
  const masked = (url: string) => url.replace(/:[^:@/]*@/, ':***@');
  console.log('Migrations run as the owner; the application role granted its rights. Configure:');
  console.log(`  MIGRATIONS_DATABASE_URL=${masked(urls.ownerUrl)}`);
  console.log(`  DATABASE_URL=${masked(urls.appUrl)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
