/**
 * One definition of the database connection, used by the application and by the
 * TypeORM CLI: `DATABASE_URL` set → that server; unset → the embedded PostgreSQL.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations/index.js';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { ALL_ENTITIES } from './entities.js';

/** The pool's one connection, plus one for a connection the pool replaces. */
const EMBEDDED_SOCKET_CONNECTIONS = 2;

export interface DatabaseHandle {
  options: DataSourceOptions;
  /** The embedded server when there is one, to stop after the pool is closed. */
  embedded?: EmbeddedPostgres;
}

export async function openDatabase(config: AppConfig, extra: Partial<DataSourceOptions> = {}): Promise<DatabaseHandle> {
  const common = {
    type: 'postgres' as const,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // The embedded database has no extension files to install; gen_random_uuid() is
    // built in since PostgreSQL 13, so neither side needs uuid-ossp.
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    logging: ['error'] as const,
    extra: {
      max: config.poolSize,
      connectionTimeoutMillis: 10_000,
      // Idle pooled connections are closed after a while so that a restarted server
      // does not leave dead ones behind.
      idleTimeoutMillis: 30_000,
    },
  };
  if (config.databaseUrl) {
    return { options: { ...common, url: config.databaseUrl, ...extra } as DataSourceOptions };
  }
  // One pooled connection to the embedded database. PGlite is a single session: the
  // socket server multiplexes connections onto it, keeping a transaction's messages
  // together but not an extended-protocol query's (Parse/Bind/Execute/Sync arrive as
  // separate messages). Measured here: with a pool of 10, 20 concurrent creations
  // returned 404s and 500s (one connection's Bind ran another's unnamed statement). A
  // pool of one serialises what PGlite serialises anyway, and is correct.
  const embedded = await EmbeddedPostgres.start(config.dataDir, EMBEDDED_SOCKET_CONNECTIONS);
  return {
    options: { ...common, ...embedded.connection, extra: { ...common.extra, max: 1 }, ...extra } as DataSourceOptions,
    embedded,
  };
}

export async function closeDatabase(dataSource: DataSource | undefined, handle: DatabaseHandle): Promise<void> {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await handle.embedded?.stop();
}
