/**
 * The documents folder: files named by their SHA-256 (`sha256/ab/abcd…`), so identical
 * content is stored once and no client-given name ever reaches a path. An upload is
 * written under `tmp/`, its row committed, then renamed into place; the sweep at start
 * cleans what a crash between those steps left behind. Folders and files are the
 * application user's alone (0700, 0600): pieces are personal and financial data.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ZIP_TAIL_BYTES, zipCentralDirectory, zipEntryNames } from './content-sniffing.js';

const HASH = /^[0-9a-f]{64}$/;
const PREFIX = /^[0-9a-f]{2}$/;
/** A central directory larger than this is not an office document's. */
const MAX_ZIP_DIRECTORY_BYTES = 16 * 1024 * 1024;
const SWEEP_BATCH = 1000;
/** Readable and writable by the application's own user only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;
/**
 * On a server database several instances may share the folder: a temporary file younger
 * than this may be another instance's upload in progress, so the sweep leaves it. The
 * embedded database has one process per data folder, so there it sweeps everything.
 */
export const SHARED_TEMP_GRACE_MS = 60 * 60 * 1000;

export interface SweepReport {
  /** Temporary files removed (an upload that never committed). */
  temporaryRemoved: number;
  /** Temporary files moved into place: their row committed, the rename did not happen. */
  temporaryRecovered: number;
  /** Stored files no row refers to. */
  orphansRemoved: number;
  /** Hashes that rows refer to and whose file is missing (logged: nothing to recover them from). */
  missing: string[];
}

@Injectable()
export class DocumentStorage implements OnApplicationBootstrap {
  private readonly logger = new Logger('Documents');
  private readonly root: string;
  /** What the last start-up sweep did (for the logs and the tests). */
  lastSweep: SweepReport | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.root = config.documentsDir;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lastSweep = await this.sweep();
  }

  private get tempDir(): string {
    return join(this.root, 'tmp');
  }

  private get storeDir(): string {
    return join(this.root, 'sha256');
  }

  /** A fresh temporary path for an upload (the folder is created if needed). */
  async newTempPath(): Promise<string> {
    await mkdir(this.tempDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    return join(this.tempDir, `${randomUUID()}.part`);
  }

  pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.storeDir, sha256.slice(0, 2), sha256);
  }

  /**
   * Moves a committed upload into place. Renaming over an identical file already stored
   * (the same content uploaded twice) is harmless: the content is the name.
   */
  async place(tempPath: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    await mkdir(join(this.storeDir, sha256.slice(0, 2)), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // Written 0600 already; set again in case the temporary file came from elsewhere.
    await chmod(tempPath, PRIVATE_FILE_MODE);
    await rename(tempPath, target);
  }

  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      (stats) => stats.isFile(),
      () => false,
    );
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  /** The entry names of a ZIP file, read from its central directory (empty if unreadable). */
  async zipEntries(path: string, size: number): Promise<string[]> {
    const handle = await open(path, 'r');
    try {
      const tailLength = Math.min(size, ZIP_TAIL_BYTES);
      const tail = Buffer.alloc(tailLength);
      await handle.read(tail, 0, tailLength, size - tailLength);
      const directory = zipCentralDirectory(tail);
      if (!directory || directory.size > MAX_ZIP_DIRECTORY_BYTES || directory.offset + directory.size > size) return [];
      const bytes = Buffer.alloc(directory.size);
      await handle.read(bytes, 0, directory.size, directory.offset);
      return zipEntryNames(bytes);
    } finally {
      await handle.close();
    }
  }

  /**
   * Start-up clean-up: temporary files of uploads that never committed are removed (or
   * moved into place when their row did commit), stored files that no row names are
   * removed, and rows whose file is missing are logged.
   */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { temporaryRemoved: 0, temporaryRecovered: 0, orphansRemoved: 0, missing: [] };
    await mkdir(this.tempDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    await mkdir(this.storeDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // An installation from before this rule: its folders are closed to other users.
    for (const folder of [this.root, this.tempDir, this.storeDir]) await chmod(folder, PRIVATE_FOLDER_MODE);
    const grace = this.config.databaseUrl ? SHARED_TEMP_GRACE_MS : 0;
    const now = Date.now();

    for (const name of await readdir(this.tempDir)) {
      const path = join(this.tempDir, name);
      const stats = await stat(path).catch(() => null);
      if (!stats?.isFile() || now - stats.mtimeMs < grace) continue;
      const sha256 = await hashFile(path);
      if ((await this.knownHashes([sha256])).size && !(await this.has(sha256))) {
        await this.place(path, sha256);
        report.temporaryRecovered++;
      } else {
        await rm(path, { force: true });
        report.temporaryRemoved++;
      }
    }

    const stored = await this.storedHashes();
    for (let at = 0; at < stored.length; at += SWEEP_BATCH) {
      const batch = stored.slice(at, at + SWEEP_BATCH);
      const known = await this.knownHashes(batch);
      for (const sha256 of batch.filter((hash) => !known.has(hash))) {
        await rm(this.pathOf(sha256), { force: true });
        report.orphansRemoved++;
      }
    }

    const present = new Set(stored);
    const rows = await this.dataSource.query<{ sha256: string }[]>('SELECT DISTINCT sha256 FROM dossier_document');
    report.missing = rows.map((row) => row.sha256).filter((sha256) => !present.has(sha256));

    if (report.temporaryRemoved || report.temporaryRecovered || report.orphansRemoved) {
      this.logger.log(
        `Sweep of ${this.root}: ${report.temporaryRemoved} temporary file(s) removed, ` +
          `${report.temporaryRecovered} recovered, ${report.orphansRemoved} unreferenced file(s) removed.`,
      );
    }
    if (report.missing.length) {
      this.logger.warn(
        `${report.missing.length} document file(s) recorded in the database are missing from ${this.root} ` +
          `(first: ${report.missing.slice(0, 5).join(', ')}).`,
      );
    }
    return report;
  }

  private async storedHashes(): Promise<string[]> {
    const hashes: string[] = [];
    for (const prefix of await readdir(this.storeDir)) {
      if (!PREFIX.test(prefix)) continue;
      const folder = join(this.storeDir, prefix);
      const names = await readdir(folder).catch(() => []);
      hashes.push(...names.filter((name) => HASH.test(name) && name.startsWith(prefix)));
    }
    return hashes;
  }

  private async knownHashes(hashes: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ sha256: string }[]>(
      'SELECT DISTINCT sha256 FROM dossier_document WHERE sha256 = ANY($1)',
      [hashes],
    );
    return new Set(rows.map((row) => row.sha256));
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
