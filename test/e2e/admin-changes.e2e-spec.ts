/**
 * Administrative changes (issue 15 item 5, issue 16): thresholds kept within the law,
 * a reason for every change of a threshold, a referential entry or an envelope, each
 * change written in the administration journal (actor, before, after, reason) in its own
 * transaction, and an envelope that cannot fall below what the signed approvals commit.
 *
 * Refusals change nothing, so they run on the configured database. Changes of a
 * threshold's value would leak into other suites sharing a server database: they run on
 * an embedded database of their own. Envelopes use years no other suite signs in (2027,
 * 2028, 2029: the others pick theirs from 2030 on), one per test, so that no signature of
 * another suite moves what these tests commit.
 */
import { AdminJournalService } from '../../src/journal/admin-journal.service.js';
import { atDecision as atDecisionFor, sitting } from '../support/decisions.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

const REASON = 'Délibération du conseil départemental du 12 octobre 2026.';
const LEGAL_CAP =
  'Le plafond de détention publique ne peut pas dépasser 50 % du capital (loi 47-1775, art. 19 septies).';

interface Bound {
  direction: 'AT_MOST' | 'AT_LEAST' | 'WITHIN';
  min: number;
  max: number;
  rule: string;
  notAbove?: string;
  notBelow?: string;
}
interface ThresholdView {
  code: string;
  label: string;
  value: number;
  source: string;
  bound: Bound;
}

type Admin = (method: 'GET' | 'PUT', url: string, body?: unknown) => ReturnType<TestApp['request']>;
const adminOf =
  (t: TestApp): Admin =>
  (method, url, body) =>
    t.request({ method, url, as: 'admin', body });

async function thresholds(admin: Admin): Promise<ThresholdView[]> {
  return (await admin('GET', '/api/referentials/thresholds')).body.items;
}

async function setThreshold(admin: Admin, code: string, value: number, reason: string | undefined = REASON) {
  const current = (await thresholds(admin)).find((item) => item.code === code)!;
  return admin('PUT', `/api/referentials/thresholds/${code}`, { value, source: current.source, reason });
}

/** The journal's entries about one subject, oldest first. */
async function entriesAbout(t: TestApp, kind: string, id: string): Promise<Record<string, any>[]> {
  const found: Record<string, any>[] = [];
  for (let afterSeq = 0; ;) {
    const page = await t.request({
      method: 'GET',
      url: `/api/admin-journal?afterSeq=${afterSeq}&limit=500`,
      as: 'admin',
    });
    found.push(...page.body.items.filter((entry: any) => entry.subjectKind === kind && entry.subjectId === id));
    if (page.body.items.length < 500) return found;
    afterSeq = page.body.items.at(-1).seq;
  }
}

function expectRefused(response: { status: number; body: any }, message: string | RegExp, field = 'value') {
  expect(response.status).toBe(422);
  expect(response.body.error.code).toBe('VALIDATION_FAILED');
  const messages = response.body.error.details.fields
    .filter((entry: { field: string }) => entry.field === field)
    .flatMap((entry: { messages: string[] }) => entry.messages);
  expect(messages).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
}

describe('Administrative changes', () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await startTestApp();
    admin = adminOf(t);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('thresholds bounded by the law (refusals change nothing)', () => {
    it('shows each threshold’s bound', async () => {
      const items = await thresholds(admin);
      expect(items.find((item) => item.code === 'PUBLIC_CAP_BP')?.bound).toEqual({
        direction: 'AT_MOST',
        min: 0,
        max: 5000,
        rule: LEGAL_CAP,
      });
      expect(items.find((item) => item.code === 'LEGAL_RESERVE_MIN_BP')?.bound).toMatchObject({
        direction: 'AT_LEAST',
        min: 1500,
      });
      expect(items.find((item) => item.code === 'COLLEGE_MIN_BP')?.bound).toMatchObject({
        min: 1000,
        max: 5000,
        notAbove: 'COLLEGE_MAX_BP',
      });
      expect(items.find((item) => item.code === 'CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS')?.bound).toMatchObject({
        max: 24,
      });
      for (const item of items) {
        expect(item.bound).not.toBeNull();
        // Every seeded value lies within its own bound.
        expect(item.value).toBeGreaterThanOrEqual(item.bound.min);
        expect(item.value).toBeLessThanOrEqual(item.bound.max);
      }
    });

    it.each([
      ['PUBLIC_CAP_BP', 10_000, LEGAL_CAP],
      ['PUBLIC_CAP_BP', 5_001, LEGAL_CAP],
      ['LEGAL_RESERVE_MIN_BP', 0, /ne peut pas être inférieure à 15 %.*art\. 16/],
      ['LEGAL_RESERVE_MIN_BP', 1_499, /ne peut pas être inférieure à 15 %/],
      ['COLLEGE_MIN_BP', 6_000, /comprise entre 10 % et 50 %.*19 octies/],
      ['COLLEGE_MIN_BP', 999, /comprise entre 10 % et 50 %/],
      ['COLLEGE_MAX_BP', 5_001, /comprise entre 10 % et 50 %/],
      ['CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS', 600, /ne peut pas dépasser deux ans, soit 24 mois/],
      ['CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS', 25, /24 mois/],
      ['CEILING_PER_SCIC_CENTS', Number.MAX_SAFE_INTEGER, /au plus 1 milliard d’euros/],
      ['CEILING_PER_SCIC_CENTS', 0, /montant positif/],
      ['COOPERATIVE_REVISION_MAX_YEARS', 6, /tous les cinq ans/],
    ])('refuses %s = %d with 422 and the bound in French', async (code, value, message) => {
      const before = (await thresholds(admin)).find((item) => item.code === code)!.value;
      const response = await setThreshold(admin, code, value);
      expectRefused(response, message);
      if (typeof message === 'string') expect(response.body.error.message).toBe(message);
      expect((await thresholds(admin)).find((item) => item.code === code)!.value).toBe(before);
    });

    it('refuses a value of 2^53 (not a safe integer) and a decimal', async () => {
      expectRefused(
        await setThreshold(admin, 'CEILING_PER_SCIC_CENTS', 2 ** 53),
        'Valeur : la valeur est trop grande.',
      );
      expectRefused(await setThreshold(admin, 'PUBLIC_CAP_BP', 12.5), 'Valeur : doit être un nombre entier.');
    });

    it('refuses, for every declared bound, one unit beyond each end', async () => {
      for (const item of await thresholds(admin)) {
        expectRefused(await setThreshold(admin, item.code, item.bound.max + 1), item.bound.rule);
        if (item.bound.min > 0)
          expectRefused(await setThreshold(admin, item.code, item.bound.min - 1), item.bound.rule);
      }
    });
  });

  describe('a reason for every change', () => {
    const ENVELOPE_YEAR = 2027;
    const routes = async (): Promise<[string, string, Record<string, unknown>][]> => {
      const [service] = (await admin('GET', '/api/referentials/services')).body.items;
      const [orientation] = (await admin('GET', '/api/referentials/orientations')).body.items;
      const [marker] = (await admin('GET', '/api/referentials/markers')).body.items;
      const cap = (await thresholds(admin)).find((item) => item.code === 'PUBLIC_CAP_BP')!;
      return [
        ['service', `/api/referentials/services/${service.code}`, { label: service.label, active: service.active }],
        [
          'orientation',
          `/api/referentials/orientations/${orientation.code}`,
          {
            label: orientation.label,
            competenceCode: orientation.competenceCode,
            competenceLabel: orientation.competenceLabel,
            serviceCodes: orientation.serviceCodes,
            active: orientation.active,
          },
        ],
        [
          'marker',
          `/api/referentials/markers/${marker.code}`,
          { label: marker.label, description: marker.description, levels: marker.levels },
        ],
        ['threshold', '/api/referentials/thresholds/PUBLIC_CAP_BP', { value: cap.value, source: cap.source }],
        [
          'envelope',
          `/api/envelopes/${ENVELOPE_YEAR}`,
          { amountCents: 500_000_000, programmeReference: `AP ${ENVELOPE_YEAR}-SCIC` },
        ],
      ];
    };

    it.each([
      ['missing', undefined],
      ['blank', '          '],
      ['too short once trimmed', '   maj      '],
      ['not text', 42],
    ])('refuses a change whose reason is %s, on every route (422, French)', async (_case, reason) => {
      for (const [, url, body] of await routes()) {
        const response = await admin('PUT', url, reason === undefined ? body : { ...body, reason });
        expect(response.status).toBe(422);
        const fields = response.body.error.details.fields;
        expect(fields).toEqual([
          {
            field: 'reason',
            messages: [expect.stringMatching(/motif|^Motif : saisissez un texte\.$/)],
          },
        ]);
      }
    });

    it('journals every change with its actor, before, after and trimmed reason, and the chain holds', async () => {
      const journal = t.app.get(AdminJournalService);
      for (const [kind, url, body] of await routes()) {
        const id = decodeURIComponent(url.split('/').at(-1)!);
        const before = await entriesAbout(t, kind, id);
        const response = await admin('PUT', url, { ...body, reason: `  ${REASON}  ` });
        expect(response.status).toBe(200);
        const after = await entriesAbout(t, kind, id);
        expect(after).toHaveLength(before.length + 1);
        const entry = after.at(-1)!;
        expect(entry).toMatchObject({
          actorId: 'test.admin',
          actorRole: 'admin',
          actorCredential: 'dev',
          subjectKind: kind,
          subjectId: id,
          reason: REASON,
          after: kind === 'envelope' ? { amountCents: 500_000_000 } : expect.objectContaining({}),
        });
        expect(entry.type).toMatch(/^(SERVICE|ORIENTATION|MARKER|THRESHOLD)_CHANGED$|^ENVELOPE_(SET|CHANGED)$/);
      }
      expect(await journal.verify()).toMatchObject({ valid: true, firstBrokenSeq: null });
    });
  });

  describe('the envelope cannot fall below what is committed', () => {
    // PGlite has one connection: a transaction held open would block the request itself.
    const onServer = process.env.DATABASE_URL ? it : it.skip;
    onServer(
      'reads what is committed under the row lock a signature holds: a signature cannot slip in between',
      async () => {
        const year = 2028;
        t.clock.current = new Date(`${year}-06-15T08:00:00Z`);
        const url = `/api/envelopes/${year}`;
        const signature = t.dataSource.createQueryRunner();
        try {
          const body = { programmeReference: `AP ${year}-SCIC`, reason: REASON };
          expect((await admin('PUT', url, { ...body, amountCents: 900_000_000 })).status).toBe(200);
          const committed = (await admin('GET', url)).body.committedCents as number;
          const dossier = await atDecisionFor({ createDossier, sendEvent }, t, 1_000_000);
          const decision = { type: 'RECORD_DECISION', outcome: 'APPROVED', amountCents: 1_000_000, ...sitting(t) };
          expect((await sendEvent(t, dossier.id, decision)).status).toBe(200);

          // A signature in progress: it holds the envelope's row lock while it signs.
          await signature.connect();
          await signature.startTransaction();
          await signature.query('SELECT year FROM budget_envelope WHERE year = $1 FOR UPDATE', [year]);
          await signature.query(
            `UPDATE decision SET signed_at = now(), signed_by = 'test.elected_official', signatory_name = 'Élu de test',
                  document_sha256 = repeat('0', 64)
            WHERE dossier_id = $1 AND signed_at IS NULL`,
            [dossier.id],
          );
          // Above what is committed before the signature, below what is committed after it.
          const change = admin('PUT', url, { ...body, amountCents: committed + 500_000 });
          await new Promise((resolve) => setTimeout(resolve, 300));
          await signature.commitTransaction();
          const answer = await change;
          expect([answer.status, answer.body.error?.code]).toEqual([409, 'ENVELOPE_BELOW_COMMITTED']);
          expect((await admin('GET', url)).body).toMatchObject({ amountCents: 900_000_000 });
        } finally {
          if (signature.isTransactionActive) await signature.rollbackTransaction();
          await signature.release();
          t.clock.current = new Date('2026-11-23T09:00:00Z');
        }
      },
    );

    it('refuses, 409, an envelope below the signed approvals of its year, naming the amount in euros', async () => {
      const year = 2029;
      t.clock.current = new Date(`${year}-06-15T08:00:00Z`);
      try {
        const url = `/api/envelopes/${year}`;
        const set = (amountCents: number) =>
          admin('PUT', url, { amountCents, programmeReference: `AP ${year}-SCIC`, reason: REASON });
        expect((await set(900_000_000)).status).toBe(200);
        const committed = (await admin('GET', url)).body.committedCents as number;

        const dossier = await atDecisionFor({ createDossier, sendEvent }, t, 1_000_000);
        const decision = { type: 'RECORD_DECISION', outcome: 'APPROVED', amountCents: 1_000_000, ...sitting(t) };
        expect((await sendEvent(t, dossier.id, decision)).status).toBe(200);
        expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
        const nowCommitted = committed + 1_000_000;
        expect((await admin('GET', url)).body.committedCents).toBe(nowCommitted);

        const below = await set(nowCommitted - 1);
        expect(below.status).toBe(409);
        expect(below.body.error.code).toBe('ENVELOPE_BELOW_COMMITTED');
        expect(below.body.error.details).toMatchObject({ year, committedCents: nowCommitted });
        const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(nowCommitted / 100);
        expect(below.body.error.message).toContain(euros);
        expect(below.body.error.message).toMatch(
          /^L’enveloppe \d{4} ne peut pas être inférieure à ce qui est déjà engagé/,
        );
        expect((await admin('GET', url)).body.amountCents).toBe(900_000_000);

        const exactly = await set(nowCommitted);
        expect(exactly.status).toBe(200);
        expect(exactly.body).toMatchObject({ amountCents: nowCommitted, remainingCents: 0 });
        const entries = await entriesAbout(t, 'envelope', String(year));
        expect(entries.at(-1)).toMatchObject({
          type: 'ENVELOPE_CHANGED',
          before: { amountCents: 900_000_000 },
          after: { amountCents: nowCommitted },
          reason: REASON,
        });
      } finally {
        t.clock.current = new Date('2026-11-23T09:00:00Z');
      }
    });
  });
});

describe('Administrative changes that move a threshold (embedded database of their own)', () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    admin = adminOf(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets policy lower the cap and raise a reserve, and journals before and after', async () => {
    expect((await setThreshold(admin, 'PUBLIC_CAP_BP', 4_000)).status).toBe(200);
    expect((await setThreshold(admin, 'LEGAL_RESERVE_MIN_BP', 2_000)).status).toBe(200);
    const [cap] = await entriesAbout(t, 'threshold', 'PUBLIC_CAP_BP');
    expect(cap).toMatchObject({
      type: 'THRESHOLD_CHANGED',
      actorId: 'test.admin',
      before: { value: 5000 },
      after: { value: 4000 },
      reason: REASON,
    });
    const [reserve] = await entriesAbout(t, 'threshold', 'LEGAL_RESERVE_MIN_BP');
    expect(reserve).toMatchObject({ before: { value: 1500 }, after: { value: 2000 } });
    expect((await admin('GET', '/api/admin-journal/verify')).body).toEqual({
      valid: true,
      entries: 2,
      firstBrokenSeq: null,
    });
  });

  it('keeps the college minimum at or below the maximum, against the other’s current value', async () => {
    expect((await setThreshold(admin, 'COLLEGE_MAX_BP', 3_000)).status).toBe(200);
    const aboveMax = await setThreshold(admin, 'COLLEGE_MIN_BP', 4_000);
    expectRefused(
      aboveMax,
      '« Part minimale des droits de vote d’un collège » (40\u00a0%) ne peut pas dépasser « Part maximale des droits de vote d’un collège » (30\u00a0%).',
    );
    expect((await setThreshold(admin, 'COLLEGE_MIN_BP', 2_000)).status).toBe(200);
    const belowMin = await setThreshold(admin, 'COLLEGE_MAX_BP', 1_500);
    expectRefused(
      belowMin,
      /« Part maximale .* \(15\u00a0%\) ne peut pas être inférieure à « Part minimale .* \(20\u00a0%\)/,
    );
    expect((await setThreshold(admin, 'COLLEGE_MIN_BP', 3_000)).status).toBe(200);
  });

  it('detects an entry edited with the trigger disabled', async () => {
    const [entry] = await entriesAbout(t, 'threshold', 'PUBLIC_CAP_BP');
    await t.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE admin_journal_entry DISABLE TRIGGER "TRG_admin_journal_entry_no_update_delete"');
      await manager.query(`UPDATE admin_journal_entry SET after = '{"value": 5000, "source": "x"}' WHERE seq = $1`, [
        entry.seq,
      ]);
      await manager.query('ALTER TABLE admin_journal_entry ENABLE TRIGGER "TRG_admin_journal_entry_no_update_delete"');
    });
    expect((await admin('GET', '/api/admin-journal/verify')).body).toMatchObject({
      valid: false,
      firstBrokenSeq: entry.seq,
    });
  });
});

describe('A change and its journal entry are one transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      embedded: true,
      override: (builder) =>
        builder.overrideProvider(AdminJournalService).useValue({
          append: () => Promise.reject(new Error('journal unavailable')),
          head: () => Promise.resolve(null),
          verify: () => Promise.resolve({ valid: true, entries: 0, firstBrokenSeq: null }),
        }),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves the threshold and the envelope unchanged when the journal cannot be written', async () => {
    const admin = adminOf(t);
    expect((await setThreshold(admin, 'PUBLIC_CAP_BP', 4_000)).status).toBe(500);
    expect((await thresholds(admin)).find((item) => item.code === 'PUBLIC_CAP_BP')!.value).toBe(5000);
    const envelope = await admin('PUT', '/api/envelopes/2031', {
      amountCents: 100_000,
      programmeReference: 'AP 2031-SCIC',
      reason: REASON,
    });
    expect(envelope.status).toBe(500);
    expect((await admin('GET', '/api/envelopes/2031')).status).toBe(404);
  });
});
