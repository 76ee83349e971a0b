/**
 * Two instances, one database: two production processes on their own ports share a fresh
 * database of the PostgreSQL server; 50 clients spread over both send events to the same
 * 20 dossiers for 30 s, with If-Match and idempotency keys. Afterwards, for every dossier:
 * version = initial + acknowledged transitions, journal 1…n without a gap, chain valid,
 * every acknowledged transition present, nothing half-written (test/reliability/support/checks.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, killAllAppProcesses, readyUrl, startAppProcess } from '../support/app-process.js';
import { chainsThrough, checkDossiers, sqlOn } from './support/checks.js';
import { login, type Session } from './support/client.js';
import {
  createDatabase,
  DEMO_PASSWORD,
  demoEmail,
  seedDemoAccounts,
  type ServerDatabase,
} from './support/databases.js';
import { dayFromNow, prepareDossiers } from './support/dossiers.js';
import { runEventLoad } from './support/event-load.js';
import { Figures } from './support/figures.js';
import { signingKeyIn } from './support/signing-key.js';

const CLIENTS = 50;
const DOSSIERS = 20;
const LOAD_MS = 30_000;

describe('Two instances on one database', () => {
  const figures = new Figures('1. two instances, one database');
  let database: ServerDatabase;
  let dataDir: string;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'scic-rel-two-'));
    database = await createDatabase('two');
    await seedDemoAccounts(database.url, dataDir);
  });

  afterAll(async () => {
    await killAllAppProcesses();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    figures.save();
  });

  it('keeps every dossier consistent under 50 clients over both instances', async () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      JOURNAL_SIGNING_KEY_FILE: signingKeyIn(dataDir),
      OUTBOX_POLL_MS: '200',
    };
    const instances = await Promise.all([startAppProcess(env), startAppProcess(env)].map((child) => readyUrl(child)));

    // Real sessions, each opened on one instance and used on both.
    const sessions: Session[] = [];
    for (let i = 0; i < 10; i++)
      sessions.push(await login(instances[i % 2], demoEmail('instructeur'), DEMO_PASSWORD, figures));
    const dossiers = await prepareDossiers(instances[0], sessions[0], DOSSIERS);

    const load = await runEventLoad({
      instances,
      sessions,
      clients: CLIENTS,
      dossierIds: dossiers.ids,
      durationMs: LOAD_MS,
      dueDate: dayFromNow(30),
      figures,
    });

    expect(load.unexpected).toEqual([]);
    expect(load.unresolved).toEqual([]);
    expect(Object.keys(figures.errors).filter((kind) => /^5\d\d/.test(kind))).toEqual([]);
    expect(load.acks.length).toBeGreaterThan(DOSSIERS);
    const problems = await checkDossiers({
      query: sqlOn(database.url),
      verifyChain: chainsThrough(instances[1], sessions[1]),
      dossierIds: dossiers.ids,
      initialVersions: dossiers.initialVersions,
      acks: load.acks,
      figures,
    });
    expect(problems).toEqual([]);
  });
});
