/**
 * What a file is, read from its bytes alone: the name and the Content-Type the client
 * sent are never trusted (an executable renamed `statuts.pdf` is refused). Pure
 * functions over buffers; the storage reads the few parts of the file they need.
 */

export type DocumentFormat = 'pdf' | 'png' | 'jpeg' | 'odt' | 'ods' | 'docx' | 'xlsx' | 'csv';

export interface FormatInfo {
  contentType: string;
  /** The extensions a file of this format may carry; the first is added when missing. */
  extensions: readonly string[];
}

export const FORMATS: { readonly [format in DocumentFormat]: FormatInfo } = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  csv: { contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
};

/** How many leading bytes the sniffer needs (the ODF `mimetype` entry fits well within). */
export const HEAD_BYTES = 4096;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
/** The end-of-central-directory record: 22 bytes plus a comment of at most 65 535. */
export const ZIP_TAIL_BYTES = 22 + 0xffff;

const ODF_MIMETYPES: Record<string, DocumentFormat> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

export function isZip(head: Buffer): boolean {
  return head.subarray(0, 4).equals(ZIP_LOCAL);
}

/** Where the central directory is, read from the end of the archive (`tail` = its last bytes). */
export function zipCentralDirectory(tail: Buffer): { offset: number; size: number; entries: number } | null {
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== ZIP_END) continue;
    const commentLength = tail.readUInt16LE(at + 20);
    // A signature inside the comment is not the record: the comment must end the file.
    if (at + 22 + commentLength !== tail.length) continue;
    return {
      entries: tail.readUInt16LE(at + 10),
      size: tail.readUInt32LE(at + 12),
      offset: tail.readUInt32LE(at + 16),
    };
  }
  return null;
}

/** The entry names listed in a central directory (stops at the first malformed record). */
export function zipEntryNames(directory: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === ZIP_CENTRAL) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) break;
    names.push(directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * The OpenDocument `mimetype`: by the standard, the archive's first entry, stored
 * uncompressed, so that it can be read at a fixed place.
 */
export function odfMimetype(head: Buffer): string | null {
  if (!isZip(head) || head.length < 30) return null;
  const method = head.readUInt16LE(8);
  const size = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const name = head.subarray(30, 30 + nameLength).toString('latin1');
  const start = 30 + nameLength + extraLength;
  if (name !== 'mimetype' || method !== 0 || size > 200 || start + size > head.length) return null;
  return head.subarray(start, start + size).toString('latin1');
}

function classifyZip(head: Buffer, entries: readonly string[]): DocumentFormat | null {
  const names = new Set(entries);
  const odf = ODF_MIMETYPES[odfMimetype(head) ?? ''];
  if (odf) return names.has('content.xml') ? odf : null;
  if (!names.has('[Content_Types].xml')) return null;
  const word = names.has('word/document.xml');
  const excel = names.has('xl/workbook.xml');
  if (word === excel) return null;
  return word ? 'docx' : 'xlsx';
}

/** Control characters other than tab, line feed and carriage return (NUL among them). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const SEPARATORS = /[;,\t]/;
const FIRST_LINE_LIMIT = 64 * 1024;

/**
 * Reads a stream of bytes as CSV would be: valid UTF-8 throughout, no NUL or other
 * control character, a first line holding a separator. Fed chunk by chunk while the
 * upload streams, so the whole file is never held in memory.
 */
export class TextProbe {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private clean = true;
  private firstLine = '';
  private firstLineDone = false;
  private bytes = 0;

  feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.clean) return;
    try {
      this.inspect(this.decoder.decode(chunk, { stream: true }));
    } catch {
      this.clean = false;
    }
  }

  /** True when the bytes read are UTF-8 text that looks like CSV. */
  looksLikeCsv(): boolean {
    if (this.clean) {
      try {
        this.inspect(this.decoder.decode());
      } catch {
        this.clean = false;
      }
    }
    return this.clean && this.bytes > 0 && SEPARATORS.test(this.firstLine);
  }

  private inspect(text: string): void {
    if (CONTROL.test(text)) this.clean = false;
    if (this.firstLineDone) return;
    const end = text.search(/[\r\n]/);
    this.firstLine += end === -1 ? text : text.slice(0, end);
    if (end !== -1 || this.firstLine.length > FIRST_LINE_LIMIT) this.firstLineDone = true;
  }
}

export interface SniffInput {
  /** The first bytes of the file (up to HEAD_BYTES). */
  head: Buffer;
  /** Entry names of the archive's central directory, when the file is a ZIP. */
  zipEntries?: readonly string[];
  /** The whole content read as text (see TextProbe). */
  looksLikeCsv: boolean;
}

/** The accepted format of a file, or null when it is none of them. */
export function sniffFormat({ head, zipEntries, looksLikeCsv }: SniffInput): DocumentFormat | null {
  if (head.subarray(0, PDF.length).equals(PDF)) return 'pdf';
  if (head.subarray(0, PNG.length).equals(PNG)) return 'png';
  if (head.subarray(0, JPEG.length).equals(JPEG)) return 'jpeg';
  if (isZip(head)) return classifyZip(head, zipEntries ?? []);
  return looksLikeCsv ? 'csv' : null;
}
