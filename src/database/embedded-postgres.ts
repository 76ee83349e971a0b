/**
 * The embedded PostgreSQL (PGlite) of the zero-setup mode, served in-process on a Unix
 * socket by pglite-socket so that TypeORM reaches it with its ordinary `postgres` driver
 * over `pg`, exactly as it reaches a server. (typeorm-pglite is not used: it shares one
 * session between pool connections and loses commits under concurrency.)
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
    private readonly dataDir: string,
  ) {}

  /**
   * Opens (creating if needed) the database in `dataDir`. `maxConnections` must be at
   * least the pool size: the socket server's default of 1 would starve a pool.
   */
  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    // The data folder (database, documents, keys) is the application user's alone; an
    // existing one is closed too. The files inside follow the process umask (main.ts).
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    const lock = await DataFolderLock.acquire(dataDir);
    let db: PGlite | undefined;
    let socketDir: string | undefined;
    try {
      const databaseDir = join(dataDir, 'pglite');
      mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
      chmodSync(databaseDir, 0o700);
      db = await PGlite.create(databaseDir);
      // PGlite's file system layer writes its files 0666 whatever the umask: close those
      // initdb and earlier runs made (its folder, 0700, already keeps others out).
      closeToOthers(databaseDir);
      // A Unix socket path is limited to ~107 bytes: keep it short, outside the data folder.
      socketDir = mkdtempSync(join(tmpdir(), 'scic-pg-'));
      const port = 5432;
      const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${port}`), maxConnections });
      await server.start();
      return new EmbeddedPostgres(
        db,
        server,
        socketDir,
        lock,
        {
          host: socketDir,
          port,
          username: 'postgres',
          database: 'postgres',
        },
        dataDir,
      );
    } catch (error) {
      await db?.close().catch(() => undefined);
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    closeToOthers(join(this.dataDir, 'pglite'));
    await this.server.stop();
    await this.db.close();
    rmSync(this.socketDir, { recursive: true, force: true });
    this.lock.release();
  }
}

/** Files 0600 and folders 0700 under `root` (the application user's alone). */
function closeToOthers(root: string): void {
  chmodSync(root, 0o700);
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) closeToOthers(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
