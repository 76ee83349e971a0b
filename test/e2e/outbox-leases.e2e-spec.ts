/**
 * The outbox worker's at-least-once guarantees where a delivery is interrupted: a lease
 * that runs out while its worker still waits on the SMTP server, a last attempt that
 * never finishes, and the database failing after the server accepted an e-mail. A second
 * worker is a second `OutboxWorker` on the same database — what another instance is — and
 * the application clock is moved past the lease instead of waiting for it.
 */
import type { DataSource } from 'typeorm';
import { Mailer } from '../../src/notifications/mailer.js';
import { OutboxHandlers } from '../../src/notifications/outbox-handlers.js';
import { OutboxWorker } from '../../src/notifications/outbox-worker.service.js';
import { UsersService } from '../../src/identity/users.service.js';
import { until } from '../support/poll.js';
import { sentTo, startSmtp, type Received, type Smtp } from '../support/smtp.js';
import {
  complementsMessageId,
  inProcess,
  requestComplements as requestComplementsThrough,
  uniqueEmail,
} from '../support/complements.js';
import { newDossierBody, startTestApp, uniqueWord, type TestApp } from '../support/test-app.js';

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('Outbox leases and interrupted deliveries', () => {
  let smtp: Smtp;
  let t: TestApp;
  /** Addresses whose next message the SMTP server holds (once each). */
  const holdNext = new Set<string>();
  const messages: Received[] = [];

  beforeAll(async () => {
    smtp = await startSmtp({
      messages,
      hold: (message) => message.to.some((address) => holdNext.delete(address)),
    });
    t = await startTestApp({
      env: { SMTP_URL: smtp.url, OUTBOX_BACKOFF_MS: '1000', OUTBOX_MAX_ATTEMPTS: '3' },
    });
    // Other suites' undelivered messages on a shared server database are not ours to send.
    await t.dataSource.query(
      `UPDATE outbox_message SET status = 'done', processed_at = now() WHERE status IN ('pending', 'sending')`,
    );
  });
  afterAll(async () => {
    for (const held of smtp.held) held.release(new Error('test over'));
    await t.close();
    await smtp.close();
  });

  const appWorker = () => t.app.get(OutboxWorker);
  /** Another instance's worker: same database, same configuration, its own passes. */
  const otherWorker = () =>
    new OutboxWorker(t.dataSource, t.app.get(OutboxHandlers), t.app.get(Mailer), t.clock, t.config);
  const afterLease = () => {
    t.clock.current = new Date(t.clock.now().getTime() + t.config.outboxLeaseMs + 1000);
  };
  const heldFor = (email: string) =>
    until(`a held message to ${email}`, () => smtp.held.find((m) => m.to.includes(email)));
  const row = async (id: string): Promise<OutboxRow> =>
    (await t.dataSource.query('SELECT status, attempts, last_error FROM outbox_message WHERE id = $1', [id]))[0];

  /** A complements request; answers the id of its outbox message. */
  const requestComplements = async (contactEmail: string): Promise<string> => {
    const dossier = await requestComplementsThrough(inProcess(t), contactEmail, {
      reason: 'Bilan 2025',
      dueDate: '2026-12-18',
    });
    return complementsMessageId(t, dossier.id);
  };

  it('a worker whose lease ran out leaves the message and the rest of its work to the worker that took over', async () => {
    const [first, second] = [uniqueEmail('bail'), uniqueEmail('bail')];
    const firstId = await requestComplements(first);
    const secondId = await requestComplements(second);
    holdNext.add(first);
    // The first worker stalls on the server with the first message; its lease runs out.
    const stalled = appWorker().runOnce();
    const firstSend = await heldFor(first);
    afterLease();

    // The other instance takes the first message over, sends it, and stalls on the second.
    holdNext.add(second);
    const other = otherWorker().runOnce();
    const secondSend = await heldFor(second);
    expect(await row(firstId)).toMatchObject({ status: 'done', attempts: 2, last_error: null });

    // The first worker's send ends in an error: the result is no longer its to write, and
    // the second message, held by the other instance, is not its to send.
    firstSend.release(new Error('délai dépassé'));
    expect(await stalled).toMatchObject({ claimed: 1, lost: 1, retried: 0 });
    expect(await row(firstId)).toMatchObject({ status: 'done', attempts: 2, last_error: null });

    secondSend.release();
    expect(await other).toMatchObject({ claimed: 2, done: 2, lost: 0 });
    expect(await row(secondId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(sentTo(messages, first)).toHaveLength(1);
    expect(sentTo(messages, second)).toHaveLength(1);
  });

  it('a worker renews its lease before each e-mail, and stops when another instance holds the message', async () => {
    // A message with two e-mail recipients: the SCIC contact and the instructor who owns the dossier.
    const instructor = await t.app.get(UsersService).create({
      email: uniqueEmail('bail'),
      displayName: 'Instructrice Bail',
      password: 'un-mot-de-passe-solide-2026',
      roles: [{ role: 'instructor' }],
    } as never);
    const contact = uniqueEmail('bail');
    const created = await t.request({
      method: 'POST',
      url: '/api/dossiers',
      user: instructor.id,
      body: newDossierBody({ contactEmail: contact }),
    });
    expect(created.status).toBe(201);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO outbox_message (dossier_id, topic, payload, available_at) VALUES ($1, 'decision.signed', '{}', $2) RETURNING id`,
      [created.body.id, t.clock.now()],
    );

    holdNext.add(contact);
    const stalled = appWorker().runOnce();
    const contactSend = await heldFor(contact);
    afterLease();
    holdNext.add(instructor.email);
    const other = otherWorker().runOnce();
    const instructorSend = await heldFor(instructor.email);

    // The first worker's send to the contact does go through (it outlived its lease), but
    // it must not go on to the instructor's e-mail, which the other instance is sending.
    contactSend.release();
    expect(await stalled).toMatchObject({ claimed: 1, lost: 1 });
    instructorSend.release();
    expect(await other).toMatchObject({ claimed: 1, done: 1 });

    expect(sentTo(messages, instructor.email)).toHaveLength(1);
    // The contact's e-mail went twice, both with the one Message-ID by which a receiver
    // recognises a repeat (a real send cannot outlive its lease: see smtpTimeouts).
    const toContact = sentTo(messages, contact);
    expect(toContact).toHaveLength(2);
    expect(toContact[0].messageId).toMatch(/^<[0-9a-f-]{36}@scic-instruction>$/);
    expect(toContact[1].messageId).toBe(toContact[0].messageId);
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('marks failed, unsent, a message whose last allowed attempt never finished', async () => {
    const email = uniqueEmail('bail');
    const id = await requestComplements(email);
    // As a process that died during the third and last attempt leaves it.
    await t.dataSource.query(
      `UPDATE outbox_message SET status = 'sending', attempts = 3, locked_until = $2 WHERE id = $1`,
      [id, new Date(t.clock.now().getTime() - 1000)],
    );
    const run = await appWorker().runOnce();
    expect(run.abandoned).toBe(1);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.last_error).toMatch(/Attempt 3 did not finish/);
    expect(sentTo(messages, email)).toHaveLength(0);
    const list = await t.request({ method: 'GET', url: '/api/admin/outbox?status=failed', as: 'admin' });
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('takes again, once its lease has ended, a message whose earlier attempt never finished', async () => {
    const email = uniqueEmail('bail');
    const id = await requestComplements(email);
    const leaseEnd = new Date(t.clock.now().getTime() + 1000);
    await t.dataSource.query(
      `UPDATE outbox_message SET status = 'sending', attempts = 1, locked_until = $2 WHERE id = $1`,
      [id, leaseEnd],
    );
    await appWorker().runOnce();
    expect(sentTo(messages, email)).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: 'sending', attempts: 1 });
    t.clock.current = new Date(leaseEnd.getTime() + 1);
    await appWorker().runOnce();
    expect(sentTo(messages, email)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });

  describe('when the database fails after the server accepted the e-mail', () => {
    /** A trigger that makes one kind of write fail, as a database that drops out would. */
    async function failing(dataSource: DataSource, table: string, condition: string): Promise<() => Promise<void>> {
      const name = uniqueWord('fail_');
      await dataSource.query(
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN IF ${condition} THEN RAISE EXCEPTION 'écriture refusée (test)'; END IF; RETURN NEW; END $$`,
      );
      await dataSource.query(
        `CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
      );
      return async () => {
        await dataSource.query(`DROP TRIGGER ${name} ON ${table}`);
        await dataSource.query(`DROP FUNCTION ${name}()`);
      };
    }

    it('retries a message it could not mark done without sending its e-mail again', async () => {
      const email = uniqueEmail('bail');
      const id = await requestComplements(email);
      const restore = await failing(t.dataSource, 'outbox_message', `NEW.id = '${id}' AND NEW.status = 'done'`);
      try {
        expect(await appWorker().runOnce()).toMatchObject({ claimed: 1, retried: 1 });
      } finally {
        await restore();
      }
      const retried = await row(id);
      expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
      expect(retried.last_error).toMatch(/écriture refusée/);
      expect(sentTo(messages, email)).toHaveLength(1);

      t.clock.current = new Date(t.clock.now().getTime() + 1000);
      expect(await appWorker().runOnce()).toMatchObject({ claimed: 1, done: 1 });
      expect(await row(id)).toMatchObject({ status: 'done', attempts: 2, last_error: null });
      expect(sentTo(messages, email)).toHaveLength(1);
    });

    it('sends again, with the same Message-ID, an e-mail whose sending it could not record', async () => {
      const email = uniqueEmail('bail');
      const id = await requestComplements(email);
      const restore = await failing(t.dataSource, 'notification', `NEW.email = '${email}' AND NEW.sent_at IS NOT NULL`);
      try {
        expect(await appWorker().runOnce()).toMatchObject({ claimed: 1, retried: 1 });
      } finally {
        await restore();
      }
      expect(sentTo(messages, email)).toHaveLength(1);

      t.clock.current = new Date(t.clock.now().getTime() + 1000);
      expect(await appWorker().runOnce()).toMatchObject({ claimed: 1, done: 1 });
      const received = sentTo(messages, email);
      expect(received).toHaveLength(2);
      expect(received[1].messageId).toBe(received[0].messageId);
      const [notification] = await t.dataSource.query(
        'SELECT id, sent_at FROM notification WHERE outbox_message_id = $1',
        [id],
      );
      expect(received[0].messageId).toBe(`<${notification.id}@scic-instruction>`);
      expect(notification.sent_at).not.toBeNull();
    });
  });
});
