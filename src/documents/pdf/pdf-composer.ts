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

export interface TableColumn {
  header: string;
  /** Share of the text width; a table's shares add up to 1. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table cell: plain text, or text in bold and/or in a colour (an alert). */
export type TableCell = string | { text: string; bold?: boolean; color?: string };

/** The area a figure draws in, in points from the page's top-left corner. */
export interface FigureBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

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

  /**
   * A table across the text width: a shaded header row, then the rows, each as tall as
   * its longest cell. A row that does not fit goes to the next page, under the header
   * again.
   */
  table(
    columns: readonly TableColumn[],
    rows: readonly (readonly TableCell[])[],
    options: { fontSize?: number } = {},
  ): this {
    const size = options.fontSize ?? 9;
    const padding = 3;
    const left = this.doc.page.margins.left;
    const width = this.doc.page.width - left - this.doc.page.margins.right;
    const widths = columns.map((column) => column.width * width);
    const header: TableCell[] = columns.map((column) => ({ text: column.header, bold: true }));
    const cellOf = (cell: TableCell) => (typeof cell === 'string' ? { text: cell } : cell);
    const fontOf = (cell: { bold?: boolean }) =>
      this.doc.font(cell.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const heightOf = (cells: readonly TableCell[]) =>
      Math.max(
        ...cells.map((cell, index) => {
          const { text, bold } = cellOf(cell);
          fontOf({ bold }).fillColor('black');
          return this.doc.heightOfString(toWinAnsi(text), { width: widths[index] - 2 * padding });
        }),
      ) +
      2 * padding;
    const drawRow = (cells: readonly TableCell[], isHeader: boolean) => {
      const height = heightOf(cells);
      if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) {
        this.doc.addPage();
        if (!isHeader) drawRow(header, true);
      }
      const y = this.doc.y;
      if (isHeader) this.doc.rect(left, y, width, height).fill('#eeeeee');
      let x = left;
      cells.forEach((cell, index) => {
        const { text, bold, color } = cellOf(cell);
        fontOf({ bold })
          .fillColor(color ?? 'black')
          .text(toWinAnsi(text), x + padding, y + padding, {
            width: widths[index] - 2 * padding,
            align: columns[index].align ?? 'left',
          });
        x += widths[index];
      });
      this.doc
        .moveTo(left, y + height)
        .lineTo(left + width, y + height)
        .lineWidth(0.5)
        .strokeColor('#bbbbbb')
        .stroke();
      this.doc.x = left;
      this.doc.y = y + height;
    };
    this.keepWithNext(heightOf(header) + (rows.length ? heightOf(rows[0]) : 0));
    drawRow(header, true);
    for (const row of rows) drawRow(row, false);
    this.doc.fillColor('black').font('Helvetica').fontSize(BODY_SIZE);
    this.doc.moveDown(0.5);
    return this;
  }

  /**
   * Reserves `height` points across the text width for a drawing made with pdfkit's
   * vector operations (paths, shapes, positioned text), on a new page when it does not
   * fit; the text flows on below it.
   */
  figure(height: number, draw: (doc: PDFKit.PDFDocument, box: FigureBox) => void): this {
    const { left, right } = this.doc.page.margins;
    this.keepWithNext(height);
    const box = { x: left, y: this.doc.y, width: this.doc.page.width - left - right, height };
    this.doc.save();
    draw(this.doc, box);
    this.doc.restore();
    this.doc.fillColor('black').font('Helvetica').fontSize(BODY_SIZE);
    this.doc.x = left;
    this.doc.y = box.y + height;
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
