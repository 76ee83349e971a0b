/**
 * The embedded PostgreSQL (PGlite) of the zero-setup mode, served in-process on a Unix
 * socket by pglite-socket so that TypeORM reaches it with its ordinary `postgres` driver
 * over `pg`, exactly as it reaches a server. (typeorm-pglite is not used: it shares one
 * session between pool connections and loses commits under concurrency.)
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderLock } from './data-folder-lock.js';

export interface EmbeddedConnection {
  /** Directory holding the socket file `.s.PGSQL.<port>`: pg's `host`. */
  host: string;
  port: number;
  username: string;
  database: string;
}

export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
    private readonly lock: DataFolderLock,
    readonly connection: EmbeddedConnection,
  ) {}

  /**
   * Opens (creating if needed) the database in `dataDir`. `maxConnections` must be at
   * least the pool size: the socket server's default of 1 would starve a pool.
   */
  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const lock = await DataFolderLock.acquire(dataDir);
    let db: PGlite | undefined;
    let socketDir: string | undefined;
    try {
      db = await PGlite.create(join(dataDir, 'pglite'));
      // A Unix socket path is limited to ~107 bytes: keep it short, outside the data folder.
      socketDir = mkdtempSync(join(tmpdir(), 'scic-pg-'));
      const port = 5432;
      const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${port}`), maxConnections });
      await server.start();
      return new EmbeddedPostgres(db, server, socketDir, lock, {
        host: socketDir,
        port,
        username: 'postgres',
        database: 'postgres',
      });
    } catch (error) {
      await db?.close().catch(() => undefined);
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.socketDir, { recursive: true, force: true });
    this.lock.release();
  }
}
