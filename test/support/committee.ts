/**
 * The committee in e2e suites: members with their seats, sessions, and the preparations
 * that make SCHEDULE_COMMITTEE and RECORD_OPINION meet their real conditions (see
 * instruction.ts), done through the API as the secretary and the members would.
 */
import { isoDateIn } from '../../src/common/clock.js';
import { UsersService } from '../../src/identity/users.service.js';
import type { SeatCategory } from '../../src/committee/seats.js';
import type { Preparation } from './instruction.js';
// Types only from test-app.ts: it imports instruction.ts, which imports this file.
import type { TestApp } from './test-app.js';

export interface TestMember {
  userId: string;
  displayName: string;
  email: string;
}

const PASSWORD = 'committee passphrase 2026';

const uniqueWord = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 10)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function expectStatus(what: string, response: { status: number; body: unknown }, ...expected: number[]): void {
  if (!expected.includes(response.status)) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** Today in the département's time zone, by the app's clock. */
export function testToday(test: TestApp): string {
  return isoDateIn(test.clock.now(), test.config.timeZone);
}

/** A user holding the committee_member role, with the seats given through the API by the admin. */
export async function createMember(
  test: TestApp,
  name: string,
  seats: { category: SeatCategory; serviceCode?: string }[],
): Promise<TestMember> {
  const email = `${uniqueWord('membre')}@committee.test`;
  const user = await test.app
    .get(UsersService)
    .create({ email, displayName: name, password: PASSWORD, roles: [{ role: 'committee_member' }] });
  for (const seat of seats) {
    const given = await test.request({
      method: 'POST',
      url: '/api/committee/members',
      as: 'admin',
      body: {
        userId: user.id,
        seatCategory: seat.category,
        ...(seat.serviceCode ? { serviceCode: seat.serviceCode } : {}),
      },
    });
    expectStatus(`seat ${seat.category} for ${name}`, given, 201);
  }
  return { userId: user.id, displayName: name, email };
}

/** A user holding the committee_secretary role (a session may name them). */
export async function createSecretary(test: TestApp, name = 'Jean Secrétaire'): Promise<TestMember> {
  const email = `${uniqueWord('secretaire')}@committee.test`;
  const user = await test.app
    .get(UsersService)
    .create({ email, displayName: name, password: PASSWORD, roles: [{ role: 'committee_secretary' }] });
  return { userId: user.id, displayName: name, email };
}

/** A session on `date` (default: today, so that attendance can be recorded). */
export async function createSession(
  test: TestApp,
  body: Record<string, unknown> = {},
): Promise<{ id: string; sessionDate: string }> {
  const created = await test.request({
    method: 'POST',
    url: '/api/committee/sessions',
    as: 'committee_secretary',
    body: { sessionDate: testToday(test), startTime: '14:30', place: 'Hôtel du Département, Arras', ...body },
  });
  expectStatus('session creation', created, 201);
  return created.body;
}

/** One member per seat category but the departmental one, per app (they sit in every prepared session). */
const baseMembers = new WeakMap<TestApp, Promise<TestMember[]>>();
/** One departmental-service member per service code, per app. */
const serviceMembers = new WeakMap<TestApp, Map<string, Promise<TestMember>>>();

function membersFor(test: TestApp): Promise<TestMember[]> {
  let members = baseMembers.get(test);
  if (!members) {
    members = Promise.all([
      createMember(test, 'Alex Mission ESS', [{ category: 'MISSION_ESS' }]),
      createMember(test, 'Sacha Membre du CDESS', [{ category: 'CDESS_MEMBER' }]),
      createMember(test, 'Morgan Finance solidaire', [{ category: 'SOLIDARITY_FINANCE_PARTNER' }]),
      createMember(test, 'Claude Personne qualifiée', [{ category: 'QUALIFIED_PERSON' }]),
    ]);
    baseMembers.set(test, members);
  }
  return members;
}

function serviceMember(test: TestApp, code: string): Promise<TestMember> {
  const byCode = serviceMembers.get(test) ?? new Map<string, Promise<TestMember>>();
  serviceMembers.set(test, byCode);
  let member = byCode.get(code);
  if (!member) {
    member = createMember(test, `Dominique Service ${code}`, [{ category: 'DEPARTMENTAL_SERVICE', serviceCode: code }]);
    byCode.set(code, member);
  }
  return member;
}

/** The departmental services the dossier's step-1 orientations call for (as the committee reads them). */
export async function servicesOf(test: TestApp, dossierId: string): Promise<string[]> {
  const rows = await test.dataSource.query<{ code: string }[]>(
    `SELECT DISTINCT s.code FROM activity_analysis a
       JOIN policy_orientation o ON o.code = ANY (a.orientation_codes)
       JOIN departmental_service s ON s.code = ANY (o.service_codes)
      WHERE a.dossier_id = $1 ORDER BY s.code`,
    [dossierId],
  );
  return rows.map((row) => row.code);
}

/** The members who complete the committee for this dossier: its services', then the four others. */
export async function completeCommitteeFor(test: TestApp, dossierId: string): Promise<TestMember[]> {
  const services = await Promise.all((await servicesOf(test, dossierId)).map((code) => serviceMember(test, code)));
  return [...services, ...(await membersFor(test))];
}

/** Convokes `members` to the session and records them present (as the secretary). */
export async function convokeAndAttend(test: TestApp, sessionId: string, members: TestMember[]): Promise<void> {
  const convoked = await test.request({
    method: 'POST',
    url: `/api/committee/sessions/${sessionId}/convocations`,
    as: 'committee_secretary',
    body: { userIds: members.map((member) => member.userId) },
  });
  expectStatus('convocation', convoked, 200);
  const attended = await test.request({
    method: 'PUT',
    url: `/api/committee/sessions/${sessionId}/attendance`,
    as: 'committee_secretary',
    body: { entries: members.map((member) => ({ userId: member.userId, present: true })) },
  });
  expectStatus('attendance', attended, 200);
}

/** The member's own declaration for the dossier. */
export function declare(test: TestApp, dossierId: string, member: TestMember, body: Record<string, unknown>) {
  return test.request({
    method: 'PUT',
    url: `/api/dossiers/${dossierId}/interest-declarations`,
    as: 'committee_member',
    user: member.userId,
    body,
  });
}

export function vote(test: TestApp, dossierId: string, member: TestMember, body: Record<string, unknown>) {
  return test.request({
    method: 'PUT',
    url: `/api/dossiers/${dossierId}/votes`,
    as: 'committee_member',
    user: member.userId,
    body,
  });
}

/**
 * SCHEDULE_COMMITTEE: a body naming no existing session (the model's MODEL_SESSION_ID, "S-1")
 * gets a new session of today, and the body its id. A blank id is left to be refused.
 */
export const prepareSchedule: Preparation = async (test, _dossierId, body) => {
  const sessionId = body.sessionId;
  if (typeof sessionId !== 'string' || !sessionId.trim()) return body;
  if (UUID.test(sessionId)) {
    const [known] = await test.dataSource.query('SELECT id FROM committee_session WHERE id = $1', [sessionId]);
    if (known) return body;
  }
  const session = await createSession(test);
  return { ...body, sessionId: session.id };
};

/**
 * RECORD_OPINION: the dossier's session gets a member for every seat it needs (its
 * departmental services included), convoked and present, each having declared no
 * interest. Nothing is done for a dossier on no open agenda (the event is refused).
 */
export const prepareOpinion: Preparation = async (test, dossierId, body) => {
  const [item] = await test.dataSource.query<{ session_id: string }[]>(
    `SELECT ai.session_id FROM committee_agenda_item ai JOIN committee_session s ON s.id = ai.session_id
      WHERE ai.dossier_id = $1 AND ai.status = 'SCHEDULED' AND s.status = 'OPEN'`,
    [dossierId],
  );
  if (!item) return body;
  const members = await completeCommitteeFor(test, dossierId);
  const [{ missing }] = await test.dataSource.query<{ missing: number }[]>(
    `SELECT count(*)::int AS missing FROM unnest($2::uuid[]) AS m(user_id)
      WHERE NOT EXISTS (SELECT 1 FROM committee_attendance a WHERE a.session_id = $1 AND a.user_id = m.user_id AND a.present)`,
    [item.session_id, members.map((member) => member.userId)],
  );
  if (missing > 0) await convokeAndAttend(test, item.session_id, members);
  for (const member of members) {
    // Declarations concern the SCIC: one made through another of its dossiers holds.
    const [declared] = await test.dataSource.query(
      `SELECT 1 FROM committee_interest_declaration dcl JOIN dossier d ON d.scic_id = dcl.scic_id
        WHERE d.id = $1 AND dcl.user_id = $2 AND dcl.superseded_at IS NULL`,
      [dossierId, member.userId],
    );
    if (!declared) expectStatus('declaration', await declare(test, dossierId, member, { hasInterest: false }), 200);
  }
  return body;
};
