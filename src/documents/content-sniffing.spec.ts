import { sampleDocx, sampleOds, sampleOdt, sampleXlsx, storedZip } from '../../test/support/zip.js';
import {
  HEAD_BYTES,
  TextProbe,
  ZIP_TAIL_BYTES,
  odfMimetype,
  sniffFormat,
  zipCentralDirectory,
  zipEntryNames,
  type DocumentFormat,
} from './content-sniffing.js';

/** What the upload does, on a buffer: head, central directory, and the text probe fed in chunks. */
function sniff(bytes: Buffer, chunkSize = 7): DocumentFormat | null {
  const probe = new TextProbe();
  for (let at = 0; at < bytes.length; at += chunkSize) probe.feed(bytes.subarray(at, at + chunkSize));
  const tail = bytes.subarray(Math.max(0, bytes.length - ZIP_TAIL_BYTES));
  const directory = zipCentralDirectory(tail);
  const zipEntries = directory
    ? zipEntryNames(bytes.subarray(directory.offset, directory.offset + directory.size))
    : undefined;
  return sniffFormat({ head: bytes.subarray(0, HEAD_BYTES), zipEntries, looksLikeCsv: probe.looksLikeCsv() });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(32),
]);
/** The start of a Windows executable: "MZ", then binary headers full of NUL bytes. */
const WINDOWS_EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(64)]);

describe('sniffFormat', () => {
  it.each<[string, Buffer, DocumentFormat]>([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n'), 'pdf'],
    ['a PNG', PNG, 'png'],
    ['a JPEG', JPEG, 'jpeg'],
    ['a DOCX ([Content_Types].xml and word/)', sampleDocx(), 'docx'],
    ['an XLSX ([Content_Types].xml and xl/)', sampleXlsx(), 'xlsx'],
    ['an ODT (mimetype entry)', sampleOdt(), 'odt'],
    ['an ODS (mimetype entry)', sampleOds(), 'ods'],
    ['a CSV with semicolons', Buffer.from('nom;montant\nJardins;1200\n'), 'csv'],
    ['a CSV with commas and CRLF', Buffer.from('nom,montant\r\nJardins,1200\r\n'), 'csv'],
    ['a CSV with tabs', Buffer.from('nom\tmontant\nJardins\t1200\n'), 'csv'],
    ['a CSV with a BOM and accents', Buffer.from('\uFEFFcatégorie;associés\nSalariés;12\n'), 'csv'],
    ['a CSV whose multi-byte characters straddle chunks', Buffer.from('é;è;à;ç\nœ;€;…;’\n'), 'csv'],
  ])('recognises %s', (_name, bytes, format) => {
    expect(sniff(bytes)).toBe(format);
    expect(sniff(bytes, 1)).toBe(format);
  });

  it.each<[string, Buffer]>([
    ['a Windows executable', WINDOWS_EXE],
    ['an ELF executable', ELF],
    ['a shell script (text, no separator on the first line)', Buffer.from('#!/bin/sh\nrm -rf / ; echo done\n')],
    ['Latin-1 text (not UTF-8)', Buffer.from('catégorie;associés\n', 'latin1')],
    ['text with a NUL byte', Buffer.from('nom;montant\nA;1\0\n')],
    ['text with another control character', Buffer.from('nom;montant\nA;\x1b[31m1\n')],
    ['plain text without separators', Buffer.from('Bonjour\nMadame\n')],
    ['an empty file', Buffer.alloc(0)],
    ['a ZIP that is no office document', storedZip([{ name: 'setup.exe', data: WINDOWS_EXE }])],
    [
      'a ZIP with both word/ and xl/',
      storedZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: '<w/>' },
        { name: 'xl/workbook.xml', data: '<x/>' },
      ]),
    ],
    ['a ZIP with word/ but no [Content_Types].xml', storedZip([{ name: 'word/document.xml', data: '<w/>' }])],
    [
      'an OpenDocument of another kind (presentation)',
      storedZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.presentation' },
        { name: 'content.xml', data: '<c/>' },
      ]),
    ],
    [
      'an ODT mimetype without content.xml',
      storedZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }]),
    ],
    ['a truncated ZIP (no central directory)', sampleDocx().subarray(0, 60)],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.7\n')],
  ])('refuses %s', (_name, bytes) => {
    expect(sniff(bytes)).toBeNull();
  });

  it('never reads the name: the bytes alone decide (an .exe renamed .pdf is still an .exe)', () => {
    expect(sniffFormat({ head: WINDOWS_EXE, looksLikeCsv: false })).toBeNull();
  });
});

describe('ZIP structures', () => {
  it('finds the central directory behind a comment, ignoring a signature inside the comment', () => {
    const zip = storedZip(
      [
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'xl/workbook.xml', data: '<x/>' },
      ],
      'PK\x05\x06 fake end record in the comment',
    );
    expect(sniff(zip)).toBe('xlsx');
  });

  it('reads the ODF mimetype only from a first, stored entry named mimetype', () => {
    expect(odfMimetype(sampleOdt())).toBe('application/vnd.oasis.opendocument.text');
    const other = storedZip([
      { name: 'content.xml', data: '<c/>' },
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    ]);
    expect(odfMimetype(other)).toBeNull();
    const compressed = Buffer.from(sampleOdt());
    compressed.writeUInt16LE(8, 8); // deflate
    expect(odfMimetype(compressed)).toBeNull();
  });

  it('lists the entry names of a central directory', () => {
    const zip = sampleDocx();
    const directory = zipCentralDirectory(zip)!;
    expect(zipEntryNames(zip.subarray(directory.offset, directory.offset + directory.size))).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
    ]);
  });
});
