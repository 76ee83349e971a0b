/**
 * Separation of duties on accounts (issue 16), over real sessions where it matters: an
 * administrator never holds a deciding role; nobody grants themselves a role, a
 * delegation or a password; a signing delegation is in force only once a second
 * administrator confirms it (and the élu's real session signs only then); a password an
 * administrator reset is one-time and blocks every act until replaced; every account act
 * is in the administration journal, with its reason and without any secret. Dossiers are
 * prepared with the development headers; the élu's signature uses a real login.
 */
import { atDecision, declareAsSignatory, sitting } from '../support/decisions.js';
import {
  callInSession,
  createDossier,
  httpCall,
  login,
  randomLoopbackAddress,
  sendEvent,
  startTestApp,
  uniqueWord,
  type HttpCall,
  type Session,
  type TestApp,
} from '../support/test-app.js';
import { UsersService } from '../../src/identity/users.service.js';
import type { Role } from '../../src/common/actor.js';

const RUN = uniqueWord('acc');
const PASSWORD = 'correct horse battery staple';
const email = (name: string) => `${name}.${RUN}@accounts.test`;

describe('Accounts: separation of duties, four-eyes delegations, one-time passwords, journal', () => {
  let t: TestApp;
  const ip = randomLoopbackAddress();
  const ids: Record<string, string> = {};
  const sessions: Record<string, Session> = {};
  const walk = { createDossier, sendEvent };

  const loginAs = (name: string, password = PASSWORD) => login(t, email(name), password, { localAddress: ip });
  const call = (name: string, request: HttpCall) => callInSession(t, sessions[name], request);
  const journalOf = async (subjectId: string) =>
    t.dataSource.query<{ type: string; actor_id: string; before: any; after: any; reason: string | null }[]>(
      'SELECT type, actor_id, before, after, reason FROM admin_journal_entry WHERE subject_id = $1 ORDER BY seq',
      [subjectId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    const users = t.app.get(UsersService);
    const create = async (name: string, roles: Role[]) => {
      const user = await users.create({
        email: email(name),
        displayName: `Test ${name}`,
        password: PASSWORD,
        roles: roles.map((role) => ({ role })),
      });
      ids[name] = user.id;
    };
    await create('adminA', ['admin']);
    await create('adminB', ['admin']);
    await create('elu', ['elected_official']);
    await create('viewer', ['viewer']);
    sessions.adminA = await loginAs('adminA');
    sessions.adminB = await loginAs('adminB');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('separation of duties', () => {
    it.each([['elected_official'], ['committee_member'], ['committee_secretary']])(
      'refuses an account holding admin and %s (422, French message), on create and on PATCH',
      async (deciding) => {
        const created = await call('adminA', {
          method: 'POST',
          url: '/api/users',
          body: {
            email: email(uniqueWord('mixed')),
            displayName: 'Mixte',
            password: PASSWORD,
            roles: [{ role: 'admin' }, { role: deciding }],
          },
        });
        expect(created.status).toBe(422);
        expect(created.body.error.details.fields).toEqual([
          { field: 'roles.1.role', messages: [expect.stringMatching(/^Séparation des fonctions/)] },
        ]);
        const patched = await call('adminA', {
          method: 'PATCH',
          url: `/api/users/${ids.elu}`,
          body: { roles: [{ role: deciding }, { role: 'admin' }], reason: 'Essai' },
        });
        expect(patched.status).toBe(422);
        expect(patched.body.error.details.fields[0].messages[0]).toMatch(/^Séparation des fonctions/);
        const [{ roles }] = await t.dataSource.query(
          'SELECT array_agg(role ORDER BY role) AS roles FROM user_role WHERE user_id = $1',
          [ids.elu],
        );
        expect(roles).toEqual(['elected_official']);
      },
    );

    it('the database refuses it too (trigger), whatever writes', async () => {
      await expect(
        t.dataSource.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'admin')`, [ids.elu]),
      ).rejects.toThrow(/separation of duties/);
    });

    it('nobody grants a role to themselves (403), even one an admin may hold', async () => {
      const selfGrant = await call('adminA', {
        method: 'PATCH',
        url: `/api/users/${ids.adminA}`,
        body: { roles: [{ role: 'admin' }, { role: 'viewer' }], reason: 'Pour voir' },
      });
      expect(selfGrant.status).toBe(403);
      expect(selfGrant.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'SELF_GRANT' } });
      expect(selfGrant.body.error.message).toMatch(/^Nul ne peut s’attribuer un rôle/);
      // Another administrator may.
      const granted = await call('adminB', {
        method: 'PATCH',
        url: `/api/users/${ids.viewer}`,
        body: { roles: [{ role: 'viewer' }, { role: 'instructor' }], reason: 'Renfort de la Mission ESS' },
      });
      expect(granted.status).toBe(200);
    });

    it('a reason is required to change roles or deactivate (422 naming « reason »)', async () => {
      const roles = await call('adminA', {
        method: 'PATCH',
        url: `/api/users/${ids.viewer}`,
        body: { roles: [{ role: 'viewer' }] },
      });
      expect(roles.status).toBe(422);
      expect(roles.body.error.details.fields).toEqual([
        { field: 'reason', messages: ['Le motif est obligatoire pour changer les rôles.'] },
      ]);
      const deactivate = await call('adminA', {
        method: 'PATCH',
        url: `/api/users/${ids.viewer}`,
        body: { active: false },
      });
      expect(deactivate.status).toBe(422);
      expect(deactivate.body.error.details.fields[0].field).toBe('reason');
    });

    it('nobody resets their own password through the administration route (403)', async () => {
      const own = await call('adminA', {
        method: 'POST',
        url: `/api/users/${ids.adminA}/password`,
        body: { reason: 'Oubli' },
      });
      expect(own.status).toBe(403);
      expect(own.body.error.details.reason).toBe('SELF_RESET');
    });
  });

  describe('signing delegation under four eyes', () => {
    const record = (by: string, userId: string, body: Record<string, unknown> = {}) =>
      call(by, {
        method: 'POST',
        url: `/api/users/${userId}/delegations`,
        body: {
          arreteReference: 'Arrêté n° 2026-077 portant délégation de signature',
          arreteDate: '2026-11-02',
          scope: 'ALL',
          startsOn: '2026-11-03',
          ...body,
        },
      });
    const signAs = async (session: Session, dossierId: string) =>
      callInSession(t, session, { method: 'POST', url: `/api/dossiers/${dossierId}/events`, body: { type: 'SIGN' } });
    const decidedDossier = async () => {
      const dossier = await atDecision(walk, t, 800_000);
      // A rejection: its signature needs the delegation, not the year's envelope.
      const recorded = await sendEvent(t, dossier.id, { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t) });
      expect(recorded.status).toBe(200);
      expect((await declareAsSignatory(t, dossier.id, { hasInterest: false }, ids.elu)).status).toBe(200);
      return dossier;
    };

    it('is refused to oneself, to a non-élu, and with dates out of order (403 / 422)', async () => {
      const self = await record('adminA', ids.adminA);
      expect(self.status).toBe(403);
      expect(self.body.error.details.reason).toBe('SELF_DELEGATION');
      const notElu = await record('adminA', ids.viewer);
      expect(notElu.status).toBe(422);
      expect(notElu.body.error.details.fields[0].messages[0]).toBe(
        'Seul un élu peut recevoir une délégation de signature.',
      );
      const backwards = await record('adminA', ids.elu, { startsOn: '2026-12-31', endsOn: '2026-12-01' });
      expect(backwards.status).toBe(422);
      expect(backwards.body.error.details.fields[0].field).toBe('endsOn');
      const noReference = await record('adminA', ids.elu, { arreteReference: ' ' });
      expect(noReference.status).toBe(422);
    });

    it('recorded but unconfirmed: the élu’s real session cannot SIGN; the recorder cannot confirm; another admin can; then SIGN passes', async () => {
      const dossier = await decidedDossier();
      const recorded = await record('adminA', ids.elu);
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({ status: 'AWAITING_CONFIRMATION', inForce: false, createdBy: ids.adminA });

      sessions.elu = await loginAs('elu');
      const refused = await signAs(sessions.elu, dossier.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual([expect.objectContaining({ code: 'NO_SIGNING_DELEGATION' })]);

      const sameAdmin = await call('adminA', { method: 'POST', url: `/api/delegations/${recorded.body.id}/confirm` });
      expect(sameAdmin.status).toBe(403);
      expect(sameAdmin.body.error.details.reason).toBe('FOUR_EYES');
      expect(sameAdmin.body.error.message).toMatch(/second administrateur/);

      const confirmed = await call('adminB', { method: 'POST', url: `/api/delegations/${recorded.body.id}/confirm` });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'IN_FORCE', inForce: true, confirmedBy: ids.adminB });
      const again = await call('adminB', { method: 'POST', url: `/api/delegations/${recorded.body.id}/confirm` });
      expect(again.status).toBe(409);

      const me = await call('elu', { method: 'GET', url: '/api/auth/me' });
      expect(me.body.user.signingDelegation).toMatchObject({ id: recorded.body.id, inForce: true });
      const signed = await signAs(sessions.elu, dossier.id);
      expect(signed.status).toBe(200);
      expect(signed.body.state).toBe('rejected');

      const list = await call('adminA', { method: 'GET', url: `/api/users/${ids.elu}/delegations` });
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(recorded.body.id);
    });

    it('a delegation not yet started, or revoked, is not in force: SIGN refused again', async () => {
      const dossier = await decidedDossier();
      const upcoming = await record('adminB', ids.elu, { startsOn: '2027-01-01' });
      await call('adminA', { method: 'POST', url: `/api/delegations/${upcoming.body.id}/confirm` });
      const { items } = (await call('adminA', { method: 'GET', url: `/api/users/${ids.elu}/delegations` })).body;
      expect(items.find((item: { id: string }) => item.id === upcoming.body.id)).toMatchObject({ status: 'UPCOMING' });

      // Revoke every delegation in force (a reason is required).
      for (const item of items.filter((one: { inForce: boolean }) => one.inForce)) {
        const noReason = await call('adminA', { method: 'POST', url: `/api/delegations/${item.id}/revoke`, body: {} });
        expect(noReason.status).toBe(422);
        const revoked = await call('adminA', {
          method: 'POST',
          url: `/api/delegations/${item.id}/revoke`,
          body: { reason: 'Fin de la délégation (nouvel arrêté)' },
        });
        expect(revoked.status).toBe(200);
        expect(revoked.body).toMatchObject({ status: 'REVOKED', inForce: false });
      }
      const refused = await signAs(sessions.elu, dossier.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual([expect.objectContaining({ code: 'NO_SIGNING_DELEGATION' })]);
      // Notifications of decisions to sign go only to élus with a delegation in force.
      const recipients = await t.app.get(UsersService).activeWithRole('elected_official', { signingDelegation: true });
      expect(recipients.map((r) => r.id)).not.toContain(ids.elu);
    });
  });

  describe('delegation scope', () => {
    it('a delegation limited to one deciding body does not sign the other body’s decisions', async () => {
      const elu3 = await t.app.get(UsersService).create({
        email: email('elu3'),
        displayName: 'Élu trois',
        password: PASSWORD,
        roles: [{ role: 'elected_official' }],
      });
      const dossier = await atDecision(walk, t, 800_000);
      // sitting(): a decision of the commission permanente.
      const decided = await sendEvent(t, dossier.id, { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t) });
      expect(decided.status).toBe(200);
      expect((await declareAsSignatory(t, dossier.id, { hasInterest: false }, elu3.id)).status).toBe(200);
      const grant = async (scope: string) => {
        const recorded = await call('adminA', {
          method: 'POST',
          url: `/api/users/${elu3.id}/delegations`,
          body: { arreteReference: `Arrêté ${scope}`, arreteDate: '2026-11-02', scope, startsOn: '2026-11-02' },
        });
        expect(recorded.status).toBe(201);
        const confirmed = await call('adminB', { method: 'POST', url: `/api/delegations/${recorded.body.id}/confirm` });
        expect(confirmed.status).toBe(200);
      };
      await grant('CONSEIL_DEPARTEMENTAL');
      const session = await loginAs('elu3');
      const sign = () =>
        callInSession(t, session, {
          method: 'POST',
          url: `/api/dossiers/${dossier.id}/events`,
          body: { type: 'SIGN' },
        });
      const refused = await sign();
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual([expect.objectContaining({ code: 'DELEGATION_SCOPE' })]);
      await grant('COMMISSION_PERMANENTE');
      expect((await sign()).status).toBe(200);
    });
  });

  describe('password reset by an administrator', () => {
    it('gives a one-time password: until changed the account can neither decide nor do anything else', async () => {
      const users = t.app.get(UsersService);
      const elu2 = await users.create({
        email: email('elu2'),
        displayName: 'Élu deux',
        password: PASSWORD,
        roles: [{ role: 'elected_official' }],
      });
      const reset = await call('adminA', {
        method: 'POST',
        url: `/api/users/${elu2.id}/password`,
        body: { reason: 'Mot de passe oublié' },
      });
      expect(reset.status).toBe(200);
      const temporary: string = reset.body.temporaryPassword;

      const loggedIn = await httpCall(t, {
        method: 'POST',
        url: '/api/auth/login',
        body: { email: email('elu2'), password: temporary },
        localAddress: ip,
      });
      expect(loggedIn.status).toBe(200);
      expect(loggedIn.body.user.mustChangePassword).toBe(true);
      const session = await loginAs('elu2', temporary);
      const dossier = await atDecision(walk, t, 800_000);

      const decide = await callInSession(t, session, {
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/events`,
        body: { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t) },
      });
      expect(decide.status).toBe(403);
      expect(decide.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(decide.body.error.message).toMatch(/changez-le avant de continuer/);
      const declare = await callInSession(t, session, {
        method: 'PUT',
        url: `/api/dossiers/${dossier.id}/decision/declaration`,
        body: { hasInterest: false },
      });
      expect(declare.status).toBe(403);
      expect((await callInSession(t, session, { method: 'GET', url: '/api/dossiers' })).status).toBe(403);
      const token = await callInSession(t, session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Contournement', role: 'elected_official' },
      });
      expect(token.status).toBe(403);
      expect((await callInSession(t, session, { method: 'GET', url: '/api/auth/me' })).status).toBe(200);

      const wrong = await callInSession(t, session, {
        method: 'POST',
        url: '/api/auth/password',
        body: { currentPassword: 'not the temporary one', newPassword: 'my own new passphrase' },
      });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.details.fields[0]).toEqual({
        field: 'currentPassword',
        messages: ['Le mot de passe actuel est incorrect.'],
      });
      const changed = await callInSession(t, session, {
        method: 'POST',
        url: '/api/auth/password',
        body: { currentPassword: temporary, newPassword: 'my own new passphrase' },
      });
      expect(changed.status).toBe(200);
      const after = await callInSession(t, session, {
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/events`,
        body: { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t) },
      });
      expect(after.status).toBe(200);
      ids.elu2 = elu2.id;
    });
  });

  it('an account an administrator created must replace its password at first login', async () => {
    const created = await call('adminA', {
      method: 'POST',
      url: '/api/users',
      body: { email: email('newcomer'), displayName: 'Nouvelle', password: PASSWORD, roles: [{ role: 'instructor' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    const session = await loginAs('newcomer');
    const list = await callInSession(t, session, { method: 'GET', url: '/api/dossiers' });
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const token = await callInSession(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
    });
    expect(token.status).toBe(422);
    expect(token.body.error.details.fields[0].field).toBe('newPassword');
    const changed = await callInSession(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      body: { currentPassword: PASSWORD, newPassword: 'a passphrase of my own' },
    });
    expect(changed.status).toBe(200);
    expect((await callInSession(t, session, { method: 'GET', url: '/api/dossiers' })).status).toBe(200);
  });

  describe('administration journal', () => {
    it('records every account act with actor, before, after and reason — never a password', async () => {
      const viewer = await journalOf(ids.viewer);
      expect(viewer.map((entry) => entry.type)).toEqual(['ACCOUNT_CREATED', 'ROLES_CHANGED']);
      expect(viewer[1]).toMatchObject({
        actor_id: ids.adminB,
        before: { roles: ['viewer'] },
        after: { roles: ['instructor', 'viewer'] },
        reason: 'Renfort de la Mission ESS',
      });
      const elu2 = await journalOf(ids.elu2);
      expect(elu2.map((entry) => entry.type)).toEqual(['ACCOUNT_CREATED', 'PASSWORD_RESET', 'PASSWORD_CHANGED']);
      expect(elu2[1]).toMatchObject({ actor_id: ids.adminA, reason: 'Mot de passe oublié' });
      expect(elu2[2]).toMatchObject({ actor_id: ids.elu2, after: { mustChangePassword: false } });

      const delegations = await t.dataSource.query<{ type: string; actor_id: string }[]>(
        `SELECT e.type, e.actor_id FROM admin_journal_entry e JOIN signing_delegation d ON d.id::text = e.subject_id
          WHERE d.user_id = $1 ORDER BY e.seq`,
        [ids.elu],
      );
      expect(delegations.map((entry) => entry.type)).toEqual(
        expect.arrayContaining(['DELEGATION_RECORDED', 'DELEGATION_CONFIRMED', 'DELEGATION_REVOKED']),
      );

      // Deactivation and tokens.
      const deactivated = await call('adminA', {
        method: 'PATCH',
        url: `/api/users/${ids.viewer}`,
        body: { active: false, reason: 'Fin de mission' },
      });
      expect(deactivated.status).toBe(200);
      const token = await call('elu', {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Export', role: 'elected_official' },
      });
      expect(token.status).toBe(201);
      expect((await call('elu', { method: 'DELETE', url: `/api/auth/tokens/${token.body.id}` })).status).toBe(200);
      expect((await journalOf(ids.viewer)).at(-1)).toMatchObject({
        type: 'ACCOUNT_DEACTIVATED',
        reason: 'Fin de mission',
      });
      expect((await journalOf(token.body.id)).map((entry) => entry.type)).toEqual(['TOKEN_CREATED', 'TOKEN_REVOKED']);

      const everything = JSON.stringify(
        await t.dataSource.query('SELECT before, after, reason FROM admin_journal_entry'),
      );
      expect(everything).not.toMatch(/argon2|passwordHash|temporaryPassword|scic_[A-Za-z0-9_-]{20}/);
      expect(everything).not.toContain(PASSWORD);
      const verify = await call('adminA', { method: 'GET', url: '/api/admin-journal/verify' });
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ valid: true });
    });
  });
});
