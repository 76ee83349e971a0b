/**
 * kill -9 under load on the embedded database: the production build on a data folder
 * (development mode, as `npm start` runs it; the demo accounts are seeded into the empty
 * folder and the clients log in with them), killed with SIGKILL while 8 clients send
 * events, then started again on the same folder and port. The folder survives, the lock
 * the dead process held is released by the kernel (the restart is not refused, and a
 * second process on the folder still is), and afterwards every acknowledged transition
 * is present and nothing is half-written — read from the folder itself once the
 * application has stopped.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertBuilt,
  freePort,
  killAllAppProcesses,
  killHard,
  readyUrl,
  startAppProcess,
  stopGracefully,
} from '../support/app-process.js';
import { startTestApp } from '../support/test-app.js';
import { checkDossiers, type Query } from './support/checks.js';
import { login, sleep, type Session } from './support/client.js';
import { DEMO_PASSWORD, demoEmail } from './support/databases.js';
import { dayFromNow, prepareDossiers } from './support/dossiers.js';
import { runEventLoad } from './support/event-load.js';
import { Figures } from './support/figures.js';

const CLIENTS = 8;
const DOSSIERS = 8;
const LOAD_MS = 16_000;

describe('Embedded database: kill -9 under load', () => {
  const figures = new Figures('5. embedded database, kill -9');
  let dataDir: string;

  beforeAll(() => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'scic-rel-embedded-'));
  });

  afterAll(async () => {
    await killAllAppProcesses();
    rmSync(dataDir, { recursive: true, force: true });
    figures.save();
  });

  it('keeps the folder, releases the lock, restarts, and loses nothing acknowledged', async () => {
    const env = { NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(await freePort()), OUTBOX_POLL_MS: '200' };
    const first = startAppProcess(env);
    const baseUrl = await readyUrl(first);
    const sessions: Session[] = [];
    for (let i = 0; i < 4; i++) sessions.push(await login(baseUrl, demoEmail('instructeur'), DEMO_PASSWORD, figures));
    const dossiers = await prepareDossiers(baseUrl, sessions[0], DOSSIERS);

    const started = Date.now();
    const load = runEventLoad({
      instances: [baseUrl],
      sessions,
      clients: CLIENTS,
      dossierIds: dossiers.ids,
      durationMs: LOAD_MS,
      dueDate: dayFromNow(30),
      figures,
    });
    await sleep(started + 6_000 - Date.now());
    await killHard(first);
    figures.fault('SIGKILL of the embedded process');
    // The dead process could not remove its lock file; the kernel released the lock itself.
    expect(existsSync(join(dataDir, '.lock'))).toBe(true);
    const second = startAppProcess(env);
    expect(await readyUrl(second)).toBe(baseUrl);
    const result = await load;

    // The lock is the live process's again: another process on the folder is refused.
    const intruder = startAppProcess({ ...env, PORT: '0' });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain(`is already in use by process ${second.process.pid}`);

    expect(result.unexpected).toEqual([]);
    expect(result.unresolved).toEqual([]);
    expect(Object.keys(figures.errors).filter((kind) => /^5\d\d/.test(kind))).toEqual([]);
    expect(await stopGracefully(second)).toBe(0);
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);

    // What the folder holds, read with the application stopped (one process per folder).
    const opened = await startTestApp({ dataDir, embedded: true });
    try {
      const query: Query = (sql, parameters) => opened.dataSource.query(sql, parameters);
      const problems = await checkDossiers({
        query,
        verifyChain: (id) => opened.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify`, as: 'viewer' }),
        dossierIds: dossiers.ids,
        initialVersions: dossiers.initialVersions,
        acks: result.acks,
        figures,
      });
      expect(problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
