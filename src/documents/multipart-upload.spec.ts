import { existsSync, mkdtempSync, rmSync, watch } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { receiveUpload } from './multipart-upload.js';

/** A request whose multipart body arrives in 64 KB chunks, as from a socket. */
function requestOf(body: Buffer, boundary: string): IncomingMessage {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 65_536) chunks.push(body.subarray(offset, offset + 65_536));
  const request = Readable.from(chunks) as unknown as IncomingMessage;
  request.headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(body.length),
  };
  return request;
}

describe('receiveUpload', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'scic-upload-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  // Found by the reliability suite: after refusing an over-long field, busboy went on with
  // the file part it already held, and the file was created — at the same time as its
  // removal, which sometimes ran first and left it behind. The folder is watched: the file
  // must not even be created.
  it('writes nothing once a field before the file is refused', async () => {
    const boundary = 'spec';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nOTHER\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="label"\r\n\r\n${'x'.repeat(100_000)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="piece.pdf"\r\n\r\n`),
      Buffer.alloc(600, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const tempPath = join(folder, 'upload.tmp');
    const created: string[] = [];
    const watcher = watch(folder, (_event, name) => created.push(String(name)));
    try {
      await expect(receiveUpload(requestOf(body, boundary), { maxBytes: 65_536, tempPath })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      watcher.close();
    }
    expect(created).toEqual([]);
    expect(existsSync(tempPath)).toBe(false);
  });
});
