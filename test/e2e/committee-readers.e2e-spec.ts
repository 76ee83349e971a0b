/**
 * What the committee and the notifications read instead of naming other modules' tables
 * (issue 17): the committee's read models agree with the tables they join, and the
 * outbox's `committee.scheduled` message names the session's date through SessionDates.
 */
import { SessionDates } from '../../src/committee/session-dates.js';
import { formatFrenchDate } from '../../src/common/french-format.js';
import { OutboxHandlers } from '../../src/notifications/outbox-handlers.js';
import { createSecretary } from '../support/committee.js';
import { createDossier, startTestApp, type TestApp } from '../support/test-app.js';

describe('Committee readers and read models', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function createSession(): Promise<{ id: string; sessionDate: string }> {
    const sessionDate = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await t.request({
      method: 'POST',
      url: '/api/committee/sessions',
      as: 'instructor',
      body: { sessionDate, place: 'Arras' },
    });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, sessionDate };
  }

  it('rm_agenda_dossier gives each dossier with its SCIC', async () => {
    const dossier = await createDossier(t);
    const [joined] = await t.dataSource.query(
      `SELECT d.reference, d.state, d.requested_amount_cents, sc.siren, sc.name, sc.commune
         FROM dossier d JOIN scic sc ON sc.id = d.scic_id WHERE d.id = $1`,
      [dossier.id],
    );
    const [viewed] = await t.dataSource.query(
      'SELECT reference, state, requested_amount_cents, siren, name, commune FROM rm_agenda_dossier WHERE id = $1',
      [dossier.id],
    );
    expect(viewed).toEqual(joined);
  });

  it('rm_committee_account says who holds the committee member role', async () => {
    const rows = await t.dataSource.query<{ id: string; holds: boolean; holds_role: boolean }[]>(
      `SELECT u.id, EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'committee_member') AS holds,
              v.holds_role
         FROM app_user u JOIN rm_committee_account v ON v.id = u.id`,
    );
    const [{ count }] = await t.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM app_user');
    expect(rows).toHaveLength(count);
    expect(rows.filter((row) => row.holds !== row.holds_role)).toEqual([]);
  });

  it('SessionDates gives a session’s date, null for an unknown or malformed id', async () => {
    const session = await createSession();
    const dates = t.app.get(SessionDates);
    expect(await dates.dateOf(session.id)).toBe(session.sessionDate);
    expect(await dates.dateOf(session.id.toUpperCase())).toBe(session.sessionDate);
    expect(await dates.dateOf('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await dates.dateOf('not-a-session')).toBeNull();
  });

  it('the committee.scheduled message names the session’s date, in French', async () => {
    const session = await createSession();
    const dossier = await createDossier(t);
    const secretary = await createSecretary(t);
    const messages = await t.app.get(OutboxHandlers).messagesFor({
      id: 'test',
      dossierId: dossier.id,
      topic: 'committee.scheduled',
      payload: { event: { sessionId: session.id } },
    });
    const toSecretary = messages.find((message) => message.recipient.userId === secretary.userId);
    expect(toSecretary?.text).toContain(`de la séance du ${formatFrenchDate(session.sessionDate)}`);
  });
});
