import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DataFolderLock, DataFolderLockedError } from './data-folder-lock.js';

/** Runs a child Node process holding the lock on `dir` until it is killed. */
function holdInChild(dir: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  // A plain-JavaScript child binding the same abstract socket name as the lock does.
  const script = `
    const { createHash } = require('node:crypto');
    const { realpathSync, writeFileSync } = require('node:fs');
    const { createServer } = require('node:net');
    const dir = realpathSync(${JSON.stringify(dir)});
    const name = '\\0scic-instruction-' + createHash('sha256').update(dir).digest('hex').slice(0, 32);
    createServer().listen(name, () => { writeFileSync(dir + '/.lock', String(process.pid)); console.log('held'); });
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', () =>
      resolve({
        pid: child.pid!,
        kill: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      }),
    );
  });
}

describe('DataFolderLock', () => {
  let dir: string;
  const held: DataFolderLock[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-folder-lock-'));
  });

  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    rmSync(dir, { recursive: true, force: true });
  });

  async function acquire(path = dir): Promise<DataFolderLock> {
    const lock = await DataFolderLock.acquire(path);
    held.push(lock);
    return lock;
  }

  it('writes the holder’s process id into .lock, and removes it on release (twice is harmless)', async () => {
    const lock = await acquire();
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    lock.release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('refuses a second lock on the same folder in the same process', async () => {
    await acquire();
    await expect(DataFolderLock.acquire(dir)).rejects.toBeInstanceOf(DataFolderLockedError);
  });

  it('treats another spelling of the folder (relative path, symlink) as the same folder', async () => {
    await acquire();
    await expect(DataFolderLock.acquire(relative(process.cwd(), dir))).rejects.toBeInstanceOf(DataFolderLockedError);
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    try {
      await expect(DataFolderLock.acquire(link)).rejects.toBeInstanceOf(DataFolderLockedError);
    } finally {
      rmSync(link);
    }
  });

  it('can be taken again once released', async () => {
    (await acquire()).release();
    await acquire();
  });

  it('does not mix up two folders', async () => {
    const other = join(dir, 'other');
    mkdirSync(other);
    await acquire();
    await acquire(other);
  });

  it('refuses a folder held by another live process, naming that process and the folder', async () => {
    const holder = await holdInChild(dir);
    try {
      const error = await DataFolderLock.acquire(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFolderLockedError);
      expect((error as Error).message).toContain(`The data folder ${dir} is already in use by process ${holder.pid}`);
    } finally {
      await holder.kill();
    }
  });

  it('takes the folder over once its holder was killed (kill -9 leaves .lock behind)', async () => {
    const holder = await holdInChild(dir);
    await holder.kill();
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    await acquire();
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
  });

  it.each(['', 'garbage', '-1', String(process.pid)])(
    'ignores a leftover .lock holding %j when nobody holds the folder',
    async (content) => {
      writeFileSync(join(dir, '.lock'), content);
      await acquire();
    },
  );
});
