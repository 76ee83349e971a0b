/**
 * An exclusive lock on the embedded database's data folder. PGlite is one process's
 * database: a second process writing the same files would corrupt them, so it must stop
 * at start with a clear message.
 *
 * The lock itself is a Linux abstract Unix socket named after the folder's real path:
 * binding it is atomic, and the kernel releases it when the process dies, even by
 * kill -9, so there is no stale lock to judge and no race in taking one over (a PID file
 * alone has both problems). The `.lock` file beside the data only tells the next process
 * who holds the folder, for the message.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number | undefined,
  ) {
    super(
      `The data folder ${dataDir} is already in use by ${ownerPid ? `process ${ownerPid}` : 'another process'}. ` +
        'Stop that process, or set DATA_DIR to another folder (or DATABASE_URL to use a PostgreSQL server).',
    );
  }
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

export class DataFolderLock {
  private released = false;

  private constructor(
    private readonly server: Server,
    private readonly file: string,
  ) {}

  static async acquire(dataDir: string): Promise<DataFolderLock> {
    const realDir = realpathSync(dataDir);
    const file = join(realDir, '.lock');
    const name = `\0scic-instruction-${createHash('sha256').update(realDir).digest('hex').slice(0, 32)}`;
    const server = createServer((socket) => socket.destroy());
    try {
      await listen(server, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new DataFolderLockedError(dataDir, readOwner(file));
    }
    // Not kept alive by the lock: the process ends when its work does.
    server.unref();
    // A stale lock file left by a killed process keeps its mode: set it again.
    writeFileSync(file, String(process.pid), { mode: 0o600 });
    chmodSync(file, 0o600);
    return new DataFolderLock(server, file);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone: nothing to remove.
    }
    this.server.close();
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
