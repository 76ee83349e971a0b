/**
 * kill -9 under load: two production instances on one server database, their outbox
 * workers delivering to a real SMTP server in this process; 30 clients send events for
 * 24 s while each instance in turn is killed with SIGKILL and restarted on its port.
 * Clients left without an answer send the same request again (same idempotency key) to
 * the other instance. Afterwards: every acknowledged transition is present, none is
 * half-written (test/reliability/support/checks.ts), and the outbox resumes — every
 * message of the dossiers is delivered, including those the killed process had claimed
 * (taken again when their short lease ends).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertBuilt,
  freePort,
  killAllAppProcesses,
  killHard,
  readyUrl,
  startAppProcess,
  type AppProcess,
} from '../support/app-process.js';
import { until } from '../support/poll.js';
import { startSmtp, type Smtp } from '../support/smtp.js';
import { chainsThrough, checkDossiers, sqlOn } from './support/checks.js';
import { login, sleep, type Session } from './support/client.js';
import {
  createDatabase,
  DEMO_PASSWORD,
  demoEmail,
  seedDemoAccounts,
  withClient,
  type ServerDatabase,
} from './support/databases.js';
import { dayFromNow, prepareDossiers } from './support/dossiers.js';
import { runEventLoad } from './support/event-load.js';
import { Figures } from './support/figures.js';
import { signingKeyIn } from './support/signing-key.js';

const CLIENTS = 30;
const DOSSIERS = 20;
const LOAD_MS = 24_000;

describe('kill -9 under load', () => {
  const figures = new Figures('2. kill -9 under load');
  let database: ServerDatabase;
  let dataDir: string;
  let smtp: Smtp;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'scic-rel-kill-'));
    database = await createDatabase('kill');
    await seedDemoAccounts(database.url, dataDir);
    smtp = await startSmtp();
  });

  afterAll(async () => {
    await killAllAppProcesses();
    await smtp?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    figures.save();
  });

  it('loses no acknowledged transition, half-writes nothing, and the outbox resumes', async () => {
    const ports = [await freePort(), await freePort()];
    const envOf = (port: number) => ({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      JOURNAL_SIGNING_KEY_FILE: signingKeyIn(dataDir),
      PORT: String(port),
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      // Short, so that the messages a killed process held are taken again within the test.
      OUTBOX_LEASE_MS: '3000',
      OUTBOX_BACKOFF_MS: '500',
    });
    const children: AppProcess[] = ports.map((port) => startAppProcess(envOf(port)));
    const instances = await Promise.all(children.map((child) => readyUrl(child)));

    const sessions: Session[] = [];
    for (let i = 0; i < 6; i++)
      sessions.push(await login(instances[i % 2], demoEmail('instructeur'), DEMO_PASSWORD, figures));
    const dossiers = await prepareDossiers(instances[0], sessions[0], DOSSIERS);

    const started = Date.now();
    const load = runEventLoad({
      instances,
      sessions,
      clients: CLIENTS,
      dossierIds: dossiers.ids,
      durationMs: LOAD_MS,
      dueDate: dayFromNow(30),
      figures,
    });
    // Each instance in turn: killed in the middle of the load, restarted on its port.
    for (const [index, at] of [
      [0, 7_000],
      [1, 15_000],
    ]) {
      await sleep(started + at - Date.now());
      await killHard(children[index]);
      figures.fault('SIGKILL of an instance');
      await sleep(2_000);
      children[index] = startAppProcess(envOf(ports[index]));
      expect(await readyUrl(children[index])).toBe(instances[index]);
    }
    const result = await load;

    expect(result.unexpected).toEqual([]);
    expect(result.unresolved).toEqual([]);
    expect(Object.keys(figures.errors).filter((kind) => /^5\d\d/.test(kind))).toEqual([]);
    const problems = await checkDossiers({
      query: sqlOn(database.url),
      verifyChain: chainsThrough(instances[0], sessions[0]),
      dossierIds: dossiers.ids,
      initialVersions: dossiers.initialVersions,
      acks: result.acks,
      figures,
    });
    expect(problems).toEqual([]);

    // The outbox resumes: every message of the dossiers done, every e-mail accepted by the server.
    const pending = () =>
      withClient(database.url, async (client) => {
        const { rows } = await client.query<{ status: string; count: number }>(
          `SELECT status, count(*)::int AS count FROM outbox_message WHERE dossier_id = ANY($1) GROUP BY status`,
          [dossiers.ids],
        );
        return rows.filter((row) => row.status !== 'done');
      });
    await until('every outbox message to be delivered', async () => (await pending()).length === 0, {
      timeoutMs: 120_000,
      everyMs: 500,
    });
    const emails = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ id: string; sent_at: Date | null }>(
        `SELECT id, sent_at FROM notification WHERE dossier_id = ANY($1) AND email IS NOT NULL`,
        [dossiers.ids],
      );
      return rows;
    });
    const received = new Map<string, number>();
    for (const message of smtp.messages) received.set(message.messageId, (received.get(message.messageId) ?? 0) + 1);
    // One e-mail to the SCIC's contact per complements request acknowledged.
    const requested = new Set(
      result.acks
        .filter((ack) => ack.event === 'REQUEST_COMPLEMENTS')
        .map((ack) => `${ack.dossierId}:${ack.journalSeq}`),
    );
    expect(requested.size).toBeGreaterThan(0);
    expect(emails.length).toBe(requested.size);
    expect(emails.filter((email) => !email.sent_at)).toEqual([]);
    expect(emails.filter((email) => !received.has(`<${email.id}@scic-instruction>`))).toEqual([]);
    // At-least-once: a second copy (same Message-ID) only when a process died between the
    // server's acceptance and the recording of it.
    const doubled = emails.filter((email) => (received.get(`<${email.id}@scic-instruction>`) ?? 0) > 1).length;
    if (doubled) figures.error('e-mail delivered twice (same Message-ID)', doubled);
    expect(doubled).toBeLessThanOrEqual(2);
  });
});
