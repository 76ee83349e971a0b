/**
 * Files written by the application are readable by its own user only (issue 16): uploaded
 * pieces (0600 in 0700 folders), the embedded database's folder and lock, and — through
 * the built application, whose umask is 077 — everything under DATA_DIR. The process test
 * runs the built application (`npm run build`).
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStorage } from '../../src/documents/document-storage.service.js';
import { assertBuilt, killAllAppProcesses, readyUrl, startAppProcess } from '../support/app-process.js';
import { samplePdf, uploadDocument } from '../support/documents.js';
import { createDossier, startTestApp, type TestApp } from '../support/test-app.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every path under `root` whose group or other bits are set, with its mode. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stats = statSync(path);
    if (stats.mode & 0o077) found.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
}

describe('Files written by the application are its user’s alone', () => {
  let dataDir: string;
  let t: TestApp | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'scic-modes-'));
    // As an installation from before the rule, or a folder made by hand: open to others.
    chmodSync(dataDir, 0o755);
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    killAllAppProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an uploaded piece is stored 0600, in folders 0700', async () => {
    t = await startTestApp({ dataDir });
    const dossier = await createDossier(t);
    const uploaded = await uploadDocument(t, dossier.id, { type: 'STATUTS', content: samplePdf('Statuts') });
    expect(uploaded.status).toBe(201);
    const storage = t.app.get(DocumentStorage);
    const file = storage.pathOf(uploaded.body.sha256);
    expect(modeOf(file).toString(8)).toBe('600');
    const root = t.config.documentsDir;
    for (const folder of [root, join(root, 'tmp'), join(root, 'sha256'), join(file, '..')]) {
      expect(`${folder} ${modeOf(folder).toString(8)}`).toBe(`${folder} 700`);
    }
  });

  it('the embedded database’s folder and its lock are closed to other users', async () => {
    t = await startTestApp({ dataDir, embedded: true });
    expect(modeOf(dataDir).toString(8)).toBe('700');
    expect(modeOf(join(dataDir, 'pglite')).toString(8)).toBe('700');
    expect(modeOf(join(dataDir, '.lock')).toString(8)).toBe('600');
  });

  it('the built application leaves nothing under DATA_DIR readable by others (umask 077)', async () => {
    assertBuilt();
    const child = startAppProcess({ DATA_DIR: dataDir, NODE_ENV: 'development', ALLOW_DEV_IDENTITY: 'true' });
    const url = await readyUrl(child);
    const headers = { 'x-dev-user': 'test.instructor', 'x-dev-role': 'instructor' };
    const list = await fetch(`${url}/api/dossiers?pageSize=1`, { headers });
    const [dossier] = ((await list.json()) as { items: { id: string }[] }).items;
    const form = new FormData();
    form.append('type', 'STATUTS');
    form.append('file', new Blob([samplePdf('Statuts modifiés')]), 'statuts.pdf');
    const upload = await fetch(`${url}/api/dossiers/${dossier.id}/documents`, { method: 'POST', headers, body: form });
    expect(upload.status).toBe(201);
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
