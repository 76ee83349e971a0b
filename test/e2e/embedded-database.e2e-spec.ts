/**
 * The embedded mode itself (always on PGlite, whatever DATABASE_URL says): data kept
 * across restarts, one process per data folder, and a folder left by a killed process
 * usable again. The process tests run the built application (`npm run build`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderLockedError } from '../../src/database/data-folder-lock.js';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { assertBuilt, killAllAppProcesses, readyUrl, startAppProcess } from '../support/app-process.js';
import { createDossier, sendEvent, startTestApp } from '../support/test-app.js';

/** The application on the embedded database of `dataDir`, as `npm start` runs it. */
const startMain = (dataDir: string) =>
  startAppProcess({ DATA_DIR: dataDir, NODE_ENV: 'development', ALLOW_DEV_IDENTITY: 'true' });

describe('Embedded database', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'scic-embedded-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps dossiers, state and journal across a restart', async () => {
    const first = await startTestApp({ dataDir, embedded: true });
    const dossier = await createDossier(first);
    await sendEvent(first, dossier.id, { type: 'SUBMIT' });
    await first.close();

    const second = await startTestApp({ dataDir, embedded: true });
    try {
      const read = await second.request({ method: 'GET', url: `/api/dossiers/${dossier.id}` });
      expect(read.body).toMatchObject({ reference: dossier.reference, state: 'instruction.activity', version: 2 });
      const verify = await second.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal/verify` });
      expect(verify.body).toEqual({ valid: true, entries: 2, firstBrokenSeq: null, problems: [] });
    } finally {
      await second.close();
    }
  });

  it('refuses a second opening of the same folder in one process', async () => {
    const first = await EmbeddedPostgres.start(dataDir, 2);
    try {
      await expect(EmbeddedPostgres.start(dataDir, 2)).rejects.toBeInstanceOf(DataFolderLockedError);
    } finally {
      await first.stop();
    }
    const again = await EmbeddedPostgres.start(dataDir, 2);
    await again.stop();
  });

  describe('as processes', () => {
    beforeAll(() => assertBuilt());
    afterAll(() => killAllAppProcesses());

    it('refuses a second process on the same folder with a clear message, and takes over after kill -9', async () => {
      const first = startMain(dataDir);
      const url = await readyUrl(first, 30_000);
      const created = await fetch(`${url}/api/dossiers?pageSize=100`, {
        headers: { 'x-dev-user': 'a', 'x-dev-role': 'viewer' },
      });
      // The demo data was seeded into the empty folder.
      const demo = (await created.json()) as { total: number };
      expect(demo.total).toBe(4);

      const second = startMain(dataDir);
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`The data folder ${dataDir} is already in use by process ${first.process.pid}`);

      first.process.kill('SIGKILL');
      await first.exited;
      expect(existsSync(join(dataDir, '.lock'))).toBe(true);

      const third = startMain(dataDir);
      try {
        const url3 = await readyUrl(third, 30_000);
        const list = await fetch(`${url3}/api/dossiers?pageSize=100`, {
          headers: { 'x-dev-user': 'a', 'x-dev-role': 'viewer' },
        });
        // Nothing lost, nothing seeded twice.
        expect(((await list.json()) as { total: number }).total).toBe(4);
      } finally {
        third.process.kill('SIGTERM');
        expect(await third.exited).toBe(0);
      }
      expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    });
  });
});
