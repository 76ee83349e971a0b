/**
 * Receiving one file in a `multipart/form-data` body, streamed to a temporary file while
 * it is hashed and inspected: never held in memory, and refused as soon as it passes the
 * size limit, before the rest of the body is read.
 *
 * Fastify hands the body over unread (see `acceptMultipartUploads`), so that the access
 * guard and the dossier's visibility are checked before a byte is stored.
 */
import Busboy from 'busboy';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed } from '../common/validation.js';
import { HEAD_BYTES, TextProbe } from './content-sniffing.js';

/** Room for the boundaries, part headers and text fields around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const FILE_FIELD = 'file';

/** The routes (as fastify names them) whose multipart bodies are handed over unread. */
const MULTIPART_ROUTES = new Set<string>();

/**
 * Lets `multipart/form-data` through to the given routes without reading it; elsewhere
 * the API still answers 415 as for any body that is not JSON.
 */
export function acceptMultipartUploads(instance: FastifyInstance, routes: readonly string[]): void {
  for (const route of routes) MULTIPART_ROUTES.add(route);
  instance.addContentTypeParser('multipart/form-data', (request, _payload, done) => {
    if (MULTIPART_ROUTES.has(request.routeOptions.url ?? '')) {
      done(null, undefined);
      return;
    }
    const error = Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type']}`), {
      statusCode: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    });
    done(error, undefined);
  });
}

export interface ReceivedFile {
  tempPath: string;
  /** The name the client gave, unsanitised. */
  clientName: string;
  size: number;
  sha256: string;
  head: Buffer;
  text: TextProbe;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file?: ReceivedFile;
}

/** Hashes, counts and inspects the bytes on their way to the temporary file. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  readonly text = new TextProbe();
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.text.feed(chunk);
    this.size += chunk.length;
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    callback(null, chunk);
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

export function tooLarge(maxBytes: number): DomainError {
  return new DomainError(
    ErrorCode.DocumentTooLarge,
    { maxBytes },
    `Le fichier dépasse la taille maximale autorisée (${formatSize(maxBytes)}).`,
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`.replace('.', ',');
  return `${Math.round(bytes / 1024)} Ko`;
}

/**
 * Reads the body: text fields, and one file part named `file` written to `tempPath`.
 * On any refusal the temporary file is removed before the error is thrown, and reading
 * stops (the caller closes the connection rather than drain what is left).
 */
export async function receiveUpload(request: IncomingMessage, options: UploadOptions): Promise<ReceivedUpload> {
  refuseBeforeReading(request, options.maxBytes);
  const parser = multipartParser(request, options.maxBytes);
  return new Promise<ReceivedUpload>((resolve, reject) => {
    new UploadReception(request, parser, options, resolve, reject).start();
  });
}

interface UploadOptions {
  maxBytes: number;
  tempPath: string;
}

/** What the headers alone are enough to refuse: another content type, a declared length beyond the limit. */
function refuseBeforeReading(request: IncomingMessage, maxBytes: number): void {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new DomainError(
      ErrorCode.UnsupportedMediaType,
      { expected: 'multipart/form-data' },
      'Envoyez le fichier en multipart/form-data, dans le champ « file ».',
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw tooLarge(maxBytes);
  }
}

function multipartParser(request: IncomingMessage, maxBytes: number): Busboy.Busboy {
  try {
    return Busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      // Busboy reports 'limit' on reaching fileSize: one byte more than allowed is the refusal.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 12, fieldSize: 2000, headerPairs: 20 },
    });
  } catch {
    throw validationFailed([{ field: '(body)', messages: ['Le corps multipart est mal formé (boundary absente).'] }]);
  }
}

/**
 * One body being read: the state the parser's events share, and its settling — once,
 * by the first refusal or by the end of the body, whichever comes first.
 */
class UploadReception {
  private readonly fields: Record<string, string> = {};
  private readonly abort = new AbortController();
  private written: Promise<ReceivedFile> | undefined;
  private settled = false;

  constructor(
    private readonly request: IncomingMessage,
    private readonly parser: Busboy.Busboy,
    private readonly options: UploadOptions,
    private readonly resolve: (upload: ReceivedUpload) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  start(): void {
    const { parser, request } = this;
    parser.on('file', (name: string, stream: Readable, info: Busboy.FileInfo) => this.receiveFile(name, stream, info));
    parser.on('field', (name: string, value: string, info: Busboy.FieldInfo) => this.receiveField(name, value, info));
    const tooMany = (what: string) => () =>
      this.fail(validationFailed([{ field: '(body)', messages: [`Trop de ${what} dans le corps multipart.`] }]));
    parser.on('filesLimit', () =>
      this.fail(validationFailed([{ field: FILE_FIELD, messages: ['Un seul fichier par envoi.'] }])),
    );
    parser.on('fieldsLimit', tooMany('champs'));
    parser.on('partsLimit', tooMany('parties'));
    parser.on('error', () =>
      this.fail(validationFailed([{ field: '(body)', messages: ['Le corps multipart est mal formé.'] }])),
    );
    parser.on('close', () => this.finish());
    request.on('aborted', () => this.fail(new DomainError(ErrorCode.MalformedRequest, { reason: 'aborted' })));
    request.on('error', (error) => this.fail(error));
    request.pipe(parser);
  }

  /** Stops reading, removes what was written, then rejects. */
  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.request.unpipe(this.parser);
    this.request.pause();
    this.abort.abort();
    void (this.written ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => rm(this.options.tempPath, { force: true }))
      .finally(() => this.reject(error));
  }

  private receiveFile(name: string, stream: Readable, info: Busboy.FileInfo): void {
    // Busboy goes on with what it already holds after a refusal (an over-long field
    // before the file): writing it then would leave a file nobody removes.
    if (this.settled) {
      stream.resume();
      return;
    }
    if (name !== FILE_FIELD || this.written) {
      stream.resume();
      this.fail(validationFailed([{ field: name, messages: ['Un seul fichier, dans le champ « file ».'] }]));
      return;
    }
    const { maxBytes, tempPath } = this.options;
    stream.on('limit', () => this.fail(tooLarge(maxBytes)));
    const meter = new Meter();
    const written = pipeline(stream, meter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }), {
      signal: this.abort.signal,
    }).then(() => ({
      tempPath,
      clientName: info.filename ?? '',
      size: meter.size,
      sha256: meter.hash.digest('hex'),
      head: meter.head(),
      text: meter.text,
    }));
    this.written = written;
    // Reported when the body ends; a write error also fails the upload at once.
    written.catch((error: unknown) => this.fail(error));
  }

  private receiveField(name: string, value: string, info: Busboy.FieldInfo): void {
    if (info.valueTruncated || info.nameTruncated) {
      this.fail(validationFailed([{ field: name, messages: [`${name} est trop long.`] }]));
      return;
    }
    this.fields[name] = value;
  }

  /** The body has ended: resolves once the file (if any) is fully written. */
  private finish(): void {
    void (this.written ?? Promise.resolve(undefined)).then(
      (file) => {
        if (this.settled) return;
        this.settled = true;
        this.resolve({ fields: this.fields, file });
      },
      (error: unknown) => this.fail(error),
    );
  }
}
