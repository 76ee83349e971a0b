import { DeadlinesService } from '../../src/deadlines/deadlines.service.js';
import { UsersService } from '../../src/identity/users.service.js';
import { OutboxWorker } from '../../src/notifications/outbox-worker.service.js';
import {
  complementsMessageId,
  inProcess,
  requestComplements as requestComplementsThrough,
  uniqueEmail,
} from '../support/complements.js';
import { retireBacklog } from '../support/outbox.js';
import { bodyOf, sentTo, startSmtp, subjectOf, type Received, type Smtp } from '../support/smtp.js';
import { createDossier, newDossierBody, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

/** A complements request on `t`, with the id of its outbox message. */
async function requestComplements(t: TestApp, contactEmail: string) {
  const dossier = await requestComplementsThrough(inProcess(t), contactEmail);
  return { dossier, outboxId: await complementsMessageId(t, dossier.id) };
}

async function outboxRow(t: TestApp, id: string) {
  const [row] = await t.dataSource.query(
    'SELECT status, attempts, last_error, available_at, processed_at FROM outbox_message WHERE id = $1',
    [id],
  );
  return row as {
    status: string;
    attempts: number;
    last_error: string | null;
    available_at: Date;
    processed_at: Date | null;
  };
}

const to = (smtp: Smtp, email: string) => sentTo(smtp.messages, email);

describe('Outbox delivery by e-mail (SMTP)', () => {
  let smtp: Smtp;
  let t: TestApp;
  const messages: Received[] = [];
  beforeAll(async () => {
    smtp = await startSmtp({ messages });
    t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, OUTBOX_BACKOFF_MS: '1000' } });
    await retireBacklog(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends a complements request to the SCIC once, in French, and marks the message done', async () => {
    const email = uniqueEmail();
    const { dossier, outboxId } = await requestComplements(t, email);
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    await worker.runOnce();
    const received = to(smtp, email);
    expect(received).toHaveLength(1);
    expect(subjectOf(received[0].raw)).toBe(`Demande de compléments — dossier ${dossier.reference}`);
    expect(bodyOf(received[0].raw)).toContain('au plus tard le 15 décembre 2026');
    expect(bodyOf(received[0].raw)).toContain('Comptes annuels 2025');
    expect(await outboxRow(t, outboxId)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    const notifications = await t.dataSource.query(
      'SELECT id, email, sent_at, user_id, kind FROM notification WHERE outbox_message_id = $1',
      [outboxId],
    );
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ email, user_id: null, kind: 'complements.requested' });
    expect(notifications[0].sent_at).not.toBeNull();
    expect(received[0].raw).toContain(`<${notifications[0].id}@scic-instruction>`);
  });

  it('retries with backoff while the SMTP server is down, then delivers once', async () => {
    await smtp.close();
    const email = uniqueEmail();
    const { outboxId } = await requestComplements(t, email);
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    const failed = await outboxRow(t, outboxId);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toBeTruthy();
    expect(new Date(failed.available_at).getTime()).toBe(t.clock.now().getTime() + 1000);

    smtp = await startSmtp({ port: smtp.port, messages });
    // Not due yet: the backoff holds it.
    await worker.runOnce();
    expect(to(smtp, email)).toHaveLength(0);
    expect((await outboxRow(t, outboxId)).attempts).toBe(1);

    t.clock.current = new Date(t.clock.now().getTime() + 1500);
    await worker.runOnce();
    await worker.runOnce();
    expect(to(smtp, email)).toHaveLength(1);
    expect(await outboxRow(t, outboxId)).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });
});

describe('Outbox failures and the administrator', () => {
  let t: TestApp;
  let deadPort: number;
  beforeAll(async () => {
    const probe = await startSmtp();
    deadPort = probe.port;
    await probe.close();
    t = await startTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${deadPort}`, OUTBOX_BACKOFF_MS: '1000', OUTBOX_MAX_ATTEMPTS: '2' },
    });
    await retireBacklog(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('marks a message failed after OUTBOX_MAX_ATTEMPTS, lists it for the admin, and requeues it', async () => {
    const { outboxId } = await requestComplements(t, uniqueEmail());
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    expect(await outboxRow(t, outboxId)).toMatchObject({ status: 'pending', attempts: 1 });
    const firstRetry = (await outboxRow(t, outboxId)).available_at;
    t.clock.current = new Date(t.clock.now().getTime() + 1500);
    await worker.runOnce();
    const failed = await outboxRow(t, outboxId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.last_error).toBeTruthy();
    expect(new Date(firstRetry).getTime()).toBeLessThan(new Date(failed.available_at).getTime());

    const list = await t.request({ method: 'GET', url: '/api/admin/outbox?status=failed', as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: outboxId, status: 'failed', attempts: 2, topic: 'complements.requested' }),
      ]),
    );
    const defaultList = await t.request({ method: 'GET', url: '/api/admin/outbox', as: 'admin' });
    expect(defaultList.body.items.map((item: { id: string }) => item.id)).toContain(outboxId);
    expect((await t.request({ method: 'GET', url: '/api/admin/outbox?status=failed' })).status).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/admin/outbox?status=lost', as: 'admin' })).status).toBe(422);

    expect((await t.request({ method: 'POST', url: `/api/admin/outbox/${outboxId}/retry` })).status).toBe(403);
    const retry = await t.request({ method: 'POST', url: `/api/admin/outbox/${outboxId}/retry`, as: 'admin' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ requeued: true });
    await worker.runOnce();
    const requeued = await outboxRow(t, outboxId);
    expect(requeued.status).toBe('pending');
    expect(requeued.attempts).toBeLessThanOrEqual(1);

    const again = await t.request({ method: 'POST', url: `/api/admin/outbox/${outboxId}/retry`, as: 'admin' });
    expect(again.status).toBe(404);
  });
});

describe('Outbox without SMTP (in the application only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_URL: '' } });
    await retireBacklog(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the messages in the application, unsent, and shows the requester its copy', async () => {
    const users = t.app.get(UsersService);
    const instructor = await users.create({
      email: uniqueEmail(),
      displayName: 'Instructrice Test',
      password: 'un-mot-de-passe-solide-2026',
      roles: [{ role: 'instructor' }],
    } as never);
    const email = uniqueEmail();
    const dossier = await createDossier(t, { contactEmail: email });
    const as = { user: instructor.id, as: 'instructor' as const };
    await t.request({ method: 'POST', url: `/api/dossiers/${dossier.id}/events`, body: { type: 'SUBMIT' }, ...as });
    const requested = await t.request({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/events`,
      body: { type: 'REQUEST_COMPLEMENTS', reason: 'Statuts à jour', dueDate: '2026-12-01' },
      ...as,
    });
    expect(requested.status).toBe(200);
    const [{ id: outboxId }] = await t.dataSource.query(
      `SELECT id FROM outbox_message WHERE dossier_id = $1 AND topic = 'complements.requested'`,
      [dossier.id],
    );
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    await worker.runOnce();
    expect(await outboxRow(t, outboxId)).toMatchObject({ status: 'done' });
    const rows = await t.dataSource.query(
      'SELECT email, user_id, sent_at, subject FROM notification WHERE outbox_message_id = $1 ORDER BY recipient',
      [outboxId],
    );
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email, user_id: null, sent_at: null }),
        expect.objectContaining({ email: null, user_id: instructor.id, sent_at: null }),
      ]),
    );

    const mine = await t.request({ method: 'GET', url: '/api/notifications', ...as });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      dossierId: dossier.id,
      kind: 'complements.requested',
      subject: `Demande de compléments — dossier ${dossier.reference}`,
      readAt: null,
      emailedAt: null,
    });
    expect(mine.body.items[0].text).toContain('au plus tard le 1er décembre 2026');

    const other = await t.request({ method: 'POST', url: `/api/notifications/${mine.body.items[0].id}/read` });
    expect(other.status).toBe(404);
    const read = await t.request({ method: 'POST', url: `/api/notifications/${mine.body.items[0].id}/read`, ...as });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ read: true });
    const after = await t.request({ method: 'GET', url: '/api/notifications', ...as });
    expect(after.body.items[0].readAt).not.toBeNull();
  });
});

describe('Outbox workers on two instances', () => {
  it('deliver each message once when their passes run together (server database only)', async () => {
    if (!process.env.DATABASE_URL) return; // two instances need one shared server database
    const smtp = await startSmtp();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    const first = await startTestApp({ env });
    const second = await startTestApp({ env });
    await retireBacklog(first);
    try {
      const emails: string[] = [];
      for (let i = 0; i < 6; i++) {
        const email = uniqueEmail();
        emails.push(email);
        await requestComplements(first, email);
      }
      await Promise.all([first.app.get(OutboxWorker).runOnce(), second.app.get(OutboxWorker).runOnce()]);
      await Promise.all([first.app.get(OutboxWorker).runOnce(), second.app.get(OutboxWorker).runOnce()]);
      for (const email of emails) expect(to(smtp, email)).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
      await smtp.close();
    }
  });
});

describe('Deadlines', () => {
  let t: TestApp;
  const start = new Date('2026-11-23T09:00:00Z');
  const daysLater = (days: number) => new Date(start.getTime() + days * 86_400_000);
  beforeAll(async () => {
    t = await startTestApp();
    await retireBacklog(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.clock.current = start;
  });

  const dueDate = async (id: string) => {
    const response = await t.request({ method: 'GET', url: `/api/dossiers/${id}` });
    expect(response.status).toBe(200);
    return response.body.dueDate as string | null;
  };

  it('starts the step clock at SUBMIT and gives the remaining days back after complements', async () => {
    const dossier = await createDossier(t);
    expect(await dueDate(dossier.id)).toBeNull();
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    expect(await dueDate(dossier.id)).toBe('2026-12-23');
    const requested = await sendEvent(t, dossier.id, {
      type: 'REQUEST_COMPLEMENTS',
      reason: 'Comptes',
      dueDate: '2026-12-15',
    });
    expect(requested.status).toBe(200);
    expect(await dueDate(dossier.id)).toBe('2026-12-15');
    t.clock.current = daysLater(10);
    expect((await sendEvent(t, dossier.id, { type: 'RECEIVE_COMPLEMENTS' })).status).toBe(200);
    // 30 days were left when the clock paused: due 30 days after the complements arrived.
    expect(await dueDate(dossier.id)).toBe('2027-01-02');
  });

  it('moves the step due date by the time spent awaiting complements, and reminds once before the new one', async () => {
    const instructor = await t.app.get(UsersService).create({
      email: uniqueEmail(),
      displayName: 'Instructeur Échéances',
      password: 'un-mot-de-passe-solide-2026',
      roles: [{ role: 'instructor' }],
    } as never);
    const as = { user: instructor.id, as: 'instructor' as const };
    const created = await t.request({ method: 'POST', url: '/api/dossiers', body: newDossierBody(), ...as });
    expect(created.status).toBe(201);
    const dossier = created.body as { id: string };
    const event = (body: Record<string, unknown>) =>
      t.request({ method: 'POST', url: `/api/dossiers/${dossier.id}/events`, body, ...as });
    const reminders = () =>
      t.dataSource.query(`SELECT payload FROM outbox_message WHERE dossier_id = $1 AND topic = 'deadline.reminder'`, [
        dossier.id,
      ]);
    const scheduler = t.app.get(DeadlinesService);

    expect((await event({ type: 'SUBMIT' })).status).toBe(200);
    expect(await dueDate(dossier.id)).toBe('2026-12-23');
    // Paused 5 days into the step (25 days left), resumed 12 days later.
    t.clock.current = daysLater(5);
    expect(
      (await event({ type: 'REQUEST_COMPLEMENTS', reason: 'Procès-verbal d’assemblée', dueDate: '2026-12-20' })).status,
    ).toBe(200);
    t.clock.current = daysLater(17);
    expect((await event({ type: 'RECEIVE_COMPLEMENTS' })).status).toBe(200);
    expect(await dueDate(dossier.id)).toBe('2027-01-04'); // 2026-12-23 + 12 days suspended

    // Five days before the old due date: nothing, the step is no longer due then.
    t.clock.current = daysLater(25);
    expect((await scheduler.runOnce()).ran).toBe(true);
    expect(await reminders()).toHaveLength(0);

    // Five days before the new one: one reminder, however often the scheduler runs.
    t.clock.current = daysLater(37);
    await scheduler.runOnce();
    await scheduler.runOnce();
    t.clock.current = daysLater(40);
    await scheduler.runOnce();
    expect(await reminders()).toEqual([{ payload: { state: 'instruction.activity', dueDate: '2027-01-04' } }]);

    // The scheduler also reminded the other suites' dossiers: leave this one's only.
    await retireBacklog(t, dossier.id);
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    const mine = await t.request({ method: 'GET', url: '/api/notifications', ...as });
    // Only this dossier's: dossiers created under a development identity remind every instructor.
    const reminded = (mine.body.items as { dossierId: string; kind: string; text: string }[]).filter(
      (item) => item.dossierId === dossier.id && item.kind === 'deadline.reminder',
    );
    expect(reminded).toHaveLength(1);
    expect(reminded[0].text).toContain('arrive à échéance le 4 janvier 2027');
  });

  it('lists, counts and notifies an overdue dossier once', async () => {
    const dossier = await createDossier(t);
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    const overdueList = async () =>
      (
        await t.request({ method: 'GET', url: `/api/dossiers?overdue=true&q=${encodeURIComponent(dossier.reference)}` })
      ).body.items.map((item: { id: string }) => item.id) as string[];
    const overviewCount = async () => {
      const response = await t.request({ method: 'GET', url: '/api/dossiers/overview' });
      expect(response.status).toBe(200);
      return (
        (response.body.items as { state: string; overdue: number }[]).find(
          (item) => item.state === 'instruction.activity',
        )?.overdue ?? 0
      );
    };
    expect(await overdueList()).not.toContain(dossier.id);
    const before = await overviewCount();

    t.clock.current = daysLater(30); // due today: not yet overdue
    expect(await overdueList()).not.toContain(dossier.id);

    t.clock.current = daysLater(31);
    expect(await overdueList()).toEqual([dossier.id]);
    expect(await overviewCount()).toBeGreaterThanOrEqual(before + 1);
    const detail = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}` });
    expect(detail.body.overdue).toBe(true);

    const scheduler = t.app.get(DeadlinesService);
    const overdueRows = () =>
      t.dataSource.query(`SELECT payload FROM outbox_message WHERE dossier_id = $1 AND topic = 'deadline.overdue'`, [
        dossier.id,
      ]);
    const first = await scheduler.runOnce();
    expect(first.ran).toBe(true);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    const rows = await overdueRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toEqual({ state: 'instruction.activity', dueDate: '2026-12-23' });
    const second = await scheduler.runOnce();
    expect(second.ran).toBe(true);
    expect(await overdueRows()).toHaveLength(1);
  });

  it('skips a run while another instance holds the scheduler lock (server database only)', async () => {
    if (t.databaseKind !== 'server') return; // the embedded database has a single connection
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(727274003)');
      expect(await t.app.get(DeadlinesService).runOnce()).toEqual({ ran: false, reminders: 0, overdue: 0 });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(727274003)');
      await runner.release();
    }
    expect((await t.app.get(DeadlinesService).runOnce()).ran).toBe(true);
  });
});
