/**
 * Signing re-authenticates the signatory (issue 16): SIGN and the signature of a
 * correction need the password again, or a session whose password was checked less than
 * five minutes ago; an API token never signs; a wrong password is refused and counts
 * towards login throttling; the journal entry says how the signatory re-authenticated and
 * never holds the password. The dossier is prepared with the development identity; the
 * signatory signs through a real login session.
 */
import type { Actor } from '../../src/common/actor.js';
import { UsersService } from '../../src/identity/users.service.js';
import { WorkflowRunner } from '../../src/workflow/workflow-runner.service.js';
import { atDecision, declareAsSignatory, ensureEnvelope, sitting, uniqueDeliberation } from '../support/decisions.js';
import { grantSigningDelegation } from '../support/delegations.js';
import {
  callInSession,
  createDossier,
  httpCall,
  login,
  randomLoopbackAddress,
  sendEvent,
  startTestApp,
  uniqueWord,
  type Session,
  type TestApp,
} from '../support/test-app.js';

const RUN = uniqueWord('run');
const PASSWORD = 'signature passphrase 2026';
const MINUTE = 60_000;

describe('Signature with re-authentication', () => {
  let t: TestApp;
  const ip = randomLoopbackAddress();
  let signatoryId: string;
  const email = `signataire.${RUN}@reauth.test`;

  const advance = (ms: number) => {
    t.clock.current = new Date(t.clock.current.getTime() + ms);
  };
  const loginSignatory = () => login(t, email, PASSWORD, { localAddress: ip });
  const sign = (session: Session, dossierId: string, extra: Record<string, unknown> = {}) =>
    callInSession(t, session, {
      method: 'POST',
      url: `/api/dossiers/${dossierId}/events`,
      body: { type: 'SIGN', ...extra },
    });
  const stateOf = async (dossierId: string) =>
    (await t.dataSource.query('SELECT state FROM dossier WHERE id = $1', [dossierId]))[0].state as string;
  const journalOf = async (dossierId: string) =>
    (await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/journal`, as: 'viewer' })).body.items as any[];

  /** A dossier whose decision awaits the signature, the signatory having declared no interest. */
  const awaitingSignature = async () => {
    const dossier = await atDecision({ createDossier, sendEvent }, t, 800_000);
    const recorded = await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
    });
    expect(recorded.status).toBe(200);
    expect((await declareAsSignatory(t, dossier.id, { hasInterest: false }, signatoryId)).status).toBe(200);
    await ensureEnvelope(t, dossier.id);
    return dossier;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const user = await t.app.get(UsersService).create({
      email,
      displayName: 'Élue signataire',
      password: PASSWORD,
      roles: [{ role: 'elected_official' }],
    });
    signatoryId = user.id;
    await grantSigningDelegation(t, signatoryId);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a session logged in less than five minutes ago signs; the journal says RECENT_LOGIN and when', async () => {
    const dossier = await awaitingSignature();
    const session = await loginSignatory();
    const loggedInAt = t.clock.now().toISOString();
    advance(4 * MINUTE);
    const signed = await sign(session, dossier.id);
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('approved');
    const entry = (await journalOf(dossier.id)).find((item) => item.payload.event?.type === 'SIGN');
    expect(entry.actorCredential).toMatch(/^session:/);
    expect(entry.payload.effects.reauthentication).toEqual({ method: 'RECENT_LOGIN', at: loggedInAt });
  });

  it('five minutes after the login, SIGN without the password is refused 403 and signs nothing', async () => {
    const dossier = await awaitingSignature();
    const session = await loginSignatory();
    advance(5 * MINUTE);
    const refused = await sign(session, dossier.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'REAUTHENTICATION_REQUIRED' },
      message: expect.stringContaining('saisissez votre mot de passe'),
    });
    expect(await stateOf(dossier.id)).toBe('decision.decided');
  });

  it('with the password again it signs; the journal says PASSWORD and never holds the password', async () => {
    const dossier = await awaitingSignature();
    const session = await loginSignatory();
    advance(30 * MINUTE - 1000);
    const signed = await sign(session, dossier.id, { password: PASSWORD });
    expect(signed.status).toBe(200);
    expect(JSON.stringify(signed.body)).not.toContain(PASSWORD);
    const journal = await journalOf(dossier.id);
    const entry = journal.find((item) => item.payload.event?.type === 'SIGN');
    expect(entry.payload.effects.reauthentication).toEqual({ method: 'PASSWORD', at: t.clock.now().toISOString() });
    expect(entry.payload.event).toEqual({ type: 'SIGN' });
    expect(JSON.stringify(journal)).not.toContain(PASSWORD);
    const [stored] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM journal_entry WHERE dossier_id = $1 AND payload::text LIKE $2`,
      [dossier.id, `%${PASSWORD}%`],
    );
    expect(stored.n).toBe(0);
    const outbox = await t.dataSource.query(`SELECT payload::text AS p FROM outbox_message WHERE dossier_id = $1`, [
      dossier.id,
    ]);
    for (const row of outbox) expect(row.p).not.toContain(PASSWORD);
  });

  it('a wrong password is refused 403, signs nothing, and counts as a failed login (429 beyond the limit)', async () => {
    const dossier = await awaitingSignature();
    const address = randomLoopbackAddress();
    const session = await login(t, email, PASSWORD, { localAddress: address });
    const wrong = await sign(session, dossier.id, { password: 'not the password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({
      details: { reason: 'REAUTHENTICATION_FAILED' },
      message: 'Mot de passe incorrect : votre identité n’est pas confirmée.',
    });
    expect(JSON.stringify(wrong.body)).not.toContain('not the password');
    expect(await stateOf(dossier.id)).toBe('decision.decided');
    const [failures] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM login_failure WHERE email = $1 AND ip = $2',
      [email, address],
    );
    expect(failures.n).toBe(1);
    for (let i = 1; i < t.config.loginMaxFailuresPerAccount; i++) {
      expect((await sign(session, dossier.id, { password: `wrong ${i}` })).status).toBe(403);
    }
    const throttled = await sign(session, dossier.id, { password: PASSWORD });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    advance(t.config.loginWindowMs + 1000);
  });

  it('an API token cannot sign, even with the password', async () => {
    const dossier = await awaitingSignature();
    const session = await loginSignatory();
    const created = await callInSession(t, session, {
      method: 'POST',
      url: '/api/auth/tokens',
      body: { name: 'Signature', role: 'elected_official' },
    });
    expect(created.status).toBe(201);
    for (const body of [{ type: 'SIGN' }, { type: 'SIGN', password: PASSWORD }]) {
      const refused = await httpCall(t, {
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/events`,
        headers: { authorization: `Bearer ${created.body.token}` },
        body,
        localAddress: ip,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        details: { reason: 'TOKEN_CANNOT_SIGN' },
        message: expect.stringContaining('Un jeton d’API ne peut pas signer'),
      });
    }
    expect(await stateOf(dossier.id)).toBe('decision.decided');
  });

  it('the machine itself refuses a SIGN whose signatory did not re-authenticate (409)', async () => {
    const dossier = await awaitingSignature();
    const actor: Actor = { userId: signatoryId, role: 'elected_official', credential: 'test', signingDelegation: true };
    await expect(
      t.app.get(WorkflowRunner).send({ dossierId: dossier.id, command: { type: 'SIGN' }, actor }),
    ).rejects.toMatchObject({
      code: 'DOSSIER_TRANSITION_CONDITIONS_NOT_MET',
      details: { problems: [expect.objectContaining({ code: 'REAUTHENTICATION_REQUIRED' })] },
    });
    expect(await stateOf(dossier.id)).toBe('decision.decided');
  });

  it('signing a correction asks the same: refused after five minutes, signed with the password, journaled', async () => {
    const dossier = await awaitingSignature();
    const first = await loginSignatory();
    expect((await sign(first, dossier.id)).status).toBe(200);
    const recorded = await t.request({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/decision/corrections`,
      as: 'elected_official',
      body: {
        ...sitting(t, uniqueDeliberation('CP-2026-R')),
        amountCents: 700_000,
        justification: 'Erreur matérielle sur le nombre de parts.',
        reason: 'Le nombre de parts délibéré était de 70.',
      },
    });
    expect(recorded.status).toBe(201);
    const url = `/api/dossiers/${dossier.id}/decision/corrections/${recorded.body.decisionId}/sign`;
    const session = await loginSignatory();
    advance(6 * MINUTE);
    const stale = await callInSession(t, session, { method: 'POST', url, body: {} });
    expect(stale.status).toBe(403);
    expect(stale.body.error.details).toEqual({ reason: 'REAUTHENTICATION_REQUIRED' });
    const wrong = await callInSession(t, session, { method: 'POST', url, body: { password: 'not the password' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.details).toEqual({ reason: 'REAUTHENTICATION_FAILED' });
    const signed = await callInSession(t, session, { method: 'POST', url, body: { password: PASSWORD } });
    expect(signed.status).toBe(200);
    const entry = (await journalOf(dossier.id)).find((item) => item.type === 'DECISION_CORRECTION_SIGNED');
    expect(entry.payload.reauthentication).toEqual({ method: 'PASSWORD', at: t.clock.now().toISOString() });
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
  });
});
