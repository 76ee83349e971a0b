/**
 * An exclusive lock on the embedded database's data folder. PGlite is a single process's
 * database: a second process writing the same files would corrupt them, so it must stop
 * at start with a clear message. The lock file holds the owner's PID; a lock left by a
 * process that died (kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data folder ${dataDir} is already in use by process ${ownerPid}. ` +
        'Stop that process, or set DATA_DIR to another folder (or DATABASE_URL to use a PostgreSQL server).',
    );
  }
}

const heldInThisProcess = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataFolderLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(private readonly file: string) {
    process.once('exit', this.onExit);
  }

  static acquire(dataDir: string): DataFolderLock {
    // The real path, so that another spelling of the folder (relative, symlink) is the same lock.
    const file = join(realpathSync(dataDir), '.lock');
    if (heldInThisProcess.has(file)) throw new DataFolderLockedError(dataDir, process.pid);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        heldInThisProcess.add(file);
        return new DataFolderLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
          throw new DataFolderLockedError(dataDir, owner);
        }
        // Stale: its owner is gone. Remove and try once more (another starter may win).
        unlinkSync(file);
      }
    }
    throw new DataFolderLockedError(dataDir, Number.NaN);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    heldInThisProcess.delete(this.file);
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
