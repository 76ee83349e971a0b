/**
 * Database restart under load: a production instance on a private PostgreSQL cluster
 * (test/reliability/support/databases.ts — the shared server is never stopped) while 12
 * clients send events; the cluster is stopped twice during the load — a clean fast
 * shutdown (sessions terminated, 57P01) and an immediate one (a crash, recovered at start)
 * — and started again a few seconds later. While it is down every answer is a 503
 * `DATABASE_UNAVAILABLE` with a French message and Retry-After, `/api/health` says not
 * ready; once it is back the same process serves again by itself (its pool reconnects)
 * and `/api/health` says ready; afterwards nothing is half-written and no acknowledged
 * transition is missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, killAllAppProcesses, readyUrl, startAppProcess } from '../support/app-process.js';
import { until } from '../support/poll.js';
import { chainsThrough, checkDossiers, sqlOn } from './support/checks.js';
import { errorCode, login, send, sleep, type Answer, type Session } from './support/client.js';
import { createDatabase, DEMO_PASSWORD, demoEmail, PrivateCluster, seedDemoAccounts } from './support/databases.js';
import { dayFromNow, prepareDossiers } from './support/dossiers.js';
import { runEventLoad } from './support/event-load.js';
import { Figures } from './support/figures.js';
import { signingKeyIn } from './support/signing-key.js';

const CLIENTS = 12;
const DOSSIERS = 10;
const LOAD_MS = 24_000;
/** How long the cluster stays down each time. */
const DOWN_MS = 4_000;

interface HealthSample {
  at: number;
  status: number | 'none';
  ready?: boolean;
}

describe('PostgreSQL restarted under load', () => {
  const figures = new Figures('3. database restart');
  let cluster: PrivateCluster;
  let dataDir: string;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'scic-rel-restart-'));
    cluster = await PrivateCluster.create();
  });

  afterAll(async () => {
    await killAllAppProcesses();
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    figures.save();
  });

  it('answers 503 while it is down, recovers by itself, and half-writes nothing', async () => {
    const database = await createDatabase('restart', cluster.url);
    await seedDemoAccounts(database.url, dataDir);
    const child = startAppProcess({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      JOURNAL_SIGNING_KEY_FILE: signingKeyIn(dataDir),
    });
    const baseUrl = await readyUrl(child);
    const sessions: Session[] = [];
    for (let i = 0; i < 4; i++) sessions.push(await login(baseUrl, demoEmail('instructeur'), DEMO_PASSWORD, figures));
    const dossiers = await prepareDossiers(baseUrl, sessions[0], DOSSIERS);

    // What the instance says about itself, all along.
    const health: HealthSample[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const answer = await send(baseUrl, { method: 'GET', path: '/api/health', timeoutMs: 5_000 }, figures);
        health.push({
          at: Date.now(),
          status: answer.kind === 'answer' ? answer.status : 'none',
          ready: answer.kind === 'answer' ? answer.body?.database?.ready : undefined,
        });
        await sleep(200);
      }
    })();

    const unclear: string[] = [];
    const checkUnavailable = (answer: Answer) => {
      if (answer.status !== 503) return;
      const clear =
        errorCode(answer) === 'DATABASE_UNAVAILABLE' &&
        /indisponible/.test(answer.body.error.message) &&
        Number(answer.headers.get('retry-after')) > 0;
      if (!clear && unclear.length < 10) unclear.push(answer.text.slice(0, 300));
    };

    const started = Date.now();
    const load = runEventLoad({
      instances: [baseUrl],
      sessions,
      clients: CLIENTS,
      dossierIds: dossiers.ids,
      durationMs: LOAD_MS,
      dueDate: dayFromNow(30),
      figures,
      onAnswer: checkUnavailable,
    });
    const outages: { from: number; to: number }[] = [];
    for (const [mode, at] of [
      ['fast', 5_000],
      ['immediate', 14_000],
    ] as const) {
      await sleep(started + at - Date.now());
      await cluster.stop(mode);
      figures.fault(`PostgreSQL stop -m ${mode}`);
      const from = Date.now();
      await sleep(DOWN_MS);
      await cluster.start();
      outages.push({ from, to: Date.now() });
    }
    const result = await load;
    await until('the instance to say it is ready', () => health.at(-1)?.ready === true, { timeoutMs: 30_000 });
    watching = false;
    await watcher;

    // The same process all along: nothing restarted it.
    expect(child.process.exitCode).toBeNull();
    expect(unclear).toEqual([]);
    expect(result.unexpected).toEqual([]);
    expect(result.unresolved).toEqual([]);
    expect(figures.errors['503 DATABASE_UNAVAILABLE']).toBeGreaterThan(0);
    // /health: ready, then not ready during each outage, then ready again.
    for (const outage of outages) {
      const during = health.filter((sample) => sample.at > outage.from + 500 && sample.at < outage.to - 500);
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((sample) => sample.status === 503 && sample.ready === false)).toBe(true);
      expect(health.some((sample) => sample.at > outage.to && sample.ready === true)).toBe(true);
    }
    expect(health.every((sample) => sample.status === 200 || sample.status === 503)).toBe(true);

    const problems = await checkDossiers({
      query: sqlOn(database.url),
      verifyChain: chainsThrough(baseUrl, sessions[0]),
      dossierIds: dossiers.ids,
      initialVersions: dossiers.initialVersions,
      acks: result.acks,
      figures,
    });
    expect(problems).toEqual([]);
  });
});
