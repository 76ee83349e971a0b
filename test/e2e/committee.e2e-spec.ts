/**
 * The comité d'engagement (step 4) over HTTP, on the database of the run (the PostgreSQL
 * server with DATABASE_URL, the embedded one otherwise): members and seats, sessions,
 * convocations, attendance, interest declarations and recusals, votes, the composition
 * per dossier guarding RECORD_OPINION, the amount rules at the boundary, moving a dossier
 * to a later session, closing (read-only afterwards) and the minutes.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../src/common/actor.js';
import { pdfText } from '../../src/documents/pdf/pdf-text.js';
import { UsersService } from '../../src/identity/users.service.js';
import { OutboxWorker } from '../../src/notifications/outbox-worker.service.js';
import {
  completeCommitteeFor,
  convokeAndAttend,
  createMember,
  createSecretary,
  createSession,
  declare,
  testToday,
  vote,
  type TestMember,
} from '../support/committee.js';
import {
  DAY,
  MOTIVATION,
  opinion,
  schedule,
  sessionStoryAt,
  toCommittee,
  votesStoryAt,
} from '../support/committee-story.js';
import { journalEntries } from '../support/journal.js';
import { retireBacklog } from '../support/outbox.js';
import { bodyOf, sentTo, startSmtp, subjectOf, type Smtp } from '../support/smtp.js';
import { createDossier, getBytes, sendEvent, startTestApp, uniqueWord, type TestApp } from '../support/test-app.js';

const kind = process.env.DATABASE_URL ? 'server' : 'embedded';
const NBSP = '\u00a0';

/** Raw bytes of a response (the test client reads text). */
const bytes = getBytes;

describe(`Comité d'engagement (${kind} database)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('members and seats (history kept)', () => {
    it('the administrator gives seats to a user holding the role; several seats are allowed; ending one keeps it', async () => {
      const member = await createMember(t, 'Camille Double', [
        { category: 'CDESS_MEMBER' },
        { category: 'SOLIDARITY_FINANCE_PARTNER' },
      ]);
      const list = await t.request({ method: 'GET', url: '/api/committee/members', as: 'viewer' });
      expect(list.status).toBe(200);
      const listed = list.body.find((m: { userId: string }) => m.userId === member.userId);
      expect(listed.seats.map((seat: { seatCategory: string }) => seat.seatCategory).sort()).toEqual([
        'CDESS_MEMBER',
        'SOLIDARITY_FINANCE_PARTNER',
      ]);
      const seat = listed.seats.find((s: { seatCategory: string }) => s.seatCategory === 'CDESS_MEMBER');

      const ended = await t.request({ method: 'POST', url: `/api/committee/seats/${seat.id}/end`, as: 'admin' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ id: seat.id, active: false, endedAt: expect.any(String) });
      const again = await t.request({ method: 'POST', url: `/api/committee/seats/${seat.id}/end`, as: 'admin' });
      expect(again.body.error.code).toBe('COMMITTEE_SEAT_ENDED');

      const held = await t.request({ method: 'GET', url: '/api/committee/members', as: 'viewer' });
      const history = await t.request({ method: 'GET', url: '/api/committee/members?includeEnded=true', as: 'viewer' });
      const seatsIn = (body: any[]) =>
        body
          .find((m: { userId: string }) => m.userId === member.userId)
          .seats.map((s: any) => [s.seatCategory, s.active]);
      expect(seatsIn(held.body)).toEqual([['SOLIDARITY_FINANCE_PARTNER', true]]);
      expect(seatsIn(history.body).sort()).toEqual([
        ['CDESS_MEMBER', false],
        ['SOLIDARITY_FINANCE_PARTNER', true],
      ]);
    });

    it('refuses a seat the rules do not allow', async () => {
      const viewer = await t.app.get(UsersService).create({
        email: `${uniqueWord('viewer')}@committee.test`,
        displayName: 'Sans rôle de membre',
        password: 'committee passphrase 2026',
        roles: [{ role: 'viewer' }],
      });
      const member = await createMember(t, 'Lou Service', [{ category: 'DEPARTMENTAL_SERVICE', serviceCode: 'DIE' }]);
      const give = (body: Record<string, unknown>, as: Role = 'admin') =>
        t.request({ method: 'POST', url: '/api/committee/members', as, body });
      const cases: [string, Record<string, unknown>, number, string][] = [
        [
          'a user without the committee_member role',
          { userId: viewer.id, seatCategory: 'QUALIFIED_PERSON' },
          422,
          'userId',
        ],
        [
          'a departmental seat without its service',
          { userId: member.userId, seatCategory: 'DEPARTMENTAL_SERVICE' },
          422,
          'serviceCode',
        ],
        [
          'an unknown service',
          { userId: member.userId, seatCategory: 'DEPARTMENTAL_SERVICE', serviceCode: 'NOPE' },
          422,
          'serviceCode',
        ],
        [
          'a service on another seat',
          { userId: member.userId, seatCategory: 'MISSION_ESS', serviceCode: 'DIE' },
          422,
          'serviceCode',
        ],
      ];
      for (const [name, body, status, field] of cases) {
        const answer = await give(body);
        expect({
          name,
          status: answer.status,
          fields: answer.body.error.details.fields?.map((f: any) => f.field),
        }).toEqual({
          name,
          status,
          fields: expect.arrayContaining([field]),
        });
      }
      const twice = await give({ userId: member.userId, seatCategory: 'DEPARTMENTAL_SERVICE', serviceCode: 'DIE' });
      expect([twice.status, twice.body.error.code]).toEqual([409, 'COMMITTEE_SEAT_ALREADY_HELD']);
      const unknownUser = await give({ userId: '00000000-0000-4000-8000-000000000000', seatCategory: 'MISSION_ESS' });
      expect([unknownUser.status, unknownUser.body.error.code]).toEqual([404, 'USER_NOT_FOUND']);
      const bySecretary = await give({ userId: member.userId, seatCategory: 'MISSION_ESS' }, 'committee_secretary');
      expect([bySecretary.status, bySecretary.body.error.code]).toEqual([403, 'FORBIDDEN']);
    });
  });

  describe('sessions', () => {
    it('are created today or later, with a place or a link, and a real secretary', async () => {
      const secretary = await createSecretary(t);
      const create = (body: Record<string, unknown>) =>
        t.request({ method: 'POST', url: '/api/committee/sessions', as: 'instructor', body });
      const yesterday = new Date(t.clock.now().getTime() - DAY).toISOString().slice(0, 10);
      const refusals: [Record<string, unknown>, string][] = [
        [{ sessionDate: yesterday, place: 'Arras' }, 'sessionDate'],
        [{ sessionDate: testToday(t) }, 'place'],
        [
          {
            sessionDate: testToday(t),
            place: 'Arras',
            secretaryUserId: (await createMember(t, 'Pas secrétaire', [])).userId,
          },
          'secretaryUserId',
        ],
        [{ sessionDate: '2026-02-30', place: 'Arras' }, 'sessionDate'],
        [{ sessionDate: testToday(t), videoLink: 'not a link' }, 'videoLink'],
      ];
      for (const [body, field] of refusals) {
        const answer = await create(body);
        expect({
          body,
          status: answer.status,
          fields: answer.body.error?.details?.fields?.map((f: any) => f.field),
        }).toEqual({
          body,
          status: 422,
          fields: expect.arrayContaining([field]),
        });
      }
      const created = await create({
        sessionDate: testToday(t),
        videoLink: 'https://visio.example/comite',
        secretaryUserId: secretary.userId,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'OPEN',
        videoLink: 'https://visio.example/comite',
        secretary: { userId: secretary.userId, displayName: secretary.displayName },
        agenda: [],
      });
      const changed = await t.request({
        method: 'PATCH',
        url: `/api/committee/sessions/${created.body.id}`,
        as: 'committee_secretary',
        body: { place: 'Salle du conseil', startTime: '09:30' },
      });
      expect(changed.body).toMatchObject({ place: 'Salle du conseil', startTime: '09:30', version: 2 });
      const byMember = await t.request({
        method: 'POST',
        url: '/api/committee/sessions',
        as: 'committee_member',
        body: {},
      });
      expect(byMember.status).toBe(403);
    });

    it('attendance is recorded on the day of the session, not before', async () => {
      const tomorrow = new Date(t.clock.now().getTime() + DAY).toISOString().slice(0, 10);
      const session = await createSession(t, { sessionDate: tomorrow });
      const member = await createMember(t, 'Demain Présent', [{ category: 'QUALIFIED_PERSON' }]);
      await t.request({
        method: 'POST',
        url: `/api/committee/sessions/${session.id}/convocations`,
        as: 'committee_secretary',
        body: { userIds: [member.userId] },
      });
      const early = await t.request({
        method: 'PUT',
        url: `/api/committee/sessions/${session.id}/attendance`,
        as: 'committee_secretary',
        body: { entries: [{ userId: member.userId, present: true }] },
      });
      expect([early.status, early.body.error.code]).toEqual([409, 'COMMITTEE_SESSION_NOT_HELD_YET']);
    });
  });

  describe('SCHEDULE_COMMITTEE needs a real, open session of today or later', () => {
    it.each([
      ['an unknown session', async () => '00000000-0000-4000-8000-000000000000', 'SESSION_NOT_FOUND'],
      [
        'a past session',
        async () => {
          const session = await createSession(t);
          await t.dataSource.query(`UPDATE committee_session SET session_date = session_date - 1 WHERE id = $1`, [
            session.id,
          ]);
          return session.id;
        },
        'SESSION_PAST',
      ],
    ])('refuses %s (409 with the reason)', async (_name, sessionOf, code) => {
      const dossier = await toCommittee(t);
      const answer = await schedule(t, dossier.id, await sessionOf());
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('DOSSIER_TRANSITION_CONDITIONS_NOT_MET');
      expect(answer.body.error.details.problems).toEqual([expect.objectContaining({ field: 'sessionId', code })]);
    });

    it('refuses a session id that is not a UUID (422)', async () => {
      const dossier = await toCommittee(t);
      const answer = await schedule(t, dossier.id, 'seance-de-decembre');
      expect(answer.status).toBe(422);
      expect(answer.body.error.details.fields).toEqual([expect.objectContaining({ field: 'sessionId' })]);
    });
  });

  describe('a dossier through a session', () => {
    it('schedules the dossiers on the session’s agenda, in order', async () => {
      const { session, dossier, moved, adjourned } = await sessionStoryAt(t, 'cast');
      for (const d of [dossier, moved, adjourned]) {
        const answer = await schedule(t, d.id, session.id);
        expect([answer.status, answer.body.state]).toEqual([200, 'committee.scheduled']);
      }
      const agenda = await t.request({
        method: 'GET',
        url: `/api/committee/sessions/${session.id}/agenda`,
        as: 'instructor',
      });
      expect(agenda.body.map((item: any) => [item.position, item.reference, item.status])).toEqual([
        [1, dossier.reference, 'SCHEDULED'],
        [2, moved.reference, 'SCHEDULED'],
        [3, adjourned.reference, 'SCHEDULED'],
      ]);
      const again = await schedule(t, dossier.id, session.id);
      expect(again.body.error.code).toBe('DOSSIER_TRANSITION_NOT_ALLOWED');
    });

    it('convokes the members: one stored message each, with date, place and agenda, in the application', async () => {
      const { session, committee, sacha2, camille, absent, dossier } = await sessionStoryAt(t, 'scheduled');
      const members = [...committee, sacha2, camille, absent];
      const convoked = await t.request({
        method: 'POST',
        url: `/api/committee/sessions/${session.id}/convocations`,
        as: 'committee_secretary',
        body: { userIds: members.map((m) => m.userId) },
      });
      expect(convoked.status).toBe(200);
      expect(convoked.body.sent).toBe(members.length);
      const rows = await t.dataSource.query(
        `SELECT dossier_id, payload FROM outbox_message WHERE topic = 'committee.convocation' AND payload->>'sessionId' = $1`,
        [session.id],
      );
      expect(rows).toHaveLength(members.length);
      const mine = rows.find((row: any) => row.payload.recipient.userId === camille.userId);
      expect(mine.dossier_id).toBeNull();
      expect(mine.payload.content.subject).toBe('Convocation — comité d’engagement du 23 novembre 2026');
      expect(mine.payload.content.text).toContain(`le 23 novembre 2026 à 14${NBSP}h${NBSP}30`);
      expect(mine.payload.content.text).toContain('Lieu : Hôtel du Département, Arras');
      expect(mine.payload.content.text).toContain(`1. ${dossier.reference}`);
      expect(mine.payload.content.html).toContain('<ol><li>');

      const kept = () =>
        t.dataSource.query<{ subject: string }[]>(
          `SELECT n.subject FROM notification n JOIN outbox_message o ON o.id = n.outbox_message_id
            WHERE n.user_id = $1 AND o.topic = 'committee.convocation'`,
          [camille.userId],
        );
      // On a shared server other suites' messages (the permission matrix leaves thousands)
      // come first in the worker's order: they are retired, this session's convocations kept.
      await retireBacklog(t, { sessionId: session.id });
      for (let pass = 0; pass < 50 && !(await kept()).length; pass++) {
        if ((await t.app.get(OutboxWorker).runOnce()).claimed === 0) break;
      }
      expect((await kept()).map((n) => n.subject)).toEqual(['Convocation — comité d’engagement du 23 novembre 2026']);
    });

    it('lets convoked members see the dossiers of the agenda, and nobody else among the members', async () => {
      const { session, camille, outsider, dossier, moved, adjourned } = await sessionStoryAt(t, 'convoked');
      const as = (member: TestMember) => ({ as: 'committee_member' as const, user: member.userId });
      expect((await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}`, ...as(camille) })).status).toBe(200);
      const hidden = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}`, ...as(outsider) });
      expect([hidden.status, hidden.body.error.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
      const listed = await t.request({ method: 'GET', url: '/api/dossiers?pageSize=100', ...as(camille) });
      expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
        [dossier.id, moved.id, adjourned.id].sort(),
      );
      const sessions = await t.request({ method: 'GET', url: '/api/committee/sessions', ...as(outsider) });
      expect(sessions.body.map((s: { id: string }) => s.id)).not.toContain(session.id);
    });

    it('records attendance for convoked members only', async () => {
      const { session, committee, sacha2, camille, absent, outsider } = await sessionStoryAt(t, 'convoked');
      const refused = await t.request({
        method: 'PUT',
        url: `/api/committee/sessions/${session.id}/attendance`,
        as: 'committee_secretary',
        body: { entries: [{ userId: outsider.userId, present: true }] },
      });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'COMMITTEE_NOT_CONVOKED']);
      await convokeAndAttend(t, session.id, [...committee, sacha2, camille]);
      const attendance = await t.request({
        method: 'PUT',
        url: `/api/committee/sessions/${session.id}/attendance`,
        as: 'committee_secretary',
        body: { entries: [{ userId: absent.userId, present: false }] },
      });
      expect(attendance.status).toBe(200);
      const byMember = await t.request({
        method: 'PUT',
        url: `/api/committee/sessions/${session.id}/attendance`,
        as: 'committee_member',
        user: camille.userId,
        body: { entries: [{ userId: camille.userId, present: true }] },
      });
      expect(byMember.status).toBe(403);
    });

    it('refuses the opinion while the composition is incomplete, listing the missing seats in French', async () => {
      const { dossier } = await sessionStoryAt(t, 'attended');
      const answer = await opinion(t, dossier.id, { opinion: 'UNFAVOURABLE' });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('DOSSIER_TRANSITION_CONDITIONS_NOT_MET');
      expect(answer.body.error.details.problems.map((p: { message: string }) => p.message)).toEqual([
        'Composition incomplète pour ce dossier : il manque le service départemental « Direction de l’insertion et de l’emploi » (présent, non déporté, ayant déclaré ses intérêts).',
        'Composition incomplète pour ce dossier : il manque la Mission ESS (présent, non déporté, ayant déclaré ses intérêts).',
        'Composition incomplète pour ce dossier : il manque un membre du CDESS (présent, non déporté, ayant déclaré ses intérêts).',
        'Composition incomplète pour ce dossier : il manque un partenaire de la finance solidaire (présent, non déporté, ayant déclaré ses intérêts).',
        'Composition incomplète pour ce dossier : il manque une personne qualifiée (présent, non déporté, ayant déclaré ses intérêts).',
      ]);
    });

    it('records declarations; a declared interest makes the member « déporté », out of the composition', async () => {
      const { session, committee, sacha2, camille, dossier } = await sessionStoryAt(t, 'attended');
      const cdess = committee.find((m) => m.displayName === 'Sacha Membre du CDESS')!;
      for (const member of committee.filter((m) => m !== cdess)) {
        expect((await declare(t, dossier.id, member, { hasInterest: false })).status).toBe(200);
      }
      const interest = await declare(t, dossier.id, camille, { hasInterest: true, nature: 'ASSOCIE' });
      expect(interest.status).toBe(200);
      expect(interest.body).toMatchObject({ recused: true });
      expect((await declare(t, dossier.id, cdess, { hasInterest: true, nature: 'FAMILY_TIE' })).status).toBe(200);

      // The CDESS seat: both CDESS members present are déportés, the third has not declared.
      const composition = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/committee/composition?sessionId=${session.id}`,
        as: 'committee_secretary',
      });
      expect(composition.status).toBe(200);
      expect(composition.body.missing.map((seat: { label: string }) => seat.label)).toEqual(['un membre du CDESS']);
      expect(composition.body.recused.map((m: { displayName: string }) => m.displayName).sort()).toEqual([
        'Camille Intéressée',
        'Sacha Membre du CDESS',
      ]);
      expect(composition.body.undeclared.map((m: { displayName: string }) => m.displayName)).toEqual([
        'Sacha Second CDESS',
      ]);
      const refused = await opinion(t, dossier.id, { opinion: 'UNFAVOURABLE' });
      expect(refused.body.error.details.problems).toEqual([
        expect.objectContaining({ code: 'SEAT_MISSING', message: expect.stringContaining('un membre du CDESS') }),
      ]);

      const declarations = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/interest-declarations`,
        as: 'viewer',
      });
      const camilleRow = declarations.body.declarations.find((d: { userId: string }) => d.userId === camille.userId);
      expect(camilleRow).toMatchObject({ status: 'INTEREST', nature: 'ASSOCIE', recused: true, label: 'déporté' });

      const invalid = await declare(t, dossier.id, sacha2, { hasInterest: true });
      expect(invalid.body.error.details.fields).toEqual([expect.objectContaining({ field: 'nature' })]);
      expect((await declare(t, dossier.id, sacha2, { hasInterest: false })).status).toBe(200);
      const types = (await journalEntries(t, dossier.id)).filter((e) => e.type === 'COMMITTEE_INTEREST_DECLARED');
      expect(types.length).toBe(committee.length + 2);
      expect(types.find((e) => e.actorId === camille.userId)?.payload).toMatchObject({
        sessionId: session.id,
        hasInterest: true,
        nature: 'ASSOCIE',
        recused: true,
      });
    });

    it('takes votes only from present, non-recused members who declared, each for themself', async () => {
      const { committee, sacha2, camille, absent, dossier } = await sessionStoryAt(t, 'declared');
      const refusals: [TestMember, string][] = [
        [camille, 'RECUSED'],
        [absent, 'ABSENT'],
      ];
      expect((await declare(t, dossier.id, absent, { hasInterest: false })).status).toBe(200);
      for (const [member, reason] of refusals) {
        const answer = await vote(t, dossier.id, member, { position: 'FAVOURABLE' });
        expect({
          member: member.displayName,
          status: answer.status,
          code: answer.body.error.code,
          reason: answer.body.error.details.reason,
        }).toEqual({
          member: member.displayName,
          status: 409,
          code: 'COMMITTEE_VOTE_REFUSED',
          reason,
        });
      }
      const other = committee[0];
      const forAnother = await vote(t, dossier.id, other, { position: 'FAVOURABLE', userId: camille.userId });
      expect([forAnother.status, forAnother.body.error.details.fields[0].field]).toEqual([422, 'userId']);
      const byInstructor = await t.request({
        method: 'PUT',
        url: `/api/dossiers/${dossier.id}/votes`,
        as: 'instructor',
        body: { position: 'FAVOURABLE' },
      });
      expect(byInstructor.status).toBe(403);

      for (const [index, member] of [
        ...committee.filter((m) => m.displayName !== 'Sacha Membre du CDESS'),
        sacha2,
      ].entries()) {
        const position = index === 0 ? 'FAVOURABLE_WITH_CONDITIONS' : index === 1 ? 'ABSTENTION' : 'FAVOURABLE';
        const cast = await vote(t, dossier.id, member, {
          position,
          comment: index === 0 ? 'Sous réserve de la révision.' : undefined,
        });
        expect(cast.status).toBe(200);
      }
      const votes = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/votes`,
        as: 'elected_official',
      });
      expect(votes.body.tally).toEqual({
        FAVOURABLE: 3,
        FAVOURABLE_WITH_CONDITIONS: 1,
        UNFAVOURABLE: 0,
        ABSTENTION: 1,
      });
    });

    it('a member who declares an interest after voting is déporté: the vote is kept, withdrawn', async () => {
      const { sacha2, dossier } = await sessionStoryAt(t, 'voted');
      const member = sacha2;
      const answer = await declare(t, dossier.id, member, {
        hasInterest: true,
        nature: 'OTHER',
        details: 'Prêt personnel à un dirigeant.',
      });
      expect(answer.body).toMatchObject({ recused: true, voteWithdrawn: true });
      const votes = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/votes`, as: 'viewer' });
      expect(votes.body.votes.find((v: { userId: string }) => v.userId === member.userId)).toMatchObject({
        withdrawn: true,
      });
      expect(votes.body.tally.FAVOURABLE).toBe(2);
      // Back to no interest (a mistake corrected) needs a reason: the CDESS seat is filled
      // again, the vote stays withdrawn.
      const withoutReason = await declare(t, dossier.id, member, { hasInterest: false });
      expect([withoutReason.status, withoutReason.body.error.details.fields[0]]).toEqual([
        422,
        {
          field: 'withdrawalReason',
          messages: [
            '« Motif du retrait » est obligatoire : dites pourquoi l’intérêt déclaré dans cette SCIC ne tient plus.',
          ],
        },
      ]);
      const withdrawn = await declare(t, dossier.id, member, {
        hasInterest: false,
        withdrawalReason: 'Le prêt a été remboursé avant la séance.',
      });
      expect([withdrawn.status, withdrawn.body.withdrawalReason]).toEqual([
        200,
        'Le prêt a été remboursé avant la séance.',
      ]);
      const entry = (await journalEntries(t, dossier.id)).at(-1)!;
      expect(entry).toMatchObject({
        type: 'COMMITTEE_INTEREST_DECLARED',
        payload: { hasInterest: false, withdrawn: true, withdrawalReason: 'Le prêt a été remboursé avant la séance.' },
      });
      expect((await vote(t, dossier.id, member, { position: 'FAVOURABLE' })).status).toBe(200);
    });

    describe('the proposed amount at the boundary (rules 3–5)', () => {
      it.each<[string, Record<string, unknown>, string, string]>([
        [
          'one share more than the 50 % public cap',
          { proposedAmountCents: 7_505_000 },
          'proposedAmountCents',
          'PUBLIC_CAP_EXCEEDED',
        ],
        ['not a whole number of shares', { proposedAmountCents: 7_502_500 }, 'proposedAmountCents', 'NOT_WHOLE_SHARES'],
        ['above the requested amount', { proposedAmountCents: 8_005_000 }, 'proposedAmountCents', 'ABOVE_REQUESTED'],
        [
          'a number of shares that does not buy the amount',
          { proposedAmountCents: 7_500_000, proposedShares: 1_499 },
          'proposedShares',
          'SHARES_MISMATCH',
        ],
      ])('refuses %s', async (_name, amounts, field, code) => {
        const { dossier } = await sessionStoryAt(t, 'voteWithdrawnThenRestored');
        const answer = await opinion(t, dossier.id, { opinion: 'FAVOURABLE', ...amounts });
        expect(answer.status).toBe(409);
        expect(answer.body.error.details.problems).toEqual(
          expect.arrayContaining([expect.objectContaining({ field, code })]),
        );
      });

      it('refuses conditions missing from a conditional opinion (422)', async () => {
        const { dossier } = await sessionStoryAt(t, 'voteWithdrawnThenRestored');
        const answer = await opinion(t, dossier.id, {
          opinion: 'FAVOURABLE_WITH_CONDITIONS',
          proposedAmountCents: 7_500_000,
        });
        expect([answer.status, answer.body.error.details.fields[0].field]).toEqual([422, 'conditions']);
      });

      it('accepts exactly 50 % after subscription, with its shares and conditions', async () => {
        const { dossier } = await sessionStoryAt(t, 'voteWithdrawnThenRestored');
        const answer = await opinion(t, dossier.id, {
          opinion: 'FAVOURABLE_WITH_CONDITIONS',
          proposedAmountCents: 7_500_000,
          proposedShares: 1_500,
          conditions: 'Libération des parts après la prochaine révision coopérative.',
        });
        expect([answer.status, answer.body.state]).toEqual([200, 'decision.awaitingDeliberation']);
      });
    });

    it('stores the opinion with the composition that allowed it, and freezes declarations and votes', async () => {
      const { session, committee, dossier } = await sessionStoryAt(t, 'opinionRecorded');
      const opinions = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/opinion`,
        as: 'elected_official',
      });
      expect(opinions.body).toEqual([
        expect.objectContaining({
          sessionId: session.id,
          opinion: 'FAVOURABLE_WITH_CONDITIONS',
          proposedAmountCents: 7_500_000,
          proposedShares: 1_500,
          conditions: 'Libération des parts après la prochaine révision coopérative.',
          motivation: MOTIVATION,
          composition: expect.objectContaining({ complete: true }),
        }),
      ]);
      expect(opinions.body[0].composition.recused.map((m: { displayName: string }) => m.displayName).sort()).toEqual([
        'Camille Intéressée',
        'Sacha Membre du CDESS',
      ]);
      const composition = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/committee/composition`,
        as: 'viewer',
      });
      expect(composition.body).toMatchObject({ frozen: true, complete: true });
      const lateVote = await vote(t, dossier.id, committee[0], { position: 'UNFAVOURABLE' });
      expect([lateVote.status, lateVote.body.error.code]).toEqual([409, 'COMMITTEE_OPINION_RECORDED']);
      const lateDeclaration = await declare(t, dossier.id, committee[0], { hasInterest: true, nature: 'EMPLOYEE' });
      expect(lateDeclaration.body.error.code).toBe('COMMITTEE_OPINION_RECORDED');
    });

    it('moves a dossier to a later session, with a reason, journaled', async () => {
      const { session, later, camille, moved } = await sessionStoryAt(t, 'opinionRecorded');
      const earlier = await t.request({
        method: 'POST',
        url: `/api/dossiers/${moved.id}/committee/reschedule`,
        as: 'instructor',
        body: { sessionId: session.id, reason: 'Même séance.' },
      });
      expect([earlier.status, earlier.body.error.details.fields[0].field]).toEqual([422, 'sessionId']);
      const noReason = await t.request({
        method: 'POST',
        url: `/api/dossiers/${moved.id}/committee/reschedule`,
        as: 'instructor',
        body: { sessionId: later.id, reason: '  ' },
      });
      expect(noReason.status).toBe(422);
      const answer = await t.request({
        method: 'POST',
        url: `/api/dossiers/${moved.id}/committee/reschedule`,
        as: 'committee_secretary',
        body: { sessionId: later.id, reason: 'Pièces financières reçues trop tard pour être étudiées.' },
      });
      expect(answer.status).toBe(200);
      const journal = await journalEntries(t, moved.id);
      expect(journal.at(-1)).toMatchObject({
        type: 'COMMITTEE_RESCHEDULED',
        payload: {
          fromSessionId: session.id,
          toSessionId: later.id,
          reason: 'Pièces financières reçues trop tard pour être étudiées.',
        },
      });
      const [from, to] = await Promise.all(
        [session, later].map((s) =>
          t.request({ method: 'GET', url: `/api/committee/sessions/${s.id}/agenda`, as: 'instructor' }),
        ),
      );
      expect(from.body.find((i: any) => i.dossierId === moved.id)).toMatchObject({
        status: 'MOVED',
        movedToSessionId: later.id,
      });
      expect(to.body).toEqual([
        expect.objectContaining({
          dossierId: moved.id,
          status: 'SCHEDULED',
          reason: expect.stringContaining('Reporté de la séance du 23 novembre 2026'),
        }),
      ]);
      const dossierView = await t.request({ method: 'GET', url: `/api/dossiers/${moved.id}`, as: 'instructor' });
      expect(dossierView.body.state).toBe('committee.scheduled');
      // Moved away to a session she is not convoked to: the member no longer sees it.
      const byMember = await t.request({
        method: 'GET',
        url: `/api/dossiers/${moved.id}`,
        as: 'committee_member',
        user: camille.userId,
      });
      expect(byMember.status).toBe(404);
    });

    it('will not close while a dossier of the agenda waits for an opinion', async () => {
      const { session, adjourned } = await sessionStoryAt(t, 'moved');
      const answer = await t.request({
        method: 'POST',
        url: `/api/committee/sessions/${session.id}/close`,
        as: 'committee_secretary',
      });
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({
        code: 'COMMITTEE_SESSION_PENDING_ITEMS',
        details: { dossiers: [{ dossierId: adjourned.id, reference: adjourned.reference }] },
      });
      const early = await bytes(t, `/api/committee/sessions/${session.id}/minutes.pdf`, 'viewer');
      expect(early.status).toBe(409);
    });

    it('adjourns a dossier back to the economic analysis (a complete committee for it too)', async () => {
      const { adjourned } = await sessionStoryAt(t, 'moved');
      const adjournedCommittee = await completeCommitteeFor(t, adjourned.id);
      for (const member of adjournedCommittee) {
        expect((await declare(t, adjourned.id, member, { hasInterest: false })).status).toBe(200);
      }
      const answer = await opinion(t, adjourned.id, {
        opinion: 'ADJOURNED',
        motivation: 'Le plan de financement doit être consolidé avec la banque.',
      });
      expect([answer.status, answer.body.state]).toEqual([200, 'instruction.economic']);
    });

    it('closes the session: minutes generated, their SHA-256 in each dossier’s journal, the same bytes served', async () => {
      const { session, dossier, moved, adjourned } = await sessionStoryAt(t, 'adjourned');
      const byMember = await t.request({
        method: 'POST',
        url: `/api/committee/sessions/${session.id}/close`,
        as: 'instructor',
      });
      expect(byMember.status).toBe(403);
      const closed = await t.request({
        method: 'POST',
        url: `/api/committee/sessions/${session.id}/close`,
        as: 'committee_secretary',
      });
      expect(closed.status).toBe(200);
      const minutesSha = closed.body.minutesSha256;
      expect(minutesSha).toMatch(/^[0-9a-f]{64}$/);
      for (const d of [dossier, moved, adjourned]) {
        const entry = (await journalEntries(t, d.id)).at(-1)!;
        expect({ reference: d.reference, type: entry.type, sha: entry.payload.minutesSha256 }).toEqual({
          reference: d.reference,
          type: 'COMMITTEE_MINUTES',
          sha: minutesSha,
        });
      }
      const first = await bytes(t, `/api/committee/sessions/${session.id}/minutes.pdf`, 'elected_official');
      const second = await bytes(t, `/api/committee/sessions/${session.id}/minutes.pdf`, 'viewer');
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('application/pdf');
      expect(createHash('sha256').update(first.body).digest('hex')).toBe(minutesSha);
      expect(second.body.equals(first.body)).toBe(true);
      const verify = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/journal/verify`,
        as: 'viewer',
      });
      expect(verify.body.valid).toBe(true);
    });

    it('the minutes list the members by seat, declarations and recusals, votes, opinions and amounts', async () => {
      const { session, dossier, moved } = await sessionStoryAt(t, 'closed');
      const pdf = await bytes(t, `/api/committee/sessions/${session.id}/minutes.pdf`, 'viewer');
      // Lines joined: a long line wraps in the PDF.
      const text = pdfText(pdf.body).replace(/\s+/g, ' ');
      expect(text).toContain('Procès-verbal du comité d’engagement');
      expect(text).toContain('Séance du 23 novembre 2026 à 14 h 30');
      expect(text).toContain('Secrétariat : Jean Secrétaire de séance');
      expect(text).toMatch(
        /Dominique Service DIE — Service départemental — Direction de l’insertion et de l’emploi — présent/,
      );
      expect(text).toMatch(/Ali Absent — Mission ESS — absent/);
      expect(text).toContain(`1. ${dossier.reference}`);
      expect(text).toContain('Camille Intéressée : intérêt déclaré (associé de la SCIC) — déporté');
      expect(text).toContain(
        'Sacha Membre du CDESS : intérêt déclaré (lien familial avec un dirigeant ou un associé) — déporté',
      );
      expect(text).toContain('Alex Mission ESS : aucun intérêt déclaré');
      expect(text).toContain('Avis du comité : Favorable sous conditions');
      expect(text).toContain(`Motivation : ${MOTIVATION}`);
      expect(text).toContain('Conditions : Libération des parts après la prochaine révision coopérative.');
      expect(text).toContain('Montant proposé : 75 000,00 € (1 500 parts)');
      expect(text).toMatch(/: favorable sous conditions — « Sous réserve de la révision. »/);
      expect(text).toContain('Sacha Second CDESS : favorable');
      expect(text).toContain(`2. ${moved.reference}`);
      expect(text).toContain(
        'Reporté à la séance du 30 novembre 2026 : Pièces financières reçues trop tard pour être étudiées.',
      );
      expect(text).toContain('Avis du comité : Ajourné (retour à l’analyse économique)');
      expect(text).toMatch(/page 1 \/ \d/);
    });

    it('is read-only once closed', async () => {
      const { session, camille, absent } = await sessionStoryAt(t, 'closed');
      const writes: [string, () => Promise<{ status: number; body: any }>][] = [
        [
          'PATCH session',
          () =>
            t.request({
              method: 'PATCH',
              url: `/api/committee/sessions/${session.id}`,
              as: 'instructor',
              body: { place: 'Ailleurs' },
            }),
        ],
        [
          'attendance',
          () =>
            t.request({
              method: 'PUT',
              url: `/api/committee/sessions/${session.id}/attendance`,
              as: 'committee_secretary',
              body: { entries: [{ userId: absent.userId, present: true }] },
            }),
        ],
        [
          'convocations',
          () =>
            t.request({
              method: 'POST',
              url: `/api/committee/sessions/${session.id}/convocations`,
              as: 'committee_secretary',
              body: {},
            }),
        ],
        [
          'close again',
          () =>
            t.request({
              method: 'POST',
              url: `/api/committee/sessions/${session.id}/close`,
              as: 'committee_secretary',
            }),
        ],
      ];
      for (const [name, write] of writes) {
        const answer = await write();
        expect({ name, status: answer.status, code: answer.body.error.code }).toEqual({
          name,
          status: 409,
          code: 'COMMITTEE_SESSION_CLOSED',
        });
      }
      const other = await toCommittee(t);
      const scheduled = await schedule(t, other.id, session.id);
      expect(scheduled.body.error.details.problems).toEqual([expect.objectContaining({ code: 'SESSION_CLOSED' })]);
      const attendance = await t.request({
        method: 'GET',
        url: `/api/committee/sessions/${session.id}/attendance`,
        as: 'viewer',
      });
      expect(attendance.body.find((m: any) => m.userId === camille.userId).seats).toEqual([
        { category: 'CDESS_MEMBER', serviceCode: null, label: 'Membre du CDESS' },
      ]);
    });
  });

  describe('the opinion follows the votes (rule 7); declarations hold for the SCIC (rule 8)', () => {
    const toCommitteeFor = async (scicBody?: Record<string, unknown>) => {
      const created = await createDossier(t, {}, scicBody ?? {});
      for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC']) {
        expect((await sendEvent(t, created.id, { type })).status).toBe(200);
      }
      return created;
    };
    const declareNone = async (dossierId: string, members: TestMember[]) => {
      for (const member of members) {
        expect((await declare(t, dossierId, member, { hasInterest: false })).status).toBe(200);
      }
    };
    const castVotes = async (dossierId: string, positions: [TestMember, string][]) => {
      for (const [member, position] of positions) {
        const cast = await vote(t, dossierId, member, { position });
        expect([member.displayName, cast.status]).toEqual([member.displayName, 200]);
      }
    };
    /** The refusal's problems, no-break spaces read as spaces. */
    const problemsOf = (answer: { body: any }) =>
      ((answer.body.error?.details?.problems ?? []) as { field: string; code: string; message: string }[]).map(
        (problem) => ({ ...problem, message: problem.message.replace(/\u00a0/g, ' ') }),
      );

    it('refuses a favourable opinion when every sitting member voted against, giving the tally', async () => {
      const { sitting, againstAll } = await votesStoryAt(t, 'cast');
      await declareNone(againstAll.id, sitting);
      await castVotes(
        againstAll.id,
        sitting.map((member) => [member, 'UNFAVOURABLE']),
      );
      const refused = await opinion(t, againstAll.id, { opinion: 'FAVOURABLE', proposedAmountCents: 1_000_000 });
      expect(refused.status).toBe(409);
      expect(problemsOf(refused)).toContainEqual({
        field: 'opinion',
        code: 'OPINION_CONTRADICTS_VOTES',
        message:
          'L’avis choisi contredit les votes des membres siégeant pour ce dossier (0 pour, 7 contre, 0 abstention) : la majorité est défavorable.',
      });
      const adjourned = await opinion(t, againstAll.id, { opinion: 'ADJOURNED' });
      expect(problemsOf(adjourned).map((p) => p.code)).toEqual(['OPINION_CONTRADICTS_VOTES']);
      const accepted = await opinion(t, againstAll.id, { opinion: 'UNFAVOURABLE' });
      expect([accepted.status, accepted.body.state]).toEqual([200, 'decision.awaitingDeliberation']);
      const [stored] = (await t.request({ method: 'GET', url: `/api/dossiers/${againstAll.id}/opinion`, as: 'viewer' }))
        .body;
      expect(stored.voteTally).toMatchObject({ for: 0, against: 7, abstention: 0, direction: 'UNFAVOURABLE' });
    });

    it('settles a tie by the chair’s vote, recorded as a casting vote', async () => {
      const { seats, lou, camille, sitting, tie } = await votesStoryAt(t, 'unanimouslyAgainst');
      await declareNone(tie.id, sitting);
      const [s0, s1, s2, s3, s4] = seats;
      await castVotes(tie.id, [
        [lou, 'FAVOURABLE'],
        [s0, 'FAVOURABLE_WITH_CONDITIONS'],
        [s1, 'UNFAVOURABLE'],
        [s2, 'UNFAVOURABLE'],
        [s3, 'ABSTENTION'],
        [s4, 'ABSTENTION'],
        [camille, 'ABSTENTION'],
      ]);
      const votes = await t.request({ method: 'GET', url: `/api/dossiers/${tie.id}/votes`, as: 'committee_secretary' });
      expect(votes.body.majority).toMatchObject({
        for: 2,
        against: 2,
        abstention: 3,
        chairCastingVote: true,
        chair: { userId: lou.userId, displayName: 'Lou Présidente', position: 'FAVOURABLE' },
        direction: 'FAVOURABLE',
      });
      const refused = await opinion(t, tie.id, { opinion: 'UNFAVOURABLE' });
      expect(problemsOf(refused)).toEqual([
        {
          field: 'opinion',
          code: 'OPINION_CONTRADICTS_VOTES',
          message:
            'L’avis choisi contredit les votes des membres siégeant pour ce dossier (2 pour, 2 contre, 3 abstentions — égalité départagée par la voix prépondérante de la présidence (Lou Présidente, favorable)) : la majorité est favorable.',
        },
      ]);
      const accepted = await opinion(t, tie.id, { opinion: 'FAVOURABLE', proposedAmountCents: 1_000_000 });
      expect([accepted.status, accepted.body.state]).toEqual([200, 'decision.awaitingDeliberation']);
      const [stored] = (await t.request({ method: 'GET', url: `/api/dossiers/${tie.id}/opinion`, as: 'viewer' })).body;
      expect(stored.voteTally).toMatchObject({ chairCastingVote: true, direction: 'FAVOURABLE' });
      const transition = (await journalEntries(t, tie.id)).filter((e) => e.type === 'TRANSITION').at(-1)!;
      expect(transition.payload.effects.voteTally).toMatchObject({ chairCastingVote: true });
    });

    it('counts only the votes of sitting members: an interest declared on another dossier of the SCIC withdraws a vote', async () => {
      const { seats, lou, camille, sitting, scic, first, second } = await votesStoryAt(t, 'tieSettled');
      // Declared once, through the first dossier: the declaration holds for the second (same SIREN).
      await declareNone(first.id, sitting);
      const onSecond = await t.request({
        method: 'GET',
        url: `/api/dossiers/${second.id}/interest-declarations`,
        as: 'committee_secretary',
      });
      expect(onSecond.body.declarations.filter((d: { status: string | null }) => d.status === 'NONE').length).toBe(
        sitting.length,
      );
      const [s0, s1, s2, s3, s4] = seats;
      await castVotes(first.id, [
        [s0, 'FAVOURABLE'],
        [s1, 'FAVOURABLE'],
        [s2, 'UNFAVOURABLE'],
        [camille, 'UNFAVOURABLE'],
        [s3, 'ABSTENTION'],
        [s4, 'ABSTENTION'],
        [lou, 'ABSTENTION'],
      ]);
      // 2 pour, 2 contre, the chair abstained: no majority, only an adjournment agrees.
      const noMajority = await opinion(t, first.id, { opinion: 'FAVOURABLE', proposedAmountCents: 1_000_000 });
      expect(problemsOf(noMajority)).toContainEqual(
        expect.objectContaining({
          code: 'OPINION_CONTRADICTS_VOTES',
          message: expect.stringContaining('(2 pour, 2 contre, 3 abstentions — aucune majorité)'),
        }),
      );
      const interest = await declare(t, second.id, camille, { hasInterest: true, nature: 'ASSOCIE' });
      expect(interest.body).toMatchObject({ recused: true, voteWithdrawn: true, siren: scic.siren });
      const votes = await t.request({ method: 'GET', url: `/api/dossiers/${first.id}/votes`, as: 'viewer' });
      expect(votes.body.majority).toMatchObject({ for: 2, against: 1, abstention: 3, direction: 'FAVOURABLE' });
      const composition = await t.request({
        method: 'GET',
        url: `/api/dossiers/${first.id}/committee/composition`,
        as: 'viewer',
      });
      expect(composition.body.recused.map((m: { displayName: string }) => m.displayName)).toEqual(['Camille Associée']);
      expect((await opinion(t, first.id, { opinion: 'UNFAVOURABLE' })).status).toBe(409);
      const accepted = await opinion(t, first.id, { opinion: 'FAVOURABLE', proposedAmountCents: 1_000_000 });
      expect(accepted.status).toBe(200);
    });

    it('refuses to withdraw an interest without a reason, or once an opinion relied on it', async () => {
      const { camille, scic, first, second } = await votesStoryAt(t, 'voteWithdrawnThroughTheScic');
      const withoutReason = await declare(t, second.id, camille, { hasInterest: false });
      expect([withoutReason.status, withoutReason.body.error.details.fields[0].field]).toEqual([
        422,
        'withdrawalReason',
      ]);
      const relied = await declare(t, second.id, camille, {
        hasInterest: false,
        withdrawalReason: 'Parts cédées la semaine dernière.',
      });
      expect(relied.status).toBe(409);
      expect(relied.body.error).toMatchObject({
        code: 'INTEREST_DECLARATION_RELIED_ON',
        details: { siren: scic.siren, reliedOn: 'opinion', reference: first.reference },
        message: `L’intérêt déclaré dans la SCIC (SIREN ${scic.siren}) a fondé l’avis du comité rendu depuis sur le dossier ${first.reference} : la déclaration ne peut plus être retirée.`,
      });
    });

    it('a new session does not start blank: the member stays déporté for every dossier of the SCIC', async () => {
      const { camille, sitting, scic, second } = await votesStoryAt(t, 'voteWithdrawnThroughTheScic');
      const third = await toCommitteeFor(scic);
      const next = await createSession(t);
      expect((await schedule(t, third.id, next.id)).status).toBe(200);
      await convokeAndAttend(t, next.id, sitting);
      const declarations = await t.request({
        method: 'GET',
        url: `/api/dossiers/${third.id}/interest-declarations?sessionId=${next.id}`,
        as: 'committee_secretary',
      });
      expect(declarations.body.declarations.find((d: { userId: string }) => d.userId === camille.userId)).toMatchObject(
        {
          status: 'INTEREST',
          recused: true,
          declaredThrough: second.reference,
        },
      );
      const composition = await t.request({
        method: 'GET',
        url: `/api/dossiers/${third.id}/committee/composition?sessionId=${next.id}`,
        as: 'viewer',
      });
      expect(composition.body).toMatchObject({ complete: true, undeclared: [] });
      expect(composition.body.recused.map((m: { userId: string }) => m.userId)).toEqual([camille.userId]);
      const refused = await vote(t, third.id, camille, { position: 'FAVOURABLE' });
      expect([refused.status, refused.body.error.details.reason]).toEqual([409, 'RECUSED']);
    });

    it('the minutes and the note de synthèse give the tally', async () => {
      const { session, tie, second } = await votesStoryAt(t, 'voteWithdrawnThroughTheScic');
      expect((await opinion(t, second.id, { opinion: 'ADJOURNED' })).status).toBe(200);
      const closed = await t.request({
        method: 'POST',
        url: `/api/committee/sessions/${session.id}/close`,
        as: 'committee_secretary',
      });
      expect(closed.status).toBe(200);
      const minutes = pdfText((await bytes(t, `/api/committee/sessions/${session.id}/minutes.pdf`, 'viewer')).body)
        .replace(/\s+/g, ' ')
        .replace(/\u00a0/g, ' ');
      expect(minutes).toContain('Décompte des voix : 0 pour, 7 contre, 0 abstention');
      expect(minutes).toContain(
        'Décompte des voix : 2 pour, 2 contre, 3 abstentions — égalité départagée par la voix prépondérante de la présidence (Lou Présidente, favorable)',
      );
      expect(minutes).toContain('Décompte des voix : 2 pour, 1 contre, 3 abstentions');
      const note = pdfText((await bytes(t, `/api/dossiers/${tie.id}/report.pdf`, 'instructor')).body)
        .replace(/\s+/g, ' ')
        .replace(/\u00a0/g, ' ');
      expect(note).toContain(
        'Décompte des voix : 2 pour, 2 contre, 3 abstentions — égalité départagée par la voix prépondérante de la présidence (Lou Présidente, favorable)',
      );
    });
  });
});

describe(`Convocations by e-mail through a real SMTP server (${kind} database)`, () => {
  let smtp: Smtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    // The session story above leaves each cast's convocations undelivered (its app has no
    // SMTP server): not this test's to send.
    await retireBacklog(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('delivers each convoked member’s convocation, in French, with the agenda', async () => {
    const member = await createMember(t, 'Élise Convoquée', [{ category: 'QUALIFIED_PERSON' }]);
    const session = await createSession(t, { videoLink: 'https://visio.example/comite-23' });
    const dossier = await toCommittee(t);
    expect((await schedule(t, dossier.id, session.id)).status).toBe(200);
    const convoked = await t.request({
      method: 'POST',
      url: `/api/committee/sessions/${session.id}/convocations`,
      as: 'instructor',
      body: { userIds: [member.userId] },
    });
    expect(convoked.body.sent).toBe(1);
    const worker = t.app.get(OutboxWorker);
    // On a shared server the worker may meet other suites' messages first: passes until ours is delivered.
    for (let pass = 0; pass < 50 && !sentTo(smtp.messages, member.email).length; pass++) {
      if ((await worker.runOnce()).claimed === 0) break;
    }
    const received = sentTo(smtp.messages, member.email);
    expect(received).toHaveLength(1);
    expect(subjectOf(received[0].raw)).toBe('Convocation — comité d’engagement du 23 novembre 2026');
    const body = bodyOf(received[0].raw);
    expect(body).toContain('Bonjour Élise Convoquée,');
    expect(body).toContain('Visioconférence : https://visio.example/comite-23');
    expect(body).toContain(`1. ${dossier.reference}`);
    expect(body).toContain('déport');
  });
});
