/** Outbox.enqueue on PostgreSQL: messages written in the caller's transaction, and only with it. */
import { OutboxMessage } from '../../../src/notifications/outbox-message.entity.js';
import { Outbox } from '../../../src/notifications/outbox.js';
import { OutboxModule } from '../../../src/notifications/outbox.module.js';
import { uniqueWord } from '../../support/test-app.js';
import { startMedium, type Medium } from '../support/medium-database.js';
import { insertDossier } from '../support/rows.js';

describe('Outbox', () => {
  let medium: Medium;
  let outbox: Outbox;

  beforeAll(async () => {
    medium = await startMedium([OutboxModule]);
    outbox = medium.moduleRef.get(Outbox);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const messagesOf = (topic: string) =>
    medium.dataSource.manager.find(OutboxMessage, { where: { topic }, order: { createdAt: 'ASC' } });

  it('writes each message pending, due at the time given, with or without a dossier', async () => {
    const topic = uniqueWord('medium.');
    const dossier = await insertDossier(medium.dataSource.manager);
    const availableAt = new Date('2026-11-23T09:00:00Z');
    await medium.dataSource.transaction((manager) =>
      outbox.enqueue(manager, [
        { dossierId: dossier.id, topic, payload: { n: 1 }, availableAt },
        { dossierId: null, topic, payload: { n: 2, recipient: { userId: 'u' } }, availableAt },
      ]),
    );
    const rows = await messagesOf(topic);
    expect(rows.map((row) => [row.dossierId, row.payload, row.status, row.attempts, row.availableAt])).toEqual(
      expect.arrayContaining([
        [dossier.id, { n: 1 }, 'pending', 0, availableAt],
        [null, { n: 2, recipient: { userId: 'u' } }, 'pending', 0, availableAt],
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const topic = uniqueWord('medium.');
    const attempt = medium.dataSource.transaction(async (manager) => {
      await outbox.enqueue(manager, [{ dossierId: null, topic, payload: {}, availableAt: new Date() }]);
      throw new Error('the transition failed after enqueuing');
    });
    await expect(attempt).rejects.toThrow('the transition failed after enqueuing');
    expect(await messagesOf(topic)).toEqual([]);
  });

  it('does nothing for no messages', async () => {
    await expect(medium.dataSource.transaction((manager) => outbox.enqueue(manager, []))).resolves.toBeUndefined();
  });
});
