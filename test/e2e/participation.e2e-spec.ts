/**
 * After an approval: the subscription, the payments — none before the decision is signed
 * and executory (DOMAIN rule 12) — the portfolio of stakes, and the CSV/XLSX exports,
 * opened with a spreadsheet library.
 */
import ExcelJS from 'exceljs';
import { atDecision as atDecisionFor, sitting } from '../support/decisions.js';
import { createDossier, getBytes, sendEvent, startTestApp, TEST_NOW, type TestApp } from '../support/test-app.js';

describe('Participation, portfolio and exports', () => {
  let t: TestApp;
  const walk = { createDossier, sendEvent };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    t.clock.current = TEST_NOW;
  });

  /** A dossier whose approval of 8 000 € (80 shares) is recorded, and signed unless told otherwise. */
  async function approved(options: { sign?: boolean } = {}) {
    const dossier = await atDecisionFor(walk, t, 800_000);
    const recorded = await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
    });
    expect(recorded.status).toBe(200);
    if (options.sign !== false) expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
    return dossier;
  }
  const subscribe = (dossierId: string, body: Record<string, unknown>) =>
    t.request({ method: 'PUT', url: `/api/dossiers/${dossierId}/participation/subscription`, as: 'instructor', body });
  const pay = (dossierId: string, body: Record<string, unknown>) =>
    t.request({ method: 'POST', url: `/api/dossiers/${dossierId}/participation/payments`, as: 'instructor', body });
  const counts = async (dossierId: string) => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM participation_payment WHERE dossier_id = $1)::int AS payments,
              (SELECT count(*) FROM participation WHERE dossier_id = $1)::int AS participations,
              (SELECT count(*) FROM journal_entry WHERE dossier_id = $1)::int AS journal`,
      [dossierId],
    );
    return row;
  };

  it('refuses a payment, and a subscription, before the decision is signed; writes nothing', async () => {
    const dossier = await approved({ sign: false });
    const before = await counts(dossier.id);
    const payment = await pay(dossier.id, { amountCents: 100_000, paidOn: '2026-11-23', reference: 'M-1' });
    expect(payment.status).toBe(409);
    expect(payment.body.error).toMatchObject({
      code: 'PARTICIPATION_REFUSED',
      details: { reason: 'PAYMENT_BEFORE_SIGNATURE' },
    });
    const subscription = await subscribe(dossier.id, { signedOn: '2026-11-23', executoryOn: '2026-11-23' });
    expect(subscription.status).toBe(409);
    expect(subscription.body.error.details.reason).toBe('SUBSCRIPTION_BEFORE_SIGNATURE');
    expect(await counts(dossier.id)).toEqual(before);
  });

  it('records the subscription, refuses payments before it is executory or above what is subscribed, and lists the stake', async () => {
    const dossier = await approved();
    expect(
      (await pay(dossier.id, { amountCents: 100_000, paidOn: '2026-11-23', reference: 'M-0' })).body.error,
    ).toMatchObject({ details: { reason: 'SUBSCRIPTION_NOT_SIGNED' } });

    t.clock.current = new Date('2026-12-10T09:00:00Z');
    const early = await subscribe(dossier.id, { signedOn: '2026-11-20', executoryOn: '2026-12-01' });
    expect(early.status).toBe(422);
    expect(early.body.error.details.fields[0].field).toBe('signedOn');
    const future = await subscribe(dossier.id, { signedOn: '2026-12-02', executoryOn: '2026-12-31' });
    expect(future.status).toBe(422);
    expect((await subscribe(dossier.id, { signedOn: '2026-12-02', executoryOn: '2026-12-01' })).status).toBe(200);

    const beforeExecutory = await pay(dossier.id, { amountCents: 100_000, paidOn: '2026-11-30', reference: 'M-1' });
    expect(beforeExecutory.status).toBe(409);
    expect(beforeExecutory.body.error.details.reason).toBe('DECISION_NOT_EXECUTORY');
    expect(beforeExecutory.body.error.message).toContain('1er décembre 2026');

    const first = await pay(dossier.id, { amountCents: 300_000, paidOn: '2026-12-05', reference: 'M-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ paidAmountCents: 300_000, remainingCents: 500_000 });
    expect(
      (await pay(dossier.id, { amountCents: 1_000, paidOn: '2026-12-05', reference: 'M-1' })).body.error.details,
    ).toMatchObject({ reason: 'DUPLICATE_REFERENCE' });
    const above = await pay(dossier.id, { amountCents: 500_100, paidOn: '2026-12-06', reference: 'M-2' });
    expect(above.body.error.details).toMatchObject({ reason: 'ABOVE_SUBSCRIBED', remainingCents: 500_000 });
    expect((await pay(dossier.id, { amountCents: 500_000, paidOn: '2026-12-06', reference: 'M-2' })).status).toBe(201);
    // Paid in full: the subscription no longer changes.
    expect(
      (await subscribe(dossier.id, { signedOn: '2026-12-03', executoryOn: '2026-12-01' })).body.error.details,
    ).toMatchObject({ reason: 'PAYMENTS_RECORDED' });

    const view = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/participation`, as: 'viewer' });
    expect(view.body.payments.map((payment: { reference: string }) => payment.reference)).toEqual(['M-1', 'M-2']);
    const portfolio = await t.request({ method: 'GET', url: '/api/portfolio', as: 'elected_official' });
    expect(portfolio.status).toBe(200);
    const [capital] = await t.dataSource.query(
      'SELECT current_capital_cents FROM ess_practices_analysis WHERE dossier_id = $1',
      [dossier.id],
    );
    expect(portfolio.body.find((stake: { dossierId: string }) => stake.dossierId === dossier.id)).toMatchObject({
      shares: 80,
      subscribedAmountCents: 800_000,
      paidAmountCents: 800_000,
      decidedOn: '2026-11-23',
      subscriptionSignedOn: '2026-12-02',
      executoryOn: '2026-12-01',
      shareOfCapitalBasisPoints: Math.floor((800_000 * 10_000) / (Number(capital.current_capital_cents) + 800_000)),
    });

    await expect(
      t.dataSource.query('DELETE FROM participation_payment WHERE dossier_id = $1', [dossier.id]),
    ).rejects.toThrow(/insert-only/);
  });

  it('lets only the instructor record, and hides nothing it should not', async () => {
    const dossier = await approved();
    const byViewer = await t.request({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/participation/payments`,
      as: 'viewer',
      body: { amountCents: 100, paidOn: '2026-11-23', reference: 'X' },
    });
    expect(byViewer.status).toBe(403);
    const invalid = await pay(dossier.id, { amountCents: -5, paidOn: '2026-02-30', reference: '' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'amountCents',
      'paidOn',
      'reference',
    ]);
    expect((await getBytes(t, '/api/exports/portfolio.csv', 'committee_member')).status).toBe(403);
    // A committee member sees the stakes of the dossiers of their sessions only (none here).
    const memberPortfolio = await t.request({ method: 'GET', url: '/api/portfolio', as: 'committee_member' });
    expect(memberPortfolio.body.some((stake: { dossierId: string }) => stake.dossierId === dossier.id)).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/exports/portfolio.pdf', as: 'viewer' })).status).toBe(404);
  });

  it('exports the dossiers and the portfolio as CSV and XLSX with French headers and typed columns', async () => {
    const dossier = await approved();
    const [row] = await t.dataSource.query(
      'SELECT d.reference, s.name, s.siren FROM dossier d JOIN scic s ON s.id = d.scic_id WHERE d.id = $1',
      [dossier.id],
    );

    const csv = await getBytes(t, '/api/exports/dossiers.csv', 'instructor');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\ufeffRéférence;SCIC;SIREN;')).toBe(true);
    const line = text.split('\r\n').find((candidate) => candidate.startsWith(`${row.reference};`));
    expect(line?.split(';')).toEqual([
      row.reference,
      row.name,
      row.siren,
      'SAS',
      expect.any(String),
      'Participation approuvée',
      '10000,00',
      '2026-11-23',
      '',
      '8000,00',
      expect.stringMatching(/^CP-2026-/),
    ]);

    const xlsx = await getBytes(t, '/api/exports/portfolio.xlsx', 'viewer');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Portefeuille');
    expect(sheet).toBeDefined();
    const headers = (sheet!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      'Référence',
      'SCIC',
      'SIREN',
      'Commune',
      'Délibération',
      'Date de décision',
      'Parts sociales',
      'Montant souscrit',
      'Montant versé',
      'Part du capital',
      'Souscription signée le',
      'Exécutoire le',
    ]);
    let found: ExcelJS.Row | undefined;
    sheet!.eachRow((candidate) => {
      if (candidate.getCell(1).value === row.reference) found = candidate;
    });
    expect(found).toBeDefined();
    expect(found!.getCell(3).value).toBe(row.siren); // text: the leading zeros of a SIREN survive
    expect(found!.getCell(6).value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(found!.getCell(7).value).toBe(80);
    expect(found!.getCell(8).value).toBe(8000);
    expect(found!.getCell(8).numFmt).toContain('€');
    expect(found!.getCell(9).value).toBe(0);
    expect(typeof found!.getCell(10).value).toBe('number');
  });
});
