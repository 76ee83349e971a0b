/**
 * A process killed between commit and delivery: the message is delivered after restart,
 * exactly once. The application runs as in production (`node dist/src/main.js`, built by
 * `npm test`) in child processes killed with SIGKILL, against a real SMTP server in this
 * process and a database of its own: a fresh database on the PostgreSQL server of
 * `DATABASE_URL` (created and dropped here), and an embedded data folder. Without
 * `DATABASE_URL` the embedded cases alone run.
 *
 * A. Killed after the transition was acknowledged, before any delivery (workers off):
 *    the restarted process (workers on) delivers the message once.
 * B. Killed during the delivery, while the SMTP server holds its answer to the message
 *    and the worker holds the lease: the restarted process takes the message once the
 *    lease has ended (a short `OUTBOX_LEASE_MS`) and delivers it once, with the same
 *    Message-ID as the interrupted attempt.
 *
 * Nothing here waits for a duration: each step polls for what it expects, with a
 * generous deadline.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  assertBuilt,
  killAllAppProcesses,
  killHard,
  readyUrl,
  startAppProcess,
  type AppProcess,
} from '../support/app-process.js';
import { until } from '../support/poll.js';
import { sentTo, startSmtp, type HeldMessage, type Received, type Smtp } from '../support/smtp.js';
import {
  requestComplements as requestComplementsThrough,
  uniqueEmail,
  type InstructorCall,
} from '../support/complements.js';
import { startTestApp, uniqueWord } from '../support/test-app.js';

/** Short, so that case B waits seconds, not a minute, for the lease to end. */
const LEASE_MS = 6000;
const WAIT = { timeoutMs: 120_000, everyMs: 200 };

interface Store {
  kind: 'server' | 'embedded';
  /** Server: the fresh database's URL. */
  databaseUrl?: string;
  /** Embedded: the data folder (also given to the server runs, which ignore it). */
  dataDir: string;
}

interface OutboxState {
  status: string;
  attempts: number;
  locked_until: Date | null;
}

function startChild(store: Store, smtp: Smtp, env: Record<string, string>): AppProcess {
  return startAppProcess({
    NODE_ENV: 'test',
    ALLOW_DEV_IDENTITY: 'true',
    DATA_DIR: store.dataDir,
    SMTP_URL: smtp.url,
    OUTBOX_POLL_MS: '100',
    OUTBOX_BACKOFF_MS: '1000',
    OUTBOX_LEASE_MS: String(LEASE_MS),
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    ...env,
  });
}

async function api(url: string, method: string, path: string, role: string, body?: unknown) {
  const response = await fetch(`${url}/api${path}`, {
    method,
    headers: {
      'x-dev-user': `crash.${role}`,
      'x-dev-role': role,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Creates a dossier in the child at `url`, submits it and requests complements; answers its id. */
async function requestComplements(url: string, contactEmail: string): Promise<string> {
  // The child runs on the real clock: the due date must be in its future.
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const call: InstructorCall = (method, path, body) => api(url, method, path, 'instructor', body);
  const dossier = await requestComplementsThrough(call, contactEmail, {
    reason: 'Comptes annuels et procès-verbal',
    dueDate,
  });
  return dossier.id;
}

/** The dossier's complements message, as the administrator's outbox list shows it. */
async function outboxItem(url: string, dossierId: string, status: string) {
  const list = await api(url, 'GET', `/admin/outbox?status=${status}`, 'admin');
  expect(list.status).toBe(200);
  return (list.body.items as { id: string; dossierId: string; topic: string; attempts: number }[]).find(
    (item) => item.dossierId === dossierId && item.topic === 'complements.requested',
  );
}

/** Reads the message's row with the application stopped (the folder is free again after a kill). */
async function readOutbox(store: Store, dossierId: string): Promise<OutboxState> {
  const sql = `SELECT status, attempts, locked_until FROM outbox_message WHERE dossier_id = $1 AND topic = 'complements.requested'`;
  if (store.databaseUrl) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      return (await client.query<OutboxState>(sql, [dossierId])).rows[0];
    } finally {
      await client.end();
    }
  }
  const opened = await startTestApp({ dataDir: store.dataDir, embedded: true });
  try {
    return (await opened.dataSource.query<OutboxState[]>(sql, [dossierId]))[0];
  } finally {
    await opened.close();
  }
}

async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(process.env.DATABASE_URL!);
  const name = `scic_crash_${process.pid}_${uniqueWord('')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

const kinds: Store['kind'][] = process.env.DATABASE_URL ? ['server', 'embedded'] : ['embedded'];

describe.each(kinds)('Outbox delivery across a process kill (%s database)', (kind) => {
  let smtp: Smtp;
  const messages: Received[] = [];
  /** Addresses whose first message the SMTP server holds, and what to do then. */
  const holds = new Map<string, (held: HeldMessage) => void>();
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    assertBuilt();
    smtp = await startSmtp({
      messages,
      hold: (message) => message.to.some((address) => holds.has(address)),
      onHold: (held) => {
        for (const address of held.to) {
          const action = holds.get(address);
          holds.delete(address);
          action?.(held);
        }
      },
    });
  });

  afterAll(async () => {
    // Even after a failure: no process, database or folder is left behind.
    await killAllAppProcesses();
    for (const held of smtp?.held ?? []) held.release(new Error('test over'));
    await smtp?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function freshStore(): Promise<Store> {
    const dataDir = mkdtempSync(join(tmpdir(), 'scic-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    if (kind === 'embedded') return { kind, dataDir };
    const database = await createServerDatabase();
    cleanups.push(database.drop);
    return { kind, dataDir, databaseUrl: database.url };
  }

  it('A: killed after the transition was acknowledged, before delivery → delivered once after restart', async () => {
    const store = await freshStore();
    const email = uniqueEmail('crash');

    const first = startChild(store, smtp, { WORKERS_ENABLED: 'false' });
    const firstUrl = await readyUrl(first, WAIT.timeoutMs);
    const dossierId = await requestComplements(firstUrl, email);
    expect(await outboxItem(firstUrl, dossierId, 'pending')).toMatchObject({ attempts: 0 });
    await killHard(first);
    expect(sentTo(messages, email)).toHaveLength(0);
    // The killed process had no chance to remove its lock file; the kernel released the lock itself.
    if (kind === 'embedded') expect(existsSync(join(store.dataDir, '.lock'))).toBe(true);

    const second = startChild(store, smtp, { WORKERS_ENABLED: 'true' });
    const secondUrl = await readyUrl(second, WAIT.timeoutMs);
    const done = await until('the message to be done', () => outboxItem(secondUrl, dossierId, 'done'), WAIT);
    expect(done.attempts).toBe(1);
    const received = sentTo(messages, email);
    expect(received).toHaveLength(1);
    expect(received[0].messageId).toMatch(/^<[0-9a-f-]{36}@scic-instruction>$/);
    // The dossier, its state and its journal came through the kill.
    const dossier = await api(secondUrl, 'GET', `/dossiers/${dossierId}`, 'viewer');
    expect(dossier.body).toMatchObject({ state: 'awaitingComplements', version: 3 });
    const verify = await api(secondUrl, 'GET', `/dossiers/${dossierId}/journal/verify`, 'viewer');
    expect(verify.body).toMatchObject({ valid: true, entries: 3 });

    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    if (kind === 'embedded') expect(existsSync(join(store.dataDir, '.lock'))).toBe(false);
    expect(sentTo(messages, email)).toHaveLength(1);
  }, 300_000);

  it('B: killed while sending, the lease held → taken again when the lease ends, delivered once', async () => {
    const store = await freshStore();
    const email = uniqueEmail('crash');

    const first = startChild(store, smtp, { WORKERS_ENABLED: 'true' });
    // The SMTP server has the whole message and withholds its answer; the process dies then.
    let interrupted: HeldMessage | undefined;
    holds.set(email, (held) => {
      interrupted = held;
      first.process.kill('SIGKILL');
    });
    const firstUrl = await readyUrl(first, WAIT.timeoutMs);
    const dossierId = await requestComplements(firstUrl, email);
    await first.exited;
    expect(interrupted).toBeDefined();
    expect(sentTo(messages, email)).toHaveLength(0);

    // As the killed process left it: being sent, under its lease, first attempt.
    const left = await readOutbox(store, dossierId);
    expect(left).toMatchObject({ status: 'sending', attempts: 1 });
    const leaseEnd = new Date(left.locked_until!).getTime();

    const second = startChild(store, smtp, { WORKERS_ENABLED: 'true' });
    const secondUrl = await readyUrl(second, WAIT.timeoutMs);
    const done = await until('the message to be done', () => outboxItem(secondUrl, dossierId, 'done'), WAIT);
    expect(done.attempts).toBe(2);
    const received = sentTo(messages, email);
    expect(received).toHaveLength(1);
    // Taken again only once the lease had ended, and sent as the same e-mail (its idempotency key).
    expect(received[0].acceptedAt).toBeGreaterThan(leaseEnd);
    expect(received[0].messageId).toBe(interrupted!.messageId);

    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(sentTo(messages, email)).toHaveLength(1);
  }, 300_000);
});
