/**
 * Generated documents (minutes, decisions, reports) written with pdfkit in pure
 * JavaScript: no browser, no remote font. The standard Helvetica family is used with
 * WinAnsiEncoding, which covers French (see win-ansi.ts).
 *
 * The output is deterministic for the same content and creation time (pdfkit derives
 * the file id from the metadata), so that a document's SHA-256 identifies its content.
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from './win-ansi.js';

export interface PdfMetadata {
  title: string;
  subject?: string;
  author?: string;
  /** Recorded in the document; fixed by the caller so that the bytes are reproducible. */
  createdAt: Date;
}

const MARGIN = 56;
const BODY_SIZE = 10;
const GREY = '#555555';

/** A small vocabulary of blocks, so that every generated document looks the same. */
export class PdfComposer {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** The document's title, centred, with an optional subtitle. */
  title(text: string, subtitle?: string): this {
    this.doc.font('Helvetica-Bold').fontSize(16).fillColor('black').text(toWinAnsi(text), { align: 'center' });
    if (subtitle) {
      this.doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor(GREY);
      this.doc.text(toWinAnsi(subtitle), { align: 'center' });
    }
    this.doc.fillColor('black').moveDown(1);
    return this;
  }

  heading(text: string): this {
    this.keepWithNext(60);
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('black').text(toWinAnsi(text));
    this.doc.moveDown(0.3);
    return this;
  }

  subheading(text: string): this {
    this.keepWithNext(40);
    this.doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).text(toWinAnsi(text));
    this.doc.moveDown(0.2);
    return this;
  }

  paragraph(text: string, options: { italic?: boolean } = {}): this {
    this.doc
      .font(options.italic ? 'Helvetica-Oblique' : 'Helvetica')
      .fontSize(BODY_SIZE)
      .text(toWinAnsi(text), { align: 'left' });
    this.doc.moveDown(0.3);
    return this;
  }

  /** « Label : value » on one line (wrapped when long), the label in bold. */
  field(label: string, value: string): this {
    this.doc
      .font('Helvetica-Bold')
      .fontSize(BODY_SIZE)
      .text(toWinAnsi(`${label}\u00a0: `), { continued: true });
    this.doc.font('Helvetica').text(toWinAnsi(value));
    return this;
  }

  bullets(items: readonly string[]): this {
    this.doc.font('Helvetica').fontSize(BODY_SIZE);
    for (const item of items) this.doc.text(toWinAnsi(`•  ${item}`), { indent: 0 });
    this.doc.moveDown(0.3);
    return this;
  }

  /** A thin horizontal line across the text width. */
  rule(): this {
    const y = this.doc.y + 4;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(this.doc.page.width - MARGIN, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.doc.moveDown(0.8);
    return this;
  }

  space(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** Starts a new page when less than `points` remain, so a heading is not left alone at the bottom. */
  private keepWithNext(points: number): void {
    if (this.doc.y + points > this.doc.page.height - MARGIN) this.doc.addPage();
  }
}

/**
 * Renders a document: `draw` lays out the content, then each page gets a footer
 * « <footer> — page n / N ».
 */
export async function renderPdf(
  metadata: PdfMetadata,
  draw: (pdf: PdfComposer) => void,
  options: { footer?: string } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    // No undefined entry: pdfkit hashes every key of `info` into the file id.
    info: {
      Title: toWinAnsi(metadata.title),
      ...(metadata.subject ? { Subject: toWinAnsi(metadata.subject) } : {}),
      ...(metadata.author ? { Author: toWinAnsi(metadata.author) } : {}),
      Producer: 'scic-instruction',
      Creator: 'scic-instruction',
      CreationDate: metadata.createdAt,
      ModDate: metadata.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  draw(new PdfComposer(doc));

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing in the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const label = `${options.footer ? `${options.footer} — ` : ''}page ${index + 1} / ${range.count}`;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(toWinAnsi(label), MARGIN, doc.page.height - MARGIN / 2 - 8, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
