/**
 * Uploading pieces in e2e suites: a small valid PDF, a multipart upload as a browser
 * would send it, and the preparation that attaches a step's required pieces before its
 * completion event (see instruction.ts).
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../src/common/actor.js';
import type { InstructionStep } from '../../src/workflow/dossier.events.js';
import { samplePdf } from '../../src/demo/sample-pdf.js';
import type { Preparation } from './instruction.js';

export { samplePdf };
import type { TestApp } from './test-app.js';

export interface Upload {
  type?: string;
  content: Buffer;
  fileName?: string;
  replaces?: string;
  label?: string;
  /** Extra text fields, sent as they are. */
  fields?: Record<string, string>;
}

export interface UploadAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

export function baseUrl(test: TestApp): string {
  const { port } = test.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** The development identity of `as` (default: an instructor). */
export function devIdentity(as: Role = 'instructor', user?: string): Record<string, string> {
  return { 'x-dev-user': user ?? `test.${as}`, 'x-dev-role': as };
}

/** POST /api/dossiers/:id/documents as multipart/form-data, with the given identity headers. */
export async function uploadWith(
  test: TestApp,
  dossierId: string,
  upload: Upload,
  headers: Record<string, string>,
): Promise<UploadAnswer> {
  const form = new FormData();
  if (upload.type !== undefined) form.append('type', upload.type);
  if (upload.replaces !== undefined) form.append('replaces', upload.replaces);
  if (upload.label !== undefined) form.append('label', upload.label);
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
  form.append('file', new Blob([upload.content]), upload.fileName ?? 'piece.pdf');
  const response = await fetch(`${baseUrl(test)}/api/dossiers/${dossierId}/documents`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: text ? JSON.parse(text) : undefined,
  };
}

export function uploadDocument(
  test: TestApp,
  dossierId: string,
  upload: Upload,
  options: { as?: Role; user?: string } = {},
): Promise<UploadAnswer> {
  return uploadWith(test, dossierId, upload, devIdentity(options.as, options.user));
}

/**
 * Uploads a PDF for each piece `step` requires that the dossier lacks, with the given
 * identity headers (development identity or a real session). Idempotent.
 */
export async function uploadMissingPieces(
  test: TestApp,
  dossierId: string,
  step: InstructionStep,
  headers: Record<string, string>,
): Promise<void> {
  const listed = await fetch(`${baseUrl(test)}/api/dossiers/${dossierId}/documents?step=${step}`, { headers });
  if (listed.status !== 200) throw new Error(`listing pieces: ${listed.status} ${await listed.text()}`);
  const { checklist } = (await listed.json()) as { checklist: { type: string; present: boolean }[] };
  for (const item of checklist.filter((entry) => !entry.present)) {
    const answer = await uploadWith(
      test,
      dossierId,
      { type: item.type, content: samplePdf(item.type), fileName: `${item.type.toLowerCase()}.pdf` },
      headers,
    );
    if (answer.status !== 201) throw new Error(`upload ${item.type}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** The preparation of a step's completion event: its required pieces are attached. */
export function uploadRequiredPieces(step: InstructionStep): Preparation {
  return async (test, dossierId, body) => {
    await uploadMissingPieces(test, dossierId, step, devIdentity('instructor'));
    return body;
  };
}

export interface DownloadAnswer {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  /** The error body, when the answer is JSON. */
  body: any;
}

/**
 * GET /api/documents/:id/content, keeping the bytes as they came. On a connection of its
 * own, closed after the answer: a streamed answer can reach the client before the server
 * marks it finished, and a keep-alive connection caught in that moment would hold up
 * the application's close at the end of a test.
 */
export function downloadDocument(
  test: TestApp,
  documentId: string,
  options: { as?: Role; user?: string } = {},
): Promise<DownloadAnswer> {
  const { port } = test.app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: `/api/documents/${documentId}/content`,
        headers: devIdentity(options.as, options.user),
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const headers = Object.fromEntries(
            Object.entries(incoming.headers).map(([name, value]) => [name, String(value)]),
          );
          const json = (headers['content-type'] ?? '').startsWith('application/json');
          resolve({
            status: incoming.statusCode ?? 0,
            headers,
            bytes,
            body: json ? JSON.parse(bytes.toString('utf8')) : undefined,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
