/**
 * The web interface in a real browser (Debian Chromium through playwright-core), on the
 * database of the run, with real accounts logging in through the login page:
 *
 * 1. an instructor registers a request, opens the instruction, fills step 1 and attaches
 *    its pieces in the interface, validates steps 1–3 and puts the dossier on a session;
 * 2. the committee secretary records attendance, gives the opinion with its amount check
 *    and closes the session;
 * 3. an élu with a signing delegation records the decision (one élu recused) in the form,
 *    declares no interest, signs, downloads the signed act and verifies its SHA-256;
 * 4. the instructor records the subscription and a payment (two refused first, with the
 *    API's messages), finds the stake in the portfolio and downloads its exports;
 * 5. the élu corrects the signed decision and signs the correction; the portfolio follows;
 * plus a stale version (412) that keeps what the user typed, validation errors shown
 * beside their fields, keyboard-only use of the dossier page, and the administration.
 *
 * axe-core reports 0 violations on every page visited; each main page is saved under
 * test/browser/screenshots/.
 */
import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { UsersService } from '../../src/identity/users.service.js';
import { grantSigningDelegation } from '../support/delegations.js';
import { completeAnalysisData, saveAnalysis } from '../support/analyses.js';
import { completeCommitteeFor, convokeAndAttend, createSession, declare, vote } from '../support/committee.js';
import { devIdentity, samplePdf, uploadMissingPieces } from '../support/documents.js';
import {
  createDossier,
  sendEvent,
  startTestApp,
  TEST_NOW,
  uniqueSiren,
  uniqueWord,
  type TestApp,
} from '../support/test-app.js';
import {
  axeViolations,
  CHROMIUM,
  loginThroughForm,
  logout,
  openBrowser,
  screenshot,
  type Browser,
} from './support/browser.js';

const PASSWORD = 'navigateur passphrase 2026';
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

jest.setTimeout(240_000);

let test: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
const accounts: Record<'instructor' | 'secretary' | 'elected' | 'admin' | 'reader', string> = {
  instructor: '',
  secretary: '',
  elected: '',
  admin: '',
  reader: '',
};
/** Shared by the three role journeys, which follow one dossier. */
const journey: { dossierId?: string; sessionId?: string; name: string; deliberation: string } = {
  name: `SCIC Navigateur ${uniqueWord()}`,
  deliberation: `CP-2026-${uniqueWord()}`,
};

async function expectNoAxeViolations(name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  await screenshot(page, name);
}

async function waitForState(label: string): Promise<void> {
  await page.locator('.dossier-header .badge', { hasText: label }).waitFor();
}

async function sendThroughDialog(action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (fill) await fill();
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await page.getByText(`Action enregistrée : ${action}.`).waitFor();
}

// Issue 18: confirmations of outward actions, the note de synthèse, the empty search.
/** Opens the action's confirmation: « Annuler » closes it and changes nothing (focus back on the button). */
async function cancelConfirmation(action: string): Promise<void> {
  const button = page.getByRole('button', { name: action, exact: true });
  await button.click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  expect(await dialog.textContent()).toMatch(/sera|seront/);
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Runs in the page: the button has the focus back.
  expect(await button.evaluate((element: any) => element === element.ownerDocument.activeElement)).toBe(true);
}

/** The note de synthèse's link answers a PDF. */
async function expectReportLink(scope: ReturnType<Page['locator']> | Page = page): Promise<void> {
  const link = scope.getByRole('link', { name: /^Note de synthèse \(PDF\)/ }).first();
  await link.waitFor();
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/dossiers\/[0-9a-f-]+\/report\.pdf$/);
  const answer = await page.request.get(href);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('application/pdf');
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('dist/web is missing: npm run build');
  test = await startTestApp();
  baseUrl = (await test.app.getUrl()).replace('[::1]', '127.0.0.1');
  const users = test.app.get(UsersService);
  const create = async (
    key: keyof typeof accounts,
    name: string,
    roles: Parameters<UsersService['create']>[0]['roles'],
  ) => {
    accounts[key] = `${uniqueWord(key)}@navigateur.test`;
    await users.create({ email: accounts[key], displayName: name, password: PASSWORD, roles });
  };
  await create('instructor', 'Inès Instructrice', [{ role: 'instructor' }]);
  await create('secretary', 'Sam Secrétaire', [{ role: 'committee_secretary' }]);
  await create('elected', 'Élise Élue signataire', [{ role: 'elected_official' }]);
  await grantSigningDelegation(test, (await users.findByEmail(accounts.elected))!.id);
  await create('admin', 'Adèle Administratrice', [{ role: 'admin' }]);
  await create('reader', 'Lina Lectrice', [{ role: 'viewer' }]);
  // Approvals are signed against the year's envelope (rule 5), set as a deployment would have it.
  await test.dataSource.query(
    `INSERT INTO budget_envelope (year, amount_cents, programme_reference)
     VALUES ($1, 900000000000000, $2) ON CONFLICT (year) DO NOTHING`,
    [Number(TEST_NOW.toISOString().slice(0, 4)), `AP ${TEST_NOW.toISOString().slice(0, 4)} (tests)`],
  );
  browser = await openBrowser(baseUrl);
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await test?.close();
});

afterEach(() => {
  expect(browser.pageErrors).toEqual([]);
});

it('serves the interface under / and keeps the API under /api, with JS under 300 kB gzipped', async () => {
  const spa = await fetch(`${baseUrl}/dossiers/quelconque`);
  expect(spa.status).toBe(200);
  expect(spa.headers.get('content-type')).toContain('text/html');
  expect(spa.headers.get('content-security-policy')).toContain("script-src 'self'");
  const api = await fetch(`${baseUrl}/api/route-inconnue`);
  expect(api.status).toBe(404);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
  const scripts = readdirSync(join(WEB_ROOT, 'assets')).filter((file) => file.endsWith('.js'));
  const gzipped = scripts.reduce(
    (total, file) => total + gzipSync(readFileSync(join(WEB_ROOT, 'assets', file))).length,
    0,
  );
  expect(gzipped).toBeLessThan(300 * 1024);
});

it('instructor: registers a request (with a validation error first) and takes it from draft to the committee', async () => {
  await page.goto('/');
  await expectNoAxeViolations('01-connexion');
  await loginThroughForm(page, accounts.instructor, PASSWORD);
  await expectNoAxeViolations('02-tableau-de-bord-instructeur');

  await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  await expectNoAxeViolations('03-liste-des-dossiers');
  await page.getByRole('link', { name: 'Enregistrer une demande' }).click();
  await page.getByLabel('Raison sociale').fill(journey.name);
  await page.getByLabel('SIREN').fill('123456789');
  await page.getByLabel('Forme juridique').selectOption('SAS');
  await page.getByLabel('Commune du siège').fill('Arras');
  await page.getByLabel('Montant demandé (€)').fill('60 000');
  await page.getByLabel('Valeur nominale d’une part sociale (€)').fill('100');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();

  // The API's French message, beside the field, which is marked invalid.
  const siren = page.getByLabel('SIREN');
  await page.locator('#e-scic-siren').waitFor();
  expect(await siren.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#e-scic-siren').textContent()).toMatch(/SIREN/);
  await expectNoAxeViolations('04-nouvelle-demande-erreur');

  await siren.fill(uniqueSiren());
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByRole('heading', { level: 1, name: journey.name }).waitFor();
  journey.dossierId = page.url().split('/dossiers/')[1].split('?')[0];
  await waitForState('Brouillon');
  expect(await page.locator('.dossier-header').textContent()).toContain('60\u202f000,00\u00a0€');

  await sendThroughDialog('Ouvrir l’instruction');
  await waitForState('Étape 1');
  await page.getByRole('heading', { name: 'Étape 1 — Analyse des indicateurs d’activité' }).waitFor();

  // Step 1, typed in the form.
  await page.getByLabel('Date de création').fill('2019-03-01');
  await page.getByLabel('Siège social').fill('3 rue des Coopératives, 62000 Arras');
  await page.getByLabel('Territoire d’intervention').fill('Arrageois');
  await page.getByLabel('Secteur d’activité').fill('Alimentation durable');
  await page.getByLabel('Description des activités').fill('Épicerie coopérative et légumerie d’insertion.');
  await page.getByLabel('Salariés (équivalents temps plein)').fill('8,5');
  await page.getByLabel('Bénéficiaires touchés').fill('1200');
  await page.getByLabel('Chiffre d’affaires (€)').fill('520 000');
  await page.getByLabel('Insertion par l’activité économique et retour à l’emploi').check();
  await page.getByLabel('Compétence départementale').selectOption('INSERTION');
  await page.getByLabel('Adéquation aux orientations').fill('Répond à l’orientation insertion du Département.');
  await page.getByLabel('Conclusion', { exact: true }).selectOption('FITS');
  await page.getByLabel('Commentaires accompagnant la conclusion').fill('Activité en adéquation.');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.getByText('Enregistré.', { exact: true }).waitFor();
  await expectNoAxeViolations('05-dossier-etape-1');

  // Its pieces, attached in the interface.
  await page.getByRole('link', { name: 'Pièces' }).click();
  await page.getByRole('heading', { name: 'Pièces du dossier' }).waitFor();
  for (const [code, file] of [
    ['STATUTS', 'statuts.pdf'],
    ['KBIS', 'kbis.pdf'],
  ]) {
    await page.getByLabel('Type de pièce').selectOption(code);
    await page
      .getByLabel(/^Fichier/)
      .setInputFiles({ name: file, mimeType: 'application/pdf', buffer: samplePdf(code) });
    await page.getByRole('button', { name: 'Déposer la pièce' }).click();
    await page.getByText(`${file} : Enregistré.`).waitFor();
  }
  await expectNoAxeViolations('06-dossier-pieces');
  await sendThroughDialog('Valider l’étape 1 (activité)');
  await waitForState('Étape 2');

  // Steps 2 and 3: their (long) analyses are saved through the API, as a colleague would;
  // the interface validates each step.
  const id = journey.dossierId;
  for (const step of ['essPractices', 'economic'] as const) {
    const saved = await saveAnalysis(test, id, step, await completeAnalysisData(test, id, step));
    expect(saved.status).toBe(200);
    await uploadMissingPieces(test, id, step, devIdentity('instructor'));
    await page.goto(`/dossiers/${id}?onglet=${step === 'essPractices' ? 'pratiques' : 'economique'}`);
    const action =
      step === 'essPractices' ? 'Valider l’étape 2 (pratiques d’ESS)' : 'Valider l’étape 3 et transmettre au comité';
    if (step === 'economic') {
      await page.getByRole('heading', { name: 'Étape 3 — Analyse économique' }).waitFor();
      await page.getByText('Plan équilibré').waitFor();
      await page.getByRole('heading', { name: 'Ratios (version enregistrée)' }).waitFor();
      await expectNoAxeViolations('07-dossier-etape-3');
    } else {
      await page.getByRole('img', { name: /Radar des marqueurs : Autonomie/ }).waitFor();
      await expectNoAxeViolations('07-dossier-etape-2');
    }
    await sendThroughDialog(action);
  }
  await waitForState('en attente de séance');

  // On the agenda of a session the secretary created.
  const session = await createSession(test, { place: 'Hôtel du Département, Arras (navigateur)' });
  journey.sessionId = session.id;
  await page.reload();
  await sendThroughDialog('Inscrire à une séance du comité', async () => {
    await page.getByRole('dialog').getByLabel('Séance du comité').selectOption(session.id);
  });
  await waitForState('inscrit à l’ordre du jour');
  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByText(/Chaîne d’intégrité vérifiée/).waitFor();
  await expectNoAxeViolations('08-dossier-journal');
  await page.getByRole('link', { name: 'Synthèse', exact: true }).click();
  await expectNoAxeViolations('09-dossier');
  await expectReportLink();

  // The list filtered by the orientation chosen at step 1 (and by name, among other suites' dossiers):
  // another orientation first, so that the dossier's return can only come from its own.
  await page.goto('/dossiers');
  await page.getByLabel(/^Rechercher/).fill(journey.name);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const results = (text: string) => page.getByRole('status').filter({ hasText: new RegExp(`^${text}$`) });
  await results('1 résultat').waitFor();
  const orientation = page.getByLabel('Orientation', { exact: true });
  await orientation.selectOption({ label: 'Bien vieillir et maintien de l’autonomie à domicile' });
  await results('0 résultat').waitFor();
  await orientation.selectOption({ label: 'Insertion par l’activité économique et retour à l’emploi' });
  await results('1 résultat').waitFor();
  expect(new URL(page.url()).searchParams.get('orientation')).toBe('INSERTION_EMPLOI');
  await page.getByRole('link', { name: journey.name }).waitFor();
  await expectNoAxeViolations('09-dossiers-par-orientation');

  // A search that finds nothing offers to reset the filters, and no export of nothing.
  await page.getByLabel(/^Rechercher/).fill(`${journey.name} introuvable`);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await results('0 résultat').waitFor();
  const reset = page.getByRole('button', { name: 'Réinitialiser les filtres' });
  await reset.waitFor();
  expect(await page.getByRole('link', { name: /^Exporter/ }).count()).toBe(0);
  await expectNoAxeViolations('09b-dossiers-recherche-vide');
  await reset.click();
  await page
    .getByRole('link', { name: /^Exporter tous les dossiers/ })
    .first()
    .waitFor();
  const afterReset = new URL(page.url()).searchParams;
  expect([afterReset.get('q'), afterReset.get('orientation')]).toEqual([null, null]);
  expect(await page.getByLabel(/^Rechercher/).inputValue()).toBe('');
  await logout(page);
});

// [u3] Declarations of interest as the session page shows them: three states, the member's own form.
const MEMBER_PASSWORD = 'committee passphrase 2026';

async function membersDeclareThroughTheInterface(
  sessionId: string,
  member: { displayName: string; email: string },
): Promise<void> {
  // Convoked, nobody has declared yet: nobody is said to have « aucun intérêt ».
  await loginThroughForm(page, accounts.secretary, PASSWORD);
  await page.goto(`/comite/seances/${sessionId}`);
  await page.getByText(`${member.displayName} : pas encore de déclaration d’intérêts`).waitFor();
  expect(await page.getByText(/aucun intérêt/).count()).toBe(0);
  await logout(page);

  // The member declares an interest: déporté, not « aucun intérêt », no vote form but why.
  await loginThroughForm(page, member.email, MEMBER_PASSWORD);
  await page.goto(`/comite/seances/${sessionId}`);
  await page.getByText(/Vous n’avez pas encore déclaré vos intérêts/).waitFor();
  expect(await page.getByRole('button', { name: 'Modifier ma déclaration' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Voter' }).count()).toBe(0);
  await page.getByLabel('Avez-vous un intérêt dans cette SCIC ?').selectOption('true');
  await page.getByLabel('Nature de l’intérêt').selectOption('FAMILY_TIE');
  await page.getByRole('button', { name: 'Déclarer mes intérêts' }).click();
  await page.getByText('Déclaration enregistrée.').waitFor();
  await page
    .getByText(`${member.displayName} : intérêt déclaré (lien familial avec un dirigeant ou un associé) — déporté`)
    .waitFor();
  await page.getByText(`Déportés : ${member.displayName}.`).waitFor();
  expect(await page.getByText(`${member.displayName} : aucun intérêt`).count()).toBe(0);
  await page.getByText(/vous êtes déporté et ne prenez part ni à la composition, ni au vote/).waitFor();
  expect(await page.getByRole('button', { name: 'Voter' }).count()).toBe(0);
  await expectNoAxeViolations('11b-seance-membre-deporte');

  // The interest withdrawn (with its reason), then the vote; after a reload both are shown as recorded.
  await page.getByLabel('Avez-vous un intérêt dans cette SCIC ?').selectOption('false');
  await page.getByLabel('Motif du retrait').fill('Le lien familial déclaré concernait une autre SCIC.');
  await page.getByRole('button', { name: 'Modifier ma déclaration' }).click();
  await page.getByText(`${member.displayName} : aucun intérêt déclaré`).waitFor();
  await page.getByLabel('Position').selectOption('FAVOURABLE');
  await page.getByRole('button', { name: 'Voter' }).click();
  await page.getByText('Vote enregistré.').waitFor();
  await page.reload();
  await page.getByText(/Votre vote enregistré : /).waitFor();
  expect(await page.getByLabel('Avez-vous un intérêt dans cette SCIC ?').inputValue()).toBe('false');
  expect(await page.getByLabel('Position').inputValue()).toBe('FAVOURABLE');
  await expectNoAxeViolations('11c-seance-membre-vote');
  await logout(page);
}

it('committee secretary: runs the session — attendance, opinion with the amount check, closing and minutes', async () => {
  const { dossierId, sessionId } = journey;
  expect(dossierId && sessionId).toBeTruthy();
  // The members: convoked, then their declarations and votes (their own pages are tested by the API suites).
  const members = await completeCommitteeFor(test, dossierId!);
  await convokeAndAttend(test, sessionId!, members);
  await membersDeclareThroughTheInterface(sessionId!, members[0]);
  for (const member of members.slice(1)) {
    expect((await declare(test, dossierId!, member, { hasInterest: false })).status).toBe(200);
    expect((await vote(test, dossierId!, member, { position: 'FAVOURABLE' })).status).toBe(200);
  }

  await loginThroughForm(page, accounts.secretary, PASSWORD);
  await expectNoAxeViolations('10-tableau-de-bord-secretaire');
  await page.getByRole('link', { name: 'Comité d’engagement', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Comité d’engagement' }).waitFor();
  await expectNoAxeViolations('11-comite-seances');
  await page.goto(`/comite/seances/${sessionId}`);
  await page.getByRole('heading', { name: 'Ordre du jour' }).waitFor();
  await page.getByText('Composition complète : le comité peut rendre son avis.').waitFor();
  await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
  await page.getByText('Présences enregistrées.').waitFor();
  await expectNoAxeViolations('12-seance');
  await expectReportLink(page.locator('.agenda'));

  // The convocations are e-mailed only once confirmed.
  await cancelConfirmation('Envoyer les convocations');
  expect(await page.getByText('Convocations envoyées.').count()).toBe(0);
  await page.getByRole('button', { name: 'Envoyer les convocations', exact: true }).click();
  const convocations = page.getByRole('dialog', { name: 'Envoyer les convocations' });
  await convocations.getByText(/Un courriel de convocation/).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, '12b-seance-convocations-confirmation');
  await convocations.getByRole('button', { name: 'Envoyer les convocations' }).click();
  await page.getByText('Convocations envoyées.').waitFor();

  await page.getByRole('button', { name: /Enregistrer l’avis du comité/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Avis du comité').selectOption('FAVOURABLE');
  await dialog
    .getByLabel('Motivation de l’avis')
    .fill('Projet solide, gouvernance exemplaire et plan de financement équilibré.');
  await dialog.getByLabel('Montant proposé (€)').fill('50 000');
  await dialog.getByText(/Part des collectivités, groupements et EPT au capital après souscription/).waitFor();
  await dialog.getByText('500 parts sociales entières').waitFor();
  expect((await axeViolations(page)).length).toBe(0);
  await screenshot(page, '13-seance-avis');
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await page.getByText(`Avis enregistré pour ${journey.name}.`).waitFor();

  // Closing asks first: cancelled, the session stays open.
  await cancelConfirmation('Clore la séance');
  expect(await page.getByRole('link', { name: 'Télécharger le procès-verbal (PDF)' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Clore la séance', exact: true }).click();
  const closing = page.getByRole('dialog', { name: 'Clore la séance' });
  await closing.getByText(/Cette action est définitive/).waitFor();
  await closing.getByRole('button', { name: 'Clore la séance' }).click();
  await page.getByText('Séance close : procès-verbal généré.').waitFor();
  const minutes = page.getByRole('link', { name: 'Télécharger le procès-verbal (PDF)' });
  await minutes.waitFor();
  const pdf = await page.evaluate(
    async (href) => {
      const response = await fetch(href);
      return { status: response.status, type: response.headers.get('content-type') };
    },
    (await minutes.getAttribute('href'))!,
  );
  expect(pdf).toEqual({ status: 200, type: expect.stringContaining('application/pdf') });
  await expectNoAxeViolations('14-seance-close');
  await logout(page);
});

it('élu: records the decision (one élu recused), declares no interest, signs, downloads and verifies the act', async () => {
  const { dossierId } = journey;
  await loginThroughForm(page, accounts.elected, PASSWORD);
  // On a database shared with other suites the dashboard's short list may not reach this
  // dossier: the élu finds it on the decision list by its name, as a user would.
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goto(`/dossiers?q=${encodeURIComponent(journey.name)}`);
  await page.getByRole('link', { name: journey.name }).first().click();
  await page.getByRole('heading', { level: 1, name: journey.name }).waitFor();
  await page.goto(`/dossiers/${dossierId}/decision`);
  await page.getByRole('heading', { level: 1, name: `Décision — ${journey.name}` }).waitFor();
  // The committee's proposal is recalled.
  await page.getByText(/montant proposé 50\u202f000,00\u00a0€/).waitFor();
  await expectNoAxeViolations('15-decision');
  await expectReportLink();

  // Sent empty: the API's messages beside their fields.
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await page.locator('#e-sessionDate').waitFor();
  expect(await page.getByLabel('Date de la séance').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#e-body').textContent()).toMatch(/Instance qui délibère/);

  await page.getByLabel('Instance qui délibère').selectOption('COMMISSION_PERMANENTE');
  // A field's message goes once it is changed.
  await page.locator('#e-body').waitFor({ state: 'detached' });
  await page
    .getByLabel('Référence de la délégation à la commission permanente')
    .fill('Délibération CD-2025-001 du 2 juillet 2025');
  await page.getByLabel('Date de la séance').fill(TEST_NOW.toISOString().slice(0, 10));
  await page.getByLabel('Numéro de délibération').fill(journey.deliberation);
  await page.getByLabel('Sens de la décision').selectOption('APPROVED');
  // An amount other than the proposal asks for a justification; the proposal's does not.
  const amount = page.getByLabel('Montant décidé (€)');
  await amount.fill('45 000');
  await page.getByText('450 parts sociales entières').waitFor();
  const justification = page.getByLabel('Justification de l’écart avec le montant proposé');
  await justification.waitFor();
  await amount.fill('50 000');
  await page.getByText('500 parts sociales entières').waitFor();
  await justification.waitFor({ state: 'detached' });
  await page.getByLabel('Nombre de parts (facultatif)').fill('500');
  await page.getByRole('button', { name: 'Ajouter un élu déporté' }).click();
  await page.getByLabel('Nom de l’élu déporté n° 1').fill('M. Paul Durand');
  await expectNoAxeViolations('15b-decision-formulaire');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await page.getByText('Action enregistrée : Enregistrer la décision.').waitFor();
  const recorded = page.getByRole('region', { name: 'Décision enregistrée, en attente de signature' });
  await recorded.getByText('M. Paul Durand').waitFor();
  expect(await recorded.textContent()).toContain(`délibération n° ${journey.deliberation}`);

  // The signatory's own declaration, then the signature.
  await page.getByLabel('Je n’ai aucun intérêt dans cette SCIC').check();
  await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
  await page.getByText('Déclaration enregistrée.').waitFor();
  await page.getByText('aucun intérêt dans la SCIC', { exact: true }).waitFor();
  await expectNoAxeViolations('15c-decision-declaration');

  await page.getByRole('button', { name: 'Signer la décision' }).click();
  const dialog = page.getByRole('dialog', { name: 'Signer la décision' });
  await dialog.getByRole('heading', { name: 'Ce que fait la signature' }).waitFor();
  await dialog.getByText('Vous avez déclaré n’avoir aucun intérêt dans la SCIC.').waitFor();
  await dialog.getByText('Délégation de signature : Arrêté 2026-042.').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, '16-decision-signature');
  // Signing asks the password again: a wrong one is refused in French, nothing is signed.
  const confirmation = dialog.getByLabel('Mot de passe (confirmation de votre identité)');
  await confirmation.fill('pas le bon mot de passe');
  await dialog.getByRole('button', { name: 'Je signe' }).click();
  await dialog.getByText('Mot de passe incorrect : votre identité n’est pas confirmée.').waitFor();
  await confirmation.fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Je signe' }).click();
  const signed = page.getByRole('dialog', { name: 'Décision signée' });
  const hashText = signed.getByTestId('document-sha256');
  await hashText.waitFor();
  const hash = (await hashText.textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, '16b-decision-signee');

  // The signed act: a PDF whose SHA-256 is the one shown, downloaded by the browser too.
  const link = signed.getByRole('link', { name: 'Télécharger l’acte signé (PDF)' });
  const pdf = await page.request.get((await link.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await signed.getByRole('button', { name: 'Fermer' }).click();
  await signed.waitFor({ state: 'detached' });
  await page.getByRole('region', { name: 'Décision signée' }).getByText(hash).waitFor();
  await page
    .getByRole('region', { name: 'Historique des décisions' })
    .getByRole('rowheader', { name: `n° ${journey.deliberation}` })
    .waitFor();
  const state = await test.request({ method: 'GET', url: `/api/dossiers/${dossierId}` });
  expect(state.body.state).toBe('approved');

  // The dossier's decision tab shows the same.
  await page.goto(`/dossiers/${dossierId}?onglet=decision`);
  await page.getByRole('heading', { name: 'Décision signée' }).waitFor();
  await expectNoAxeViolations('16c-dossier-onglet-decision');

  // The hash pasted into « Vérifier un document »; then a hash the application never issued.
  await page.getByRole('link', { name: 'Vérifier un document', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Vérifier un document' }).waitFor();
  const field = page.getByLabel('Empreinte SHA-256 du document');
  await field.fill(hash);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const issued = page.getByText(/Document authentique\./);
  await issued.waitFor();
  expect(await page.locator('.verify-result').textContent()).toContain(`délibération n° ${journey.deliberation}`);
  await expectNoAxeViolations('16d-verifier-document');
  await field.fill('0'.repeat(64));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByText(/Document inconnu\./).waitFor();
  await field.fill('pas une empreinte');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.locator('#e-sha256').waitFor();
  // Opened from a signed decision, the page verifies its hash at once.
  await page.goto(`/dossiers/${dossierId}?onglet=decision`);
  await page.getByRole('link', { name: 'Vérifier un document avec cette empreinte' }).click();
  await issued.waitFor();
  expect(await field.inputValue()).toBe(hash);
  await logout(page);
});

it('instructor: subscription and payments (refused, then recorded), the portfolio and the exports', async () => {
  const { dossierId } = journey;
  const today = TEST_NOW.toISOString().slice(0, 10);
  await loginThroughForm(page, accounts.instructor, PASSWORD);
  await page.goto(`/dossiers/${dossierId}`);
  await waitForState('approuvée');
  await page.getByRole('link', { name: 'Participation', exact: true }).click();
  await page.getByRole('heading', { name: 'Participation au capital' }).waitFor();
  await page.getByText('Pas encore exécutoire').waitFor();

  await page.getByLabel('Bulletin de souscription signé le').fill(today);
  await page.getByLabel('Décision exécutoire le').fill(today);
  await page.getByRole('button', { name: 'Enregistrer la souscription' }).click();
  await page.getByText('Souscription enregistrée.').waitFor();
  await page.getByText('Au plus tôt le 23 novembre 2026 (décision exécutoire), au plus tard aujourd’hui.').waitFor();

  // The amount is said in French as it is typed, with what would remain to pay.
  const amount = page.getByLabel('Montant versé (€)');
  await amount.fill('60000');
  await page
    .getByText('Soit 60\u202f000,00\u00a0€ : c’est 10\u202f000,00\u00a0€ de plus que le reste à verser.')
    .waitFor();
  // Once the field is left, the amount is shown back as French writes it.
  await amount.blur();
  expect(await amount.inputValue()).toBe('60\u202f000,00');
  await page.getByLabel('Date du versement').fill('2026-11-22');
  await page.getByLabel('Référence comptable').fill('Mandat 2026-004512');
  expect(await amount.inputValue()).toBe('60\u202f000,00');

  // Refused: paid before the decision was executory, then above the subscription — the API's messages.
  const record = page.getByRole('button', { name: 'Enregistrer le versement' });
  await record.click();
  await page
    .getByRole('alert')
    .getByText(/exécutoire que depuis le 23 novembre 2026/)
    .waitFor();
  await page.getByLabel('Date du versement').fill(today);
  await record.click();
  await page
    .getByRole('alert')
    .getByText(/dépasse le reste à verser \(50\u202f000,00\u00a0€\)/)
    .waitFor();
  await expectNoAxeViolations('21-participation-refus');

  await amount.fill('20 000');
  await page.getByText('Soit 20\u202f000,00\u00a0€ ; resteront à verser 30\u202f000,00\u00a0€.').waitFor();
  await record.click();
  await page.getByText('Versement de 20\u202f000,00\u00a0€ enregistré.').waitFor();
  const payments = page.getByRole('region', { name: 'Versements' });
  await payments.getByRole('cell', { name: 'Mandat 2026-004512' }).waitFor();
  expect(await amount.inputValue()).toBe('');
  await page.getByText('Des versements sont enregistrés : la souscription ne se modifie plus.').waitFor();
  await expectNoAxeViolations('21b-participation');

  // The portfolio, from the header: the stake, its totals, and the server's exports.
  await page.getByRole('link', { name: 'Portefeuille', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Portefeuille des participations' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: journey.name });
  await row.waitFor();
  const text = (await row.textContent())!;
  expect(text).toContain(`n° ${journey.deliberation}`);
  expect(text).toContain('500');
  expect(text).toContain('50\u202f000,00\u00a0€');
  expect(text).toContain('20\u202f000,00\u00a0€');
  expect(text).toMatch(/\d+(,\d+)?\u00a0%/);
  await page.getByRole('rowheader', { name: 'Total' }).waitFor();
  await expectNoAxeViolations('22-portefeuille');

  const xlsxLink = page.getByRole('link', { name: 'Exporter le portefeuille (XLSX)' });
  const xlsx = await page.request.get((await xlsxLink.getAttribute('href'))!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  const [download] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
  expect(download.suggestedFilename()).toBe('portefeuille.xlsx');
  const csv = await page.request.get(
    (await page.getByRole('link', { name: 'Exporter le portefeuille (CSV)' }).getAttribute('href'))!,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(journey.deliberation);

  // The dossiers list offers the server's exports too.
  await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
  const dossiersXlsx = page.getByRole('link', { name: 'Exporter tous les dossiers (XLSX)' });
  await dossiersXlsx.waitFor();
  const dossiers = await page.request.get((await dossiersXlsx.getAttribute('href'))!);
  expect(dossiers.status()).toBe(200);
  expect(dossiers.headers()['content-type']).toContain('spreadsheetml');
  await logout(page);
});

it('élu: corrects the signed decision (its errors first) and signs the correction; the portfolio follows', async () => {
  const { dossierId } = journey;
  const correction = `${journey.deliberation}-R`;
  await loginThroughForm(page, accounts.elected, PASSWORD);
  await page.goto(`/dossiers/${dossierId}/decision`);
  await page.getByRole('region', { name: 'Décision signée' }).waitFor();
  await page.getByRole('button', { name: 'Corriger la décision' }).click();
  await page.getByRole('heading', { name: 'Corriger la décision' }).waitFor();
  // The form starts from the signed decision; the sitting and the délibération are new.
  expect(await page.getByLabel('Montant décidé (€)').inputValue()).toBe('50\u202f000,00');
  expect(await page.getByLabel('Nom de l’élu déporté n° 1').inputValue()).toBe('M. Paul Durand');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await page.locator('#e-reason').waitFor();
  expect(await page.getByLabel('Motif de la correction').getAttribute('aria-invalid')).toBe('true');

  await page.getByLabel('Date de la séance').fill(TEST_NOW.toISOString().slice(0, 10));
  await page.getByLabel('Numéro de délibération').fill(correction);
  await page.getByLabel('Montant décidé (€)').fill('40 000');
  await page.getByLabel('Nombre de parts (facultatif)').fill('400');
  await page
    .getByLabel('Justification de l’écart avec le montant proposé')
    .fill('Tour de table complété par un autre financeur.');
  await page.getByLabel('Motif de la correction').fill('Erreur matérielle sur le montant souscrit.');
  await expectNoAxeViolations('23-decision-correction');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await page.getByText('Correction enregistrée : elle prendra effet une fois signée.').waitFor();
  const pending = page.getByRole('region', { name: 'Correction en attente de signature' });
  await pending.getByText(`Remplace la délibération n° ${journey.deliberation}`).waitFor();

  await page.getByRole('button', { name: 'Signer la correction' }).click();
  const dialog = page.getByRole('dialog', { name: 'Signer la correction' });
  await dialog.getByText(/Elle remplace la délibération n°/).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, '23b-correction-signature');
  await dialog.getByLabel('Mot de passe (confirmation de votre identité)').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Je signe' }).click();
  const signed = page.getByRole('dialog', { name: 'Correction signée' });
  const hash = (await signed.getByTestId('document-sha256').textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await signed.getByRole('button', { name: 'Fermer' }).click();
  const inForce = page.getByRole('region', { name: 'Décision signée (correction)' });
  await inForce.getByText(hash).waitFor();
  await page
    .getByRole('region', { name: 'Historique des décisions' })
    .getByText(`correction de la délibération n° ${journey.deliberation}`)
    .waitFor();
  await expectNoAxeViolations('23c-decision-corrigee');

  await page.getByRole('link', { name: 'Portefeuille', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: journey.name });
  await row.getByText(`n° ${correction}`).waitFor();
  expect(await row.textContent()).toContain('40\u202f000,00\u00a0€');

  // The élu reads the participation; only the Mission ESS records it.
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: 'Participation au capital' }).waitFor();
  await page.getByText('Lecture seule : la souscription et les versements sont saisis par la Mission ESS.').waitFor();
  await page.getByRole('region', { name: 'Versements' }).getByRole('cell', { name: 'Mandat 2026-004512' }).waitFor();
  expect(await page.getByRole('button', { name: 'Enregistrer le versement' }).count()).toBe(0);
  await logout(page);
});

it('a stale version (412) shows what changed and keeps what the user typed', async () => {
  const dossier = await createDossier(test, {}, { name: `SCIC Conflit ${uniqueWord()}` });
  expect((await sendEvent(test, dossier.id, { type: 'SUBMIT' })).status).toBe(200);
  const first = await completeAnalysisData(test, dossier.id, 'activity');
  expect((await saveAnalysis(test, dossier.id, 'activity', first)).status).toBe(200);

  await loginThroughForm(page, accounts.instructor, PASSWORD);
  await page.goto(`/dossiers/${dossier.id}?onglet=activite`);
  await page.getByLabel('Secteur d’activité').fill('Saisie de l’instructrice');
  // Meanwhile a colleague saves another field.
  const colleague = await saveAnalysis(
    test,
    dossier.id,
    'activity',
    { ...first, territoryServed: 'Modifié par un collègue' },
    { 'if-match': '"1"' },
  );
  expect(colleague.status).toBe(200);

  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const panel = page.getByRole('alert').filter({ hasText: 'Quelqu’un a modifié ces données entre-temps' });
  await panel.waitFor();
  expect(await panel.textContent()).toContain('Territoire d’intervention');
  expect(await panel.textContent()).toContain('Modifié par un collègue');
  expect(await page.getByLabel('Secteur d’activité').inputValue()).toBe('Saisie de l’instructrice');
  await expectNoAxeViolations('17-conflit-412');

  await panel.getByRole('button', { name: /Garder mes modifications/ }).click();
  expect(await page.getByLabel('Territoire d’intervention').inputValue()).toBe('Modifié par un collègue');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.getByText('Enregistré.', { exact: true }).waitFor();
  const saved = await test.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/analyses/activity` });
  expect(saved.body.data).toMatchObject({
    sector: 'Saisie de l’instructrice',
    territoryServed: 'Modifié par un collègue',
  });
  expect(saved.body.version).toBe(3);

  // An analysis the API refuses: its message beside the field.
  await page.getByLabel('Salariés (équivalents temps plein)').fill('beaucoup');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.locator('#e-employeesFte').waitFor();
  expect(await page.getByLabel('Salariés (équivalents temps plein)').getAttribute('aria-invalid')).toBe('true');
  await expectNoAxeViolations('18-analyse-erreur');
  await logout(page);
});

it('keyboard only: the dossier page is used without a mouse, with a visible focus', async () => {
  const dossier = await createDossier(test, {}, { name: `SCIC Clavier ${uniqueWord()}` });
  await loginThroughForm(page, accounts.instructor, PASSWORD);
  await page.goto(`/dossiers/${dossier.id}`);
  await waitForState('Brouillon');
  const focused = () =>
    // Runs in the page, where `globalThis` is the window.
    page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as any;
      const element = document.activeElement;
      const style = element ? getComputedStyle(element) : null;
      return {
        text: element?.textContent?.trim() ?? '',
        tag: element?.tagName ?? '',
        inDialog: !!element?.closest('dialog'),
        outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
      };
    });
  const tabTo = async (text: string) => {
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press('Tab');
      const current = await focused();
      if (current.text === text) return current;
    }
    throw new Error(`"${text}" never received the focus`);
  };

  await page.keyboard.press('Tab');
  expect((await focused()).text).toBe('Aller au contenu');
  await page.keyboard.press('Enter');
  const button = await tabTo('Ouvrir l’instruction');
  expect(button.outline).not.toMatch(/^none/);

  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  expect((await focused()).inDialog).toBe(true);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect((await focused()).text).toBe('Ouvrir l’instruction');

  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  await tabTo('Confirmer');
  await page.keyboard.press('Enter');
  await waitForState('Étape 1');

  await tabTo('Journal');
  await page.keyboard.press('Enter');
  await page.getByText(/Chaîne d’intégrité vérifiée/).waitFor();
  await tabTo('1. Activité');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Étape 1 — Analyse des indicateurs d’activité' }).waitFor();
  await tabTo('Enregistrer');
  await page.keyboard.press('Enter');
  await page.getByText('Enregistré.', { exact: true }).waitFor();
  await logout(page);
});

it('administration: accounts, thresholds and the envelope', async () => {
  await loginThroughForm(page, accounts.admin, PASSWORD);
  await expectNoAxeViolations('19-tableau-de-bord-admin');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  await page.getByRole('cell', { name: accounts.instructor, exact: true }).waitFor();
  // The signatory's delegation, recorded by one administrator and confirmed by another.
  await page.getByLabel('Élu', { exact: true }).selectOption({ label: 'Élise Élue signataire' });
  await page.getByRole('cell', { name: 'En vigueur', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer une délégation' }).waitFor();
  await expectNoAxeViolations('20b-administration-delegations');
  // A threshold beyond the law is refused with its bound, next to the field (nothing changes).
  const cap = page.getByRole('group', {
    name: 'Part maximale du capital détenue par l’ensemble des personnes publiques',
  });
  await cap.getByLabel(/^Valeur/).fill('6000');
  await cap.getByLabel('Motif de la modification').fill('Essai du navigateur : un plafond trop haut.');
  await cap.getByRole('button', { name: /^Enregistrer/ }).click();
  await cap.locator('.field-error', { hasText: 'ne peut pas dépasser 50 % du capital' }).waitFor();
  await page.getByRole('heading', { name: 'Journal d’administration' }).waitFor();
  await page.getByRole('link', { name: 'Exporter le journal d’administration (CSV)' }).waitFor();
  await expectNoAxeViolations('20-administration');
  await logout(page);
});

it('password reset: the administrator gets a one-time password, which the user must replace at first login', async () => {
  await loginThroughForm(page, accounts.admin, PASSWORD);
  await page.getByRole('link', { name: 'Administration' }).click();
  const reset = page.getByRole('form', { name: 'Réinitialiser un mot de passe' });
  await reset.getByLabel('Compte', { exact: true }).selectOption({ label: `Lina Lectrice (${accounts.reader})` });
  await reset.getByLabel('Motif', { exact: true }).fill('Mot de passe oublié (appel du 23 novembre)');
  await reset.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
  const temporary = (await reset.locator('code').textContent()) ?? '';
  expect(temporary).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await logout(page);

  await page.getByLabel('Adresse électronique').fill(accounts.reader);
  await page.getByLabel('Mot de passe').fill(temporary);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Changer votre mot de passe' }).waitFor();
  await expectNoAxeViolations('21-changer-mot-de-passe');
  await page.getByLabel('Mot de passe provisoire (reçu de l’administrateur)').fill(temporary);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('ma propre phrase de passe');
  await page.getByLabel('Nouveau mot de passe (confirmation)').fill('ma propre phrase de passe');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  await logout(page);
});
