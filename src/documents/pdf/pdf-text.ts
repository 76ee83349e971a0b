/**
 * The text of a PDF this application generated (pdf-composer.ts), line by line: enough to
 * check a document's content in tests and verifications without a PDF library. It reads
 * the page content streams (inflated when compressed), the text positioned by `Tm` and
 * shown by `TJ`/`Tj` in hexadecimal WinAnsi, and joins the pieces of each line.
 * Not a general PDF parser: other producers' files may use operators it ignores.
 */
import { inflateSync } from 'node:zlib';

/** WinAnsiEncoding codes 0x80–0x9F and the characters they stand for. */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function decodeHex(hex: string): string {
  let text = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    text += WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
  }
  return text;
}

function contentStreams(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const streams: string[] = [];
  const start = /<<((?:(?!>>)[\s\S])*)>>\s*stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(source))) {
    const from = match.index + match[0].length;
    const to = source.indexOf('endstream', from);
    if (to < 0) break;
    const bytes = pdf.subarray(from, to);
    if (/\/FlateDecode/.test(match[1])) {
      try {
        streams.push(inflateSync(bytes).toString('latin1'));
      } catch {
        // Not a stream this reader understands (an image, a font): skipped.
      }
    } else streams.push(bytes.toString('latin1'));
    start.lastIndex = to;
  }
  return streams;
}

/** The lines of text of each page's content, top to bottom, pages in order. */
export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const stream of contentStreams(pdf)) {
    if (!/\bBT\b/.test(stream)) continue;
    const pieces: { x: number; y: number; text: string }[] = [];
    const block = /BT([\s\S]*?)ET/g;
    let match: RegExpExecArray | null;
    while ((match = block.exec(stream))) {
      const body = match[1];
      const position = /([-\d.]+)\s+([-\d.]+)\s+Tm/.exec(body);
      const x = position ? Number(position[1]) : 0;
      const y = position ? Number(position[2]) : 0;
      let text = '';
      for (const shown of body.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        const hexes =
          shown[1] !== undefined ? [...shown[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [shown[2]];
        text += hexes.map(decodeHex).join('');
      }
      if (text) pieces.push({ x, y, text });
    }
    // Same baseline = same line (a bold label and its value are two pieces).
    const byLine = new Map<number, { x: number; text: string }[]>();
    for (const piece of pieces) {
      const key = Math.round(piece.y * 10);
      byLine.set(key, [...(byLine.get(key) ?? []), piece]);
    }
    for (const key of [...byLine.keys()].sort((a, b) => b - a)) {
      lines.push(
        byLine
          .get(key)!
          .sort((a, b) => a.x - b.x)
          .map((piece) => piece.text)
          .join(''),
      );
    }
  }
  return lines;
}

/** All the text, one line per line, no-break spaces turned into spaces (for searching). */
export function pdfText(pdf: Buffer): string {
  return pdfTextLines(pdf)
    .join('\n')
    .replace(/\u00a0/g, ' ');
}
