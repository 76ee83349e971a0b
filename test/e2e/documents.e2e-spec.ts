/**
 * Dossier documents over HTTP, on the database of the run (embedded or server): upload
 * and download byte for byte, checks on input (format sniffed from the content, names,
 * size), versions and replaced pieces, visibility, the journal, the checklist that
 * blocks a step's completion, and what a crash leaves behind.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { DocumentStorage } from '../../src/documents/document-storage.service.js';
import { JournalService, type NewJournalEntry } from '../../src/journal/journal.service.js';
import { OutboxWorker } from '../../src/notifications/outbox-worker.service.js';
import { baseUrl, devIdentity, downloadDocument, samplePdf, uploadDocument } from '../support/documents.js';
import { journalTypes } from '../support/journal.js';
import { createDossier, sendEvent, startTestApp, uniqueWord, type TestApp } from '../support/test-app.js';
import { sampleDocx, sampleOds, sampleOdt, sampleXlsx } from '../support/zip.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** The start of a Windows executable: "MZ" and binary headers. */
const WINDOWS_EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(4000, 0)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3)]);

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function documentRows(t: TestApp, dossierId: string): Promise<number> {
  const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM dossier_document WHERE dossier_id = $1', [
    dossierId,
  ]);
  return n;
}

describe('Documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the referential of document types in French, with the steps that require them', async () => {
    const response = await t.request({ method: 'GET', url: '/api/document-types', as: 'viewer' });
    expect(response.status).toBe(200);
    const byCode = Object.fromEntries(
      response.body.items.map((type: { code: string; label: string; requiredStep: string | null }) => [
        type.code,
        [type.label, type.requiredStep],
      ]),
    );
    expect(byCode).toMatchObject({
      STATUTS: ['Statuts', 'activity'],
      KBIS: ['Extrait K-bis', 'activity'],
      MEMBERS_BY_CATEGORY: ['Liste des associés par catégorie', 'essPractices'],
      ANNUAL_ACCOUNTS_N1: ['Comptes annuels N-1', 'economic'],
      FORECAST: ['Prévisionnel', 'economic'],
      FINANCING_PLAN: ['Plan de financement', 'economic'],
      ANNUAL_ACCOUNTS_N2: ['Comptes annuels N-2', null],
      OTHER: ['Autre pièce', null],
    });
    expect(Object.keys(byCode)).toHaveLength(13);
  });

  describe('round trip', () => {
    it('stores a PDF under its SHA-256 and gives back the same bytes', async () => {
      const dossier = await createDossier(t);
      const content = samplePdf(uniqueWord('statuts'));
      const uploaded = await uploadDocument(t, dossier.id, {
        type: 'STATUTS',
        content,
        fileName: 'Statuts signés.pdf',
        label: 'Statuts à jour',
      });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({
        dossierId: dossier.id,
        type: 'STATUTS',
        typeLabel: 'Statuts',
        version: 1,
        replacesId: null,
        superseded: false,
        replaced: null,
        fileName: 'Statuts signés.pdf',
        label: 'Statuts à jour',
        contentType: 'application/pdf',
        sizeBytes: content.length,
        sha256: sha256(content),
        uploadedBy: 'test.instructor',
      });
      expect(uploaded.body.pieceId).toBe(uploaded.body.id);
      expect(uploaded.headers.location).toBe(`/api/documents/${uploaded.body.id}/content`);

      const stored = join(t.config.documentsDir, 'sha256', sha256(content).slice(0, 2), sha256(content));
      expect(readFileSync(stored).equals(content)).toBe(true);

      const downloaded = await downloadDocument(t, uploaded.body.id, { as: 'viewer' });
      expect(downloaded.status).toBe(200);
      expect(downloaded.bytes.equals(content)).toBe(true);
      expect(sha256(downloaded.bytes)).toBe(uploaded.body.sha256);
      expect(downloaded.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(content.length),
        etag: `"${sha256(content)}"`,
        'repr-digest': `sha-256=:${Buffer.from(sha256(content), 'hex').toString('base64')}:`,
        'content-disposition': `attachment; filename="Statuts signes.pdf"; filename*=UTF-8''Statuts%20sign%C3%A9s.pdf`,
        'x-content-type-options': 'nosniff',
      });
    });

    it.each<[string, Buffer, string, string]>([
      ['DOCX', sampleDocx(), 'rapport.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['XLSX', sampleXlsx(), 'comptes.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['ODT', sampleOdt(), 'pv.odt', 'application/vnd.oasis.opendocument.text'],
      ['ODS', sampleOds(), 'associes.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['PNG', PNG, 'scan.png', 'image/png'],
      ['JPEG', JPEG, 'scan.jpg', 'image/jpeg'],
      ['CSV', Buffer.from('catégorie;associés\nSalariés;12\n'), 'associes.csv', 'text/csv; charset=utf-8'],
    ])('recognises a %s from its content and serves it as such', async (_format, content, fileName, contentType) => {
      const dossier = await createDossier(t);
      const uploaded = await uploadDocument(t, dossier.id, { type: 'OTHER', content, fileName });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({ contentType, fileName, sha256: sha256(content) });
      const downloaded = await downloadDocument(t, uploaded.body.id);
      expect(downloaded.headers['content-type']).toBe(contentType);
      expect(downloaded.bytes.equals(content)).toBe(true);
    });

    it('stores identical content once and records each upload as its own row', async () => {
      const dossier = await createDossier(t);
      const content = samplePdf(uniqueWord('same'));
      const first = await uploadDocument(t, dossier.id, { type: 'OTHER', content });
      const second = await uploadDocument(t, dossier.id, { type: 'OTHER', content });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.sha256).toBe(first.body.sha256);
      const copies = filesUnder(join(t.config.documentsDir, 'sha256')).filter((path) => path.endsWith(sha256(content)));
      expect(copies).toHaveLength(1);
      expect(await documentRows(t, dossier.id)).toBe(2);
    });
  });

  describe('checks on input', () => {
    it('refuses an executable named .pdf and sent as application/pdf (415), keeping nothing', async () => {
      const dossier = await createDossier(t);
      const before = await journalTypes(t, dossier.id);
      const form = new FormData();
      form.append('type', 'STATUTS');
      form.append('file', new Blob([WINDOWS_EXE], { type: 'application/pdf' }), 'statuts.pdf');
      const response = await fetch(`${baseUrl(t)}/api/dossiers/${dossier.id}/documents`, {
        method: 'POST',
        headers: devIdentity(),
        body: form,
      });
      expect(response.status).toBe(415);
      const body = (await response.json()) as any;
      expect(body.error).toMatchObject({
        code: 'DOCUMENT_FORMAT_NOT_ACCEPTED',
        message: expect.stringContaining('format accepté'),
        details: { fileName: 'statuts.pdf' },
      });
      expect(await documentRows(t, dossier.id)).toBe(0);
      expect(await journalTypes(t, dossier.id)).toEqual(before);
      expect(filesUnder(join(t.config.documentsDir, 'tmp'))).toEqual([]);
      expect(filesUnder(join(t.config.documentsDir, 'sha256')).some((path) => path.endsWith(sha256(WINDOWS_EXE)))).toBe(
        false,
      );
    });

    it.each([
      ['a Unix traversal', '../../../../../../tmp/evil.pdf', 'evil.pdf'],
      ['a Windows traversal', '..\\..\\..\\Windows\\evil.pdf', 'evil.pdf'],
      ['an absolute path', '/etc/cron.d/evil.pdf', 'evil.pdf'],
      ['a hidden right-to-left override', 'facture\u202Efdp.exe', 'facturefdp.exe.pdf'],
      ['a decomposed accent (normalised to NFC)', 'Proce\u0300s-verbal.pdf', 'Proc\u00e8s-verbal.pdf'],
    ])('neutralises %s in the name', async (_case, fileName, expected) => {
      const dossier = await createDossier(t);
      const content = samplePdf(uniqueWord('traversal'));
      const uploaded = await uploadDocument(t, dossier.id, { type: 'OTHER', content, fileName });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.fileName).toBe(expected);
      // The file lives under its hash, inside the documents folder, and nowhere else.
      const everywhere = filesUnder(dirname(t.config.documentsDir)).filter(
        (path) => statSync(path).size === content.length && readFileSync(path).equals(content),
      );
      expect(everywhere).toEqual([join(t.config.documentsDir, 'sha256', sha256(content).slice(0, 2), sha256(content))]);
      const downloaded = await downloadDocument(t, uploaded.body.id);
      expect(downloaded.headers['content-disposition']).toMatch(
        /^attachment; filename="[^"\\/\r\n]*"; filename\*=UTF-8''[\w%.!#$&+^`|~-]*$/,
      );
      expect(downloaded.headers['set-cookie']).toBeUndefined();
    });

    it.each<[string, Record<string, string>, string]>([
      ['no type', {}, 'type'],
      ['an unknown type', { type: 'BILAN' }, 'type'],
      ['a malformed replaces', { type: 'STATUTS', replaces: 'v1' }, 'replaces'],
      ['an unknown field', { type: 'STATUTS', owner: 'x' }, 'owner'],
    ])('refuses %s with 422 naming the field', async (_case, fields, field) => {
      const dossier = await createDossier(t);
      const response = await uploadDocument(t, dossier.id, { content: samplePdf(), fields });
      expect(response.status).toBe(422);
      expect(response.body.error.details.fields).toEqual([expect.objectContaining({ field })]);
      expect(await documentRows(t, dossier.id)).toBe(0);
    });

    it('refuses a body without a file (422), a JSON body (415) and a body without boundary (422)', async () => {
      const dossier = await createDossier(t);
      const url = `${baseUrl(t)}/api/dossiers/${dossier.id}/documents`;
      const form = new FormData();
      form.append('type', 'STATUTS');
      const noFile = await fetch(url, { method: 'POST', headers: devIdentity(), body: form });
      expect(noFile.status).toBe(422);
      expect(((await noFile.json()) as any).error.details.fields).toEqual([expect.objectContaining({ field: 'file' })]);
      const json = await t.request({ method: 'POST', url: `/api/dossiers/${dossier.id}/documents`, body: {} });
      expect(json.status).toBe(415);
      const noBoundary = await fetch(url, {
        method: 'POST',
        headers: { ...devIdentity(), 'content-type': 'multipart/form-data' },
        body: 'x',
      });
      expect([415, 422]).toContain(noBoundary.status);
      expect(await documentRows(t, dossier.id)).toBe(0);
    });

    it('keeps answering 415 to multipart bodies on JSON routes', async () => {
      const form = new FormData();
      form.append('scic', 'x');
      const response = await fetch(`${baseUrl(t)}/api/dossiers`, {
        method: 'POST',
        headers: devIdentity(),
        body: form,
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as any).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('versions and replaced pieces', () => {
    it('keeps every version; the newest supersedes the older, nothing is deleted', async () => {
      const dossier = await createDossier(t);
      const v1 = await uploadDocument(t, dossier.id, { type: 'STATUTS', content: samplePdf(uniqueWord('v1')) });
      const v2 = await uploadDocument(t, dossier.id, {
        type: 'STATUTS',
        content: samplePdf(uniqueWord('v2')),
        replaces: v1.body.id,
      });
      expect(v2.status).toBe(201);
      expect(v2.body).toMatchObject({ pieceId: v1.body.id, version: 2, replacesId: v1.body.id });

      const listed = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/documents?type=STATUTS` });
      expect(listed.status).toBe(200);
      expect(
        listed.body.items.map((item: { id: string; version: number; superseded: boolean }) => [
          item.id,
          item.version,
          item.superseded,
        ]),
      ).toEqual([
        [v1.body.id, 1, true],
        [v2.body.id, 2, false],
      ]);
      // The older version still downloads.
      expect((await downloadDocument(t, v1.body.id)).status).toBe(200);

      const fork = await uploadDocument(t, dossier.id, {
        type: 'STATUTS',
        content: samplePdf(uniqueWord('fork')),
        replaces: v1.body.id,
      });
      expect(fork.status).toBe(409);
      expect(fork.body.error).toMatchObject({ code: 'DOCUMENT_NOT_LATEST_VERSION', details: { latestVersion: 2 } });
    });

    it('refuses a new version of another type or of another dossier’s piece (422)', async () => {
      const [a, b] = [await createDossier(t), await createDossier(t)];
      const piece = await uploadDocument(t, a.id, { type: 'STATUTS', content: samplePdf() });
      const otherType = await uploadDocument(t, a.id, { type: 'KBIS', content: samplePdf(), replaces: piece.body.id });
      expect(otherType.status).toBe(422);
      expect(otherType.body.error.details.fields).toEqual([expect.objectContaining({ field: 'type' })]);
      const otherDossier = await uploadDocument(t, b.id, {
        type: 'STATUTS',
        content: samplePdf(),
        replaces: piece.body.id,
      });
      expect(otherDossier.status).toBe(422);
      expect(otherDossier.body.error.details.fields).toEqual([expect.objectContaining({ field: 'replaces' })]);
    });

    it('marks a piece replaced with its reason, once, and journals it', async () => {
      const dossier = await createDossier(t);
      const piece = await uploadDocument(t, dossier.id, { type: 'KBIS', content: samplePdf() });
      const blank = await t.request({
        method: 'POST',
        url: `/api/documents/${piece.body.id}/replaced`,
        body: { reason: '   ' },
      });
      expect(blank.status).toBe(422);
      const marked = await t.request({
        method: 'POST',
        url: `/api/documents/${piece.body.id}/replaced`,
        body: { reason: 'Extrait de plus de trois mois' },
      });
      expect(marked.status).toBe(200);
      expect(marked.body.replaced).toEqual({
        at: expect.any(String),
        by: 'test.instructor',
        reason: 'Extrait de plus de trois mois',
      });
      const again = await t.request({
        method: 'POST',
        url: `/api/documents/${piece.body.id}/replaced`,
        body: { reason: 'Encore' },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('DOCUMENT_ALREADY_REPLACED');
      const listed = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/documents?step=activity` });
      expect(listed.body.items[0].replaced.reason).toBe('Extrait de plus de trois mois');
      expect(listed.body.checklist).toEqual([
        expect.objectContaining({ type: 'STATUTS', present: false }),
        expect.objectContaining({ type: 'KBIS', present: false, documentId: null }),
      ]);
      const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
      expect(journal.body.items.at(-1)).toMatchObject({
        type: 'DOCUMENT_MARKED_REPLACED',
        payload: { documentId: piece.body.id, reason: 'Extrait de plus de trois mois', sha256: piece.body.sha256 },
      });
    });
  });

  describe('journal', () => {
    it('journals each upload with its hash and each download, in a chain that verifies', async () => {
      const dossier = await createDossier(t);
      const content = samplePdf(uniqueWord('journal'));
      const uploaded = await uploadDocument(t, dossier.id, { type: 'STATUTS', content, fileName: 'statuts.pdf' });
      await downloadDocument(t, uploaded.body.id, { as: 'viewer', user: 'lecteur.1' });
      const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
      expect(journal.body.items.slice(-2)).toEqual([
        expect.objectContaining({
          type: 'DOCUMENT_ADDED',
          actorId: 'test.instructor',
          payload: expect.objectContaining({
            documentId: uploaded.body.id,
            type: 'STATUTS',
            sha256: sha256(content),
            sizeBytes: content.length,
            fileName: 'statuts.pdf',
            contentType: 'application/pdf',
          }),
        }),
        expect.objectContaining({
          type: 'DOCUMENT_DOWNLOADED',
          actorId: 'lecteur.1',
          actorRole: 'viewer',
          payload: { documentId: uploaded.body.id, type: 'STATUTS', sha256: sha256(content) },
        }),
      ]);
      const verify = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal/verify` });
      expect(verify.body.valid).toBe(true);
    });
  });

  describe('access', () => {
    it('follows the dossier’s visibility: a role that cannot see it gets 404', async () => {
      const dossier = await createDossier(t);
      const piece = await uploadDocument(t, dossier.id, { type: 'STATUTS', content: samplePdf() });
      // A draft dossier: hidden from committee members, élus and the secretary.
      for (const as of ['committee_member', 'elected_official', 'committee_secretary'] as const) {
        const listed = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/documents`, as });
        expect(listed.status).toBe(404);
        const downloaded = await downloadDocument(t, piece.body.id, { as });
        expect(downloaded.status).toBe(404);
        expect(downloaded.body.error.code).toBe('DOCUMENT_NOT_FOUND');
      }
      expect(await journalTypes(t, dossier.id)).not.toContain('DOCUMENT_DOWNLOADED');
      for (const as of ['viewer', 'admin', 'instructor'] as const) {
        expect((await downloadDocument(t, piece.body.id, { as })).status).toBe(200);
      }
    });

    it('lets only the instructor upload and mark pieces replaced (403 otherwise)', async () => {
      const dossier = await createDossier(t);
      const piece = await uploadDocument(t, dossier.id, { type: 'STATUTS', content: samplePdf() });
      for (const as of ['viewer', 'admin', 'elected_official'] as const) {
        expect((await uploadDocument(t, dossier.id, { type: 'KBIS', content: samplePdf() }, { as })).status).toBe(403);
        const marked = await t.request({
          method: 'POST',
          url: `/api/documents/${piece.body.id}/replaced`,
          body: { reason: 'x' },
          as,
        });
        expect(marked.status).toBe(403);
      }
      expect(await documentRows(t, dossier.id)).toBe(1);
    });

    it('says so (500, logged, nothing journaled) when a recorded file is missing from the folder', async () => {
      const dossier = await createDossier(t);
      const content = samplePdf(uniqueWord('lost'));
      const piece = await uploadDocument(t, dossier.id, { type: 'OTHER', content });
      rmSync(join(t.config.documentsDir, 'sha256', sha256(content).slice(0, 2), sha256(content)));
      const downloaded = await downloadDocument(t, piece.body.id);
      expect(downloaded.status).toBe(500);
      expect(downloaded.body.error.code).toBe('DOCUMENT_CONTENT_MISSING');
      expect(await journalTypes(t, dossier.id)).not.toContain('DOCUMENT_DOWNLOADED');
    });

    it('answers 404 for an unknown or malformed document id', async () => {
      expect((await downloadDocument(t, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await downloadDocument(t, 'not-an-id')).body.error.code).toBe('DOCUMENT_NOT_FOUND');
      const upload = await uploadDocument(t, '00000000-0000-4000-8000-000000000000', {
        type: 'STATUTS',
        content: samplePdf(),
      });
      expect(upload.status).toBe(404);
    });
  });

  describe('checklist per step', () => {
    it('blocks completion while required pieces are missing and names them in French', async () => {
      const dossier = await createDossier(t);
      expect((await sendEvent(t, dossier.id, { type: 'SUBMIT' })).status).toBe(200);
      const documentProblems = (response: { body: any }) =>
        (response.body.error.details.problems as { field: string; message: string }[]).filter((p) =>
          p.field.startsWith('documents.'),
        );

      const refused = await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' }, { prepare: false });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('DOSSIER_TRANSITION_CONDITIONS_NOT_MET');
      expect(documentProblems(refused)).toEqual([
        { field: 'documents.STATUTS', code: 'DOCUMENT_MISSING', message: 'Pièce manquante : Statuts' },
        { field: 'documents.KBIS', code: 'DOCUMENT_MISSING', message: 'Pièce manquante : Extrait K-bis' },
      ]);

      const statuts = await uploadDocument(t, dossier.id, { type: 'STATUTS', content: samplePdf() });
      const oneLeft = await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' }, { prepare: false });
      expect(documentProblems(oneLeft).map((p) => p.field)).toEqual(['documents.KBIS']);

      await uploadDocument(t, dossier.id, { type: 'KBIS', content: samplePdf() });
      // A piece marked replaced no longer counts…
      await t.request({
        method: 'POST',
        url: `/api/documents/${statuts.body.id}/replaced`,
        body: { reason: 'Statuts modifiés en AG' },
      });
      const replaced = await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' }, { prepare: false });
      expect(documentProblems(replaced).map((p) => p.field)).toEqual(['documents.STATUTS']);
      // …until a newer version of it is uploaded.
      await uploadDocument(t, dossier.id, { type: 'STATUTS', content: samplePdf('v2'), replaces: statuts.body.id });
      const completed = await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' });
      expect(completed.status).toBe(200);
      expect(completed.body.state).toBe('instruction.essPractices');

      const essRefused = await sendEvent(t, dossier.id, { type: 'COMPLETE_ESS_PRACTICES' }, { prepare: false });
      expect(documentProblems(essRefused)).toEqual([
        {
          field: 'documents.MEMBERS_BY_CATEGORY',
          code: 'DOCUMENT_MISSING',
          message: 'Pièce manquante : Liste des associés par catégorie',
        },
      ]);
      expect((await sendEvent(t, dossier.id, { type: 'COMPLETE_ESS_PRACTICES' })).status).toBe(200);
      const economicRefused = await sendEvent(t, dossier.id, { type: 'COMPLETE_ECONOMIC' }, { prepare: false });
      expect(documentProblems(economicRefused).map((p) => p.message)).toEqual([
        'Pièce manquante : Comptes annuels N-1',
        'Pièce manquante : Prévisionnel',
        'Pièce manquante : Plan de financement',
      ]);
    });

    it('the listing shows the checklist of each step', async () => {
      const dossier = await createDossier(t);
      await uploadDocument(t, dossier.id, { type: 'FORECAST', content: samplePdf() });
      const listed = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/documents`, as: 'viewer' });
      expect(listed.body.checklist.map((item: { step: string; type: string; present: boolean }) => item)).toEqual([
        expect.objectContaining({ step: 'activity', type: 'STATUTS', present: false }),
        expect.objectContaining({ step: 'activity', type: 'KBIS', present: false }),
        expect.objectContaining({ step: 'essPractices', type: 'MEMBERS_BY_CATEGORY', present: false }),
        expect.objectContaining({ step: 'economic', type: 'ANNUAL_ACCOUNTS_N1', present: false }),
        expect.objectContaining({ step: 'economic', type: 'FORECAST', present: true }),
        expect.objectContaining({ step: 'economic', type: 'FINANCING_PLAN', present: false }),
      ]);
      const unknown = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/documents?type=BILAN` });
      expect(unknown.status).toBe(422);
      const badStep = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/documents?step=committee` });
      expect(badStep.status).toBe(422);
    });
  });

  describe('complements naming pieces', () => {
    it('refuses unknown piece codes (422) and lists the named pieces in the message to the SCIC', async () => {
      const email = `${uniqueWord('contact')}@scic.example`;
      const dossier = await createDossier(t, { contactEmail: email });
      await sendEvent(t, dossier.id, { type: 'SUBMIT' });
      const base = { type: 'REQUEST_COMPLEMENTS', reason: 'Pièces comptables', dueDate: '2026-12-15' };
      const unknown = await sendEvent(t, dossier.id, { ...base, pieces: ['FINANCING_PLAN', 'BILAN'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details.fields).toEqual([
        { field: 'pieces', code: 'UNKNOWN_DOCUMENT_TYPE', messages: ['Type de pièce inconnu : BILAN.'] },
      ]);
      const malformed = await sendEvent(t, dossier.id, { ...base, pieces: 'FINANCING_PLAN' });
      expect(malformed.status).toBe(422);

      const requested = await sendEvent(t, dossier.id, { ...base, pieces: ['ANNUAL_ACCOUNTS_N1', 'FINANCING_PLAN'] });
      expect(requested.status).toBe(200);
      const [outbox] = await t.dataSource.query(
        `SELECT id FROM outbox_message WHERE dossier_id = $1 AND topic = 'complements.requested'`,
        [dossier.id],
      );
      const worker = t.app.get(OutboxWorker);
      // Other suites' messages may be waiting too: pass until this one is handled.
      for (let pass = 0; pass < 50; pass++) {
        const [{ status }] = await t.dataSource.query('SELECT status FROM outbox_message WHERE id = $1', [outbox.id]);
        if (status === 'done') break;
        await worker.runOnce();
      }
      const [notification] = await t.dataSource.query(
        'SELECT body_text, body_html FROM notification WHERE outbox_message_id = $1 AND email = $2',
        [outbox.id, email],
      );
      expect(notification.body_text).toContain(
        'Pièces à transmettre :\n\n- Comptes annuels N-1\n- Plan de financement',
      );
      expect(notification.body_html).toContain('<li>Comptes annuels N-1</li><li>Plan de financement</li>');
    });
  });
});

describe('Documents: size limit', () => {
  const LIMIT = 64 * 1024;
  let t: TestApp;
  let dossierId: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { DOCUMENT_MAX_BYTES: String(LIMIT) } });
    dossierId = (await createDossier(t)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * Sends a multipart upload of `total` bytes over a raw socket, chunk by chunk, and
   * stops writing as soon as the server answers (or closes). Returns the answer's status
   * and how many bytes the client managed to send by then.
   */
  function streamUpload(total: number, extraHeaders: Record<string, string> = {}) {
    return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
      const { port } = new URL(baseUrl(t));
      const socket = connect(Number(port), '127.0.0.1');
      const boundary = 'scic-boundary-7f3a';
      let received = '';
      const bytes: Buffer[] = [];
      let sent = 0;
      let answered = false;
      const finish = () => {
        received = Buffer.concat(bytes).toString('utf8');
        const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
        if (match) resolve({ status: Number(match[1]), sent, body: received.split('\r\n\r\n').slice(1).join('') });
        else reject(new Error(`no HTTP answer after ${sent} bytes`));
      };
      socket.on('data', (chunk: Buffer) => {
        bytes.push(chunk);
        if (Buffer.concat(bytes).includes('\r\n\r\n')) answered = true;
      });
      // The server closes the connection on its refusal: writes then fail, as expected.
      socket.on('error', () => undefined);
      socket.on('close', finish);
      const headers = {
        host: '127.0.0.1',
        ...devIdentity(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'transfer-encoding': 'chunked',
        ...extraHeaders,
      };
      const head = `POST /api/dossiers/${dossierId}/documents HTTP/1.1\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}\r\n`;
      const preamble =
        `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nOTHER\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gros.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n';
      const httpChunk = (data: Buffer) =>
        Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
      const write = (data: Buffer) =>
        new Promise<void>((done) => {
          if (socket.destroyed) return done();
          sent += data.length;
          if (socket.write(data)) done();
          else {
            socket.once('drain', done);
            socket.once('close', done);
          }
        });
      void (async () => {
        await write(Buffer.from(head));
        await write(httpChunk(Buffer.from(preamble)));
        const block = Buffer.alloc(64 * 1024, 0x20);
        while (sent < total && !answered && !socket.destroyed) await write(httpChunk(block));
        if (!answered && !socket.destroyed) await write(Buffer.from(`0\r\n\r\n`));
      })();
    });
  }

  it('refuses a declared Content-Length beyond the limit at once (413), before any body byte', async () => {
    const { port } = new URL(baseUrl(t));
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received));
      const headers = {
        host: '127.0.0.1',
        ...devIdentity(),
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(50 * 1024 * 1024),
      };
      // Headers only: the server must answer without waiting for the 50 MB announced.
      socket.write(
        `POST /api/dossiers/${dossierId}/documents HTTP/1.1\r\n${Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('')}\r\n`,
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"DOCUMENT_TOO_LARGE"');
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  it('refuses a streamed body once it passes the limit (413), long before the client has sent it all', async () => {
    const total = 64 * 1024 * 1024;
    const before = await documentRows(t, dossierId);
    const { status, sent, body } = await streamUpload(total);
    expect(status).toBe(413);
    expect(body).toContain('"code":"DOCUMENT_TOO_LARGE"');
    expect(body).toContain('Le fichier dépasse la taille maximale autorisée (64 Ko).');
    expect(sent).toBeLessThan(total / 2);
    expect(await documentRows(t, dossierId)).toBe(before);
    expect(filesUnder(join(t.config.documentsDir, 'tmp'))).toEqual([]);
  });

  it('accepts a file just under the limit', async () => {
    const content = Buffer.concat([samplePdf(), Buffer.alloc(LIMIT - samplePdf().length, 0x20)]);
    expect(content.length).toBe(LIMIT);
    const uploaded = await uploadDocument(t, dossierId, { type: 'OTHER', content });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.sizeBytes).toBe(LIMIT);
    const over = await uploadDocument(t, dossierId, {
      type: 'OTHER',
      content: Buffer.concat([content, Buffer.from(' ')]),
    });
    expect(over.status).toBe(413);
  });
});

/** A journal that fails on a document's entry, after the file is written and the row inserted. */
class FailingDocumentJournal extends JournalService {
  override async append(manager: EntityManager, dossierId: string, entry: NewJournalEntry, now?: Date) {
    const appended = await super.append(manager, dossierId, entry, now);
    if (entry.type === 'DOCUMENT_ADDED') throw new Error('injected fault after the document row');
    return appended;
  }
}

describe('Documents: a failure or a crash between the file and the commit', () => {
  it('leaves neither a row, nor a journal entry, nor a file when the transaction fails', async () => {
    const t = await startTestApp({
      override: (builder) => builder.overrideProvider(JournalService).useClass(FailingDocumentJournal),
    });
    try {
      const dossier = await createDossier(t);
      const content = samplePdf(uniqueWord('fault'));
      const response = await uploadDocument(t, dossier.id, { type: 'STATUTS', content });
      expect(response.status).toBe(500);
      expect(await documentRows(t, dossier.id)).toBe(0);
      expect(await journalTypes(t, dossier.id)).toEqual(['DOSSIER_CREATED']);
      expect(filesUnder(t.config.documentsDir)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('after a restart, the sweep removes what a crash left and recovers a committed file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scic-documents-'));
    try {
      // A first run: one piece uploaded normally, one whose rename "did not happen".
      let t = await startTestApp({ dataDir });
      const dossier = await createDossier(t);
      const kept = samplePdf(uniqueWord('kept'));
      const committed = samplePdf(uniqueWord('committed'));
      expect((await uploadDocument(t, dossier.id, { type: 'STATUTS', content: kept })).status).toBe(201);
      const late = await uploadDocument(t, dossier.id, { type: 'KBIS', content: committed });
      const { documentsDir } = t.config;
      await t.close();

      const store = (hash: string) => join(documentsDir, 'sha256', hash.slice(0, 2), hash);
      // The crash: the committed upload still in tmp/, an upload that never committed in
      // tmp/ too, and a stored file no row names. Backdated past the grace a shared
      // folder gives uploads in progress.
      const tmp = join(documentsDir, 'tmp');
      const pending = join(tmp, 'pending.part');
      const uncommitted = join(tmp, 'uncommitted.part');
      writeFileSync(pending, readFileSync(store(sha256(committed))));
      rmSync(store(sha256(committed)));
      writeFileSync(uncommitted, samplePdf(uniqueWord('uncommitted')));
      const orphan = samplePdf(uniqueWord('orphan'));
      mkdirSync(dirname(store(sha256(orphan))), { recursive: true });
      writeFileSync(store(sha256(orphan)), orphan);
      const past = new Date(Date.now() - 2 * 3_600_000);
      for (const path of [pending, uncommitted, store(sha256(orphan))]) utimesSync(path, past, past);

      t = await startTestApp({ dataDir });
      try {
        expect(t.app.get(DocumentStorage).lastSweep).toMatchObject({
          temporaryRemoved: 1,
          temporaryRecovered: 1,
          orphansRemoved: 1,
        });
        expect(filesUnder(tmp)).toEqual([]);
        expect(existsSync(store(sha256(orphan)))).toBe(false);
        expect(existsSync(store(sha256(kept)))).toBe(true);
        const recovered = await downloadDocument(t, late.body.id);
        expect(recovered.status).toBe(200);
        expect(recovered.bytes.equals(committed)).toBe(true);
      } finally {
        await t.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
