/**
 * The note de synthèse over HTTP, on the database of the run (the PostgreSQL server with
 * DATABASE_URL, the embedded one otherwise): a complete dossier (steps 1–3 filled, a
 * committee opinion with a proposed amount) read back from the PDF's text; a dossier
 * with nothing filled; the per-dossier visibility (404) and the roles (403).
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/common/actor.js';
import { pdfText } from '../../src/documents/pdf/pdf-text.js';
import { completeCommitteeFor, type TestMember } from '../support/committee.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

const kind = process.env.DATABASE_URL ? 'server' : 'embedded';
const MOTIVATION = 'Projet coopératif solide, plan de financement équilibré, ancrage territorial réel.';
const CONDITIONS = 'Libération des parts après la prochaine révision coopérative.';

/** The PDF's bytes (the test client reads text). */
async function report(t: TestApp, dossierId: string, as: Role, user?: string) {
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const response = await fetch(`${base}/api/dossiers/${dossierId}/report.pdf`, {
    headers: { 'x-dev-user': user ?? `test.${as}`, 'x-dev-role': as },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body };
}

/** The PDF's text, lines joined with spaces (a long line wraps), no-break spaces as spaces. */
const textOf = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');

/** A table row: its cells in order (the extraction joins a line's cells without a separator). */
const row = (...cells: string[]) =>
  new RegExp(cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s*'));

describe(`Note de synthèse (${kind} database)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a complete dossier: analyses filled and the committee’s opinion given', () => {
    let dossier: { id: string; reference: string };
    let siren: string;
    let name: string;
    let committee: TestMember[];

    beforeAll(async () => {
      dossier = await createDossier(t, { requestedAmountCents: 8_000_000, nominalShareValueCents: 10_000 });
      const [scic] = await t.dataSource.query<{ siren: string; name: string }[]>(
        'SELECT s.siren, s.name FROM dossier d JOIN scic s ON s.id = d.scic_id WHERE d.id = $1',
        [dossier.id],
      );
      ({ siren, name } = scic);
      const events: Record<string, unknown>[] = [
        { type: 'SUBMIT' },
        { type: 'COMPLETE_ACTIVITY' },
        { type: 'COMPLETE_ESS_PRACTICES' },
        { type: 'COMPLETE_ECONOMIC' },
        // A session id naming none: the preparation creates a session of today.
        { type: 'SCHEDULE_COMMITTEE', sessionId: 'S-1' },
        {
          type: 'RECORD_OPINION',
          opinion: 'FAVOURABLE_WITH_CONDITIONS',
          motivation: MOTIVATION,
          conditions: CONDITIONS,
          proposedAmountCents: 7_500_000,
          proposedShares: 750,
        },
      ];
      for (const event of events) {
        const sent = await sendEvent(t, dossier.id, event);
        if (sent.status !== 200) throw new Error(`${String(event.type)}: ${sent.status} ${JSON.stringify(sent.body)}`);
      }
      committee = await completeCommitteeFor(t, dossier.id);
    });

    it('is served as a PDF named after the reference, never cached', async () => {
      const answer = await report(t, dossier.id, 'instructor');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      expect(answer.headers.get('content-disposition')).toBe(
        `inline; filename="note-de-synthese-${dossier.reference}.pdf"`,
      );
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('holds the key figures: SCIC, SIREN, amounts, conclusions, ratios, public share after subscription, opinion', async () => {
      const text = textOf((await report(t, dossier.id, 'elected_official')).body);
      expect(text).toContain(`Dossier ${dossier.reference} — ${name}`);
      expect(text).toContain('Établie le : 23 novembre 2026');
      expect(text).toContain('Étape du dossier : Étape 5 — Décision des élus : en attente de délibération');
      expect(text).toContain(`SIREN : ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`);
      expect(text).toContain('Montant demandé : 80 000,00 €, soit 800 parts de 100,00 €');
      // Steps 1–3 complete, each concluding that the project fits.
      expect(text.match(/Analyse complète\./g)).toHaveLength(3);
      expect(text.match(/Conclusion : S’inscrit dans les orientations du Département/g)).toHaveLength(3);
      expect(text).toContain('Compétence départementale : ');
      // The six markers of the referential on the radar, with their values.
      for (const label of ['Autonomie', 'Capabilités', 'Justice sociale', 'Durabilité']) expect(text).toContain(label);
      expect(text.match(/\d sur 3/g)).toHaveLength(6);
      // Ratios of the example's years: equity / balance sheet, debt / equity, debt / CAF, cash days, subsidies.
      expect(text).toMatch(row('Fonds propres / total du bilan', '37,5 %'));
      expect(text).toMatch(row('Dettes financières / fonds propres', '0,5'));
      expect(text).toContain('3,75 ans');
      expect(text).toContain('62,93 jours');
      expect(text).toContain('16,67 %');
      expect(text).toMatch(row('Total des emplois', '240 000,00 €', 'Total des ressources', '240 000,00 €'));
      expect(text).toContain('Prise de participation au capital : 80 000,00 €');
      // Cap table of step 2: 200 000 € of capital, 25 000 € public. 105 000 / 280 000 and 100 000 / 275 000.
      expect(text).toContain('Capital avant souscription : 200 000,00 €');
      expect(text).toMatch(row('Montant demandé', '80 000,00 €', '800 parts', '37,5 %', 'conforme'));
      expect(text).toMatch(row('Montant proposé par le comité', '75 000,00 €', '750 parts', '36,36 %', 'conforme'));
      expect(text).not.toContain('non conforme');
      // The opinion last.
      expect(text).toContain('Séance : 23 novembre 2026');
      expect(text).toContain('Avis : Favorable sous conditions');
      expect(text).toContain(`Motivation : ${MOTIVATION}`);
      expect(text).toContain(`Conditions : ${CONDITIONS}`);
      expect(text).toContain('Montant proposé : 75 000,00 € (750 parts)');
      for (const member of committee) expect(text).toContain(member.displayName);
      expect(text.indexOf('6. Avis du comité d’engagement')).toBeGreaterThan(
        text.indexOf('5. Vérification des montants'),
      );
    });

    it('a committee member convoked to the session reads it; one who is not does not see the dossier (404)', async () => {
      const convoked = await report(t, dossier.id, 'committee_member', committee[0].userId);
      expect(convoked.status).toBe(200);
      const stranger = await report(t, dossier.id, 'committee_member', randomUUID());
      expect(stranger.status).toBe(404);
    });

    it('the viewer reads it, as it reads the parts it is made of (issue 16); an unknown dossier is 404', async () => {
      const viewer = await report(t, dossier.id, 'viewer');
      expect(viewer.status).toBe(200);
      expect(viewer.headers.get('content-type')).toBe('application/pdf');
      expect((await report(t, randomUUID(), 'viewer')).status).toBe(404);
    });
  });

  describe('a dossier with nothing filled', () => {
    let draft: { id: string; reference: string };

    beforeAll(async () => {
      draft = await createDossier(t);
    });

    it('renders, saying for each analysis that it is not filled and that no opinion was given', async () => {
      const answer = await report(t, draft.id, 'instructor');
      expect(answer.status).toBe(200);
      const text = textOf(answer.body);
      expect(text).toContain(`Dossier ${draft.reference}`);
      expect(text).toContain('Étape du dossier : Brouillon');
      expect(text).toContain('Montant demandé : 60 000,00 €, soit 600 parts de 100,00 €');
      expect(text.match(/Analyse non renseignée\./g)).toHaveLength(3);
      expect(text).toMatch(row('Montant demandé', '60 000,00 €', '600 parts', 'non calculable', 'à vérifier'));
      expect(text).toContain('La table de capitalisation n’est pas connue');
      expect(text).toContain('Le comité d’engagement n’a pas encore rendu d’avis sur ce dossier.');
    });

    it('is hidden (404) from the élus and the secretary before the committee step, as the dossier is', async () => {
      for (const role of ['elected_official', 'committee_secretary'] as const) {
        const answer = await report(t, draft.id, role);
        expect([role, answer.status]).toEqual([role, 404]);
        expect(JSON.parse(answer.body.toString()).error.code).toBe('DOSSIER_NOT_FOUND');
      }
    });

    it('answers 404 for an unknown or malformed id', async () => {
      expect((await report(t, randomUUID(), 'instructor')).status).toBe(404);
      expect((await report(t, 'not-a-uuid', 'admin')).status).toBe(404);
    });
  });
});
