import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderLock, DataFolderLockedError } from './data-folder-lock.js';

function startSleeper(seconds: number): Promise<ChildProcess & { pid: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('sleep', [String(seconds)], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => resolvePromise(child as ChildProcess & { pid: number }));
  });
}

/** The PID of a child that has exited and been reaped: no process has it (barring reuse). */
async function deadPid(): Promise<number> {
  const child = await startSleeper(0);
  await new Promise<void>((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) resolvePromise();
    else child.once('exit', () => resolvePromise());
  });
  // Reaped by Node: signalling it must now fail with ESRCH.
  expect(() => process.kill(child.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  return child.pid;
}

describe('DataFolderLock', () => {
  let dir: string;
  let lockFile: string;
  const held: DataFolderLock[] = [];
  let liveChild: (ChildProcess & { pid: number }) | undefined;

  function acquire(): DataFolderLock {
    const lock = DataFolderLock.acquire(dir);
    held.push(lock);
    return lock;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-folder-lock-'));
    lockFile = join(dir, '.lock');
  });

  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(() => {
    if (liveChild && liveChild.exitCode === null && liveChild.signalCode === null) liveChild.kill('SIGKILL');
  });

  it('acquire creates .lock holding this process id', () => {
    acquire();
    expect(existsSync(lockFile)).toBe(true);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
  });

  it('release removes the lock file, and can be called twice', () => {
    const lock = acquire();
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
    expect(() => lock.release()).not.toThrow();
  });

  it('release tolerates a lock file already removed by someone else', () => {
    const lock = acquire();
    rmSync(lockFile);
    expect(() => lock.release()).not.toThrow();
  });

  it('can be acquired again after release', () => {
    acquire().release();
    acquire();
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
  });

  it('a second acquire in the same process throws DataFolderLockedError naming this process and the folder', () => {
    acquire();
    let error: unknown;
    try {
      acquire();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFolderLockedError);
    expect(error).toMatchObject({ dataDir: dir, ownerPid: process.pid });
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain(String(process.pid));
    // The first lock is untouched.
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
  });

  it('does not register an exit listener per refused attempt, and removes its own on release', () => {
    const before = process.listenerCount('exit');
    const lock = acquire();
    expect(process.listenerCount('exit')).toBe(before + 1);
    expect(() => DataFolderLock.acquire(dir)).toThrow(DataFolderLockedError);
    expect(process.listenerCount('exit')).toBe(before + 1);
    lock.release();
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('refuses a folder whose lock holds the PID of a live other process, naming that PID and the folder', async () => {
    liveChild = await startSleeper(30);
    writeFileSync(lockFile, String(liveChild.pid));
    try {
      let error: unknown;
      try {
        acquire();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DataFolderLockedError);
      expect(error).toMatchObject({ dataDir: dir, ownerPid: liveChild.pid });
      expect((error as Error).message).toContain(`process ${liveChild.pid}`);
      expect((error as Error).message).toContain(dir);
      // The other process's lock is left as it was.
      expect(readFileSync(lockFile, 'utf8')).toBe(String(liveChild.pid));
    } finally {
      liveChild.kill('SIGKILL');
      await new Promise((resolvePromise) => liveChild!.once('exit', resolvePromise));
    }
  });

  it.each<[string, () => Promise<string>]>([
    ['the PID of a process that has exited', async () => String(await deadPid())],
    ['garbage', async () => 'not a pid'],
    ['an empty file', async () => ''],
    ['a negative number', async () => '-1'],
    ['zero', async () => '0'],
    ['this process id left by an earlier run (not held here)', async () => String(process.pid)],
  ])('takes over a stale lock holding %s', async (_scenario, contents) => {
    writeFileSync(lockFile, await contents());
    acquire();
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
  });
});
