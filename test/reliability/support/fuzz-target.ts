/**
 * The instance under fuzzing as the fuzzer sees it: raw HTTP requests (any path, any
 * header, any bytes), and a fingerprint of everything a request could change — every
 * table of the database and the files of the documents folder — to tell whether a
 * refused request changed anything.
 */
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';

export interface RawRequest {
  method: string;
  /** Sent as is: already encoded, or deliberately not. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: any;
}

/**
 * Sends the request; undefined when the HTTP client itself refuses it (e.g. a control
 * character in a header); status 0 when the server closed the connection without an answer.
 */
export function sendRaw(baseUrl: string, request: RawRequest, timeoutMs = 30_000): Promise<RawAnswer | undefined> {
  const url = new URL(baseUrl);
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const resolve = (answer: RawAnswer | undefined) => {
      settled = true;
      resolvePromise(answer);
    };
    let outgoing;
    try {
      outgoing = httpRequest({
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: {
          ...request.headers,
          ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
        },
        timeout: timeoutMs,
      });
    } catch {
      resolve(undefined);
      return;
    }
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON.
        }
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, body });
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    // The server may answer (413, 431) and close before the whole body is written: its
    // answer, when it comes, counts; otherwise the connection was closed without one.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      setTimeout(() => settled || resolve({ status: 0, headers: {}, text: '', body: undefined }), 500);
    });
    outgoing.end(request.body);
  });
}

/** Tables whose change is not the request's doing: throttling bookkeeping and the migrations list. */
const IGNORED_TABLES = new Set(['login_failure', 'typeorm_migrations']);
/** Columns a valid credential's use stamps (at most once a minute), whatever the answer. */
const IGNORED_COLUMNS: Record<string, string[]> = { auth_credential: ['last_used_at'] };

export type Fingerprint = Map<string, string>;

export class StateFingerprint {
  private constructor(
    private readonly client: pg.Client,
    private readonly sql: string,
    private readonly folders: string[],
  ) {}

  /** `folders`: whose files count as state (the documents folder and the data folder around it). */
  static async open(databaseUrl: string, folders: string[]): Promise<StateFingerprint> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const parts = rows
      .map((row) => row.table_name)
      .filter((table) => !IGNORED_TABLES.has(table))
      .map((table) => {
        const minus = (IGNORED_COLUMNS[table] ?? []).map((column) => ` - '${column}'`).join('');
        return `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x, ',' ORDER BY x)), '') AS h
                  FROM (SELECT md5((to_jsonb(r)${minus})::text) AS x FROM "${table}" r) s`;
      });
    return new StateFingerprint(client, parts.join('\nUNION ALL\n'), folders);
  }

  async take(): Promise<Fingerprint> {
    const { rows } = await this.client.query<{ t: string; h: string }>(this.sql);
    const print: Fingerprint = new Map(rows.map((row) => [row.t, row.h]));
    for (const folder of this.folders) print.set(`files ${folder}`, listFiles(folder).join('\n'));
    return print;
  }

  /** What differs between two fingerprints (table names, folders). */
  static changed(before: Fingerprint, after: Fingerprint): string[] {
    return [...after.keys()].filter((key) => before.get(key) !== after.get(key));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

function listFiles(folder: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(join(folder, prefix)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(prefix, name);
    const stat = statSync(join(folder, path));
    return stat.isDirectory() ? [`${path}/`, ...listFiles(folder, path)] : [`${path} ${stat.size}`];
  });
}

export interface Part {
  name: string;
  value?: string;
  fileName?: string;
  content?: Buffer;
}

/** A multipart/form-data body written byte for byte (file names exactly as given, unescaped). */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----rel${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.fileName !== undefined
        ? `form-data; name="${part.name}"; filename="${part.fileName}"`
        : `form-data; name="${part.name}"`;
    const type = part.fileName !== undefined ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(part.content ?? Buffer.from(part.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Every Set-Cookie line of an answer. */
export function setCookies(header: string | string[] | undefined): string[] {
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}
