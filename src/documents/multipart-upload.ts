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
export async function receiveUpload(
  request: IncomingMessage,
  options: { maxBytes: number; tempPath: string },
): Promise<ReceivedUpload> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new DomainError(
      ErrorCode.UnsupportedMediaType,
      { expected: 'multipart/form-data' },
      'Envoyez le fichier en multipart/form-data, dans le champ « file ».',
    );
  }
  // A declared length beyond the limit is refused before reading anything.
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw tooLarge(options.maxBytes);
  }

  let parser: Busboy.Busboy;
  try {
    parser = Busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      // Busboy reports 'limit' on reaching fileSize: one byte more than allowed is the refusal.
      limits: { fileSize: options.maxBytes + 1, files: 1, fields: 10, parts: 12, fieldSize: 2000, headerPairs: 20 },
    });
  } catch {
    throw validationFailed([{ field: '(body)', messages: ['Le corps multipart est mal formé (boundary absente).'] }]);
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const abort = new AbortController();
    let written: Promise<ReceivedFile> | undefined;
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      request.pause();
      abort.abort();
      void (written ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => rm(options.tempPath, { force: true }))
        .finally(() => reject(error));
    };

    parser.on('file', (name: string, stream: Readable, info: Busboy.FileInfo) => {
      // Busboy goes on with what it already holds after a refusal (an over-long field
      // before the file): writing it then would leave a file nobody removes.
      if (settled) {
        stream.resume();
        return;
      }
      if (name !== FILE_FIELD || written) {
        stream.resume();
        fail(validationFailed([{ field: name, messages: ['Un seul fichier, dans le champ « file ».'] }]));
        return;
      }
      stream.on('limit', () => fail(tooLarge(options.maxBytes)));
      const meter = new Meter();
      written = pipeline(stream, meter, createWriteStream(options.tempPath, { flags: 'wx', mode: 0o600 }), {
        signal: abort.signal,
      }).then(() => ({
        tempPath: options.tempPath,
        clientName: info.filename ?? '',
        size: meter.size,
        sha256: meter.hash.digest('hex'),
        head: meter.head(),
        text: meter.text,
      }));
      // Reported when the body ends; a write error also fails the upload at once.
      written.catch((error: unknown) => fail(error));
    });
    parser.on('field', (name: string, value: string, info: Busboy.FieldInfo) => {
      if (info.valueTruncated || info.nameTruncated) {
        fail(validationFailed([{ field: name, messages: [`${name} est trop long.`] }]));
        return;
      }
      fields[name] = value;
    });
    const tooMany = (what: string) => () =>
      fail(validationFailed([{ field: '(body)', messages: [`Trop de ${what} dans le corps multipart.`] }]));
    parser.on('filesLimit', () =>
      fail(validationFailed([{ field: FILE_FIELD, messages: ['Un seul fichier par envoi.'] }])),
    );
    parser.on('fieldsLimit', tooMany('champs'));
    parser.on('partsLimit', tooMany('parties'));
    parser.on('error', () =>
      fail(validationFailed([{ field: '(body)', messages: ['Le corps multipart est mal formé.'] }])),
    );
    parser.on('close', () => {
      void (written ?? Promise.resolve(undefined)).then(
        (file) => {
          if (settled) return;
          settled = true;
          resolve({ fields, file });
        },
        (error: unknown) => fail(error),
      );
    });
    request.on('aborted', () => fail(new DomainError(ErrorCode.MalformedRequest, { reason: 'aborted' })));
    request.on('error', (error) => fail(error));
    request.pipe(parser);
  });
}
