/**
 * The radar of the six transformation markers drawn into a PDF with pdfkit's vector
 * operations (polygons, lines, dots, positioned text), not rasterised: it stays sharp when
 * printed and its labels and values are text. The same geometry as the SVG radar
 * (`analyses/rules/radar-svg.ts`): a fixed 0–3 scale, level 0 a small inner ring so that
 * a 0 is told apart from a marker not scored yet (drawn at the centre, without a dot).
 */
import { RADAR_MAX_SCORE, scoreText } from '../analyses/rules/radar-svg.js';
import type { FigureBox } from '../documents/pdf/pdf-composer.js';
import { toWinAnsi } from '../documents/pdf/win-ansi.js';

export interface RadarMarker {
  label: string;
  score: number | null;
}

/** Height the radar needs, in points. */
export const RADAR_HEIGHT = 240;

const OUTER = 84;
const INNER = 8;
const LABEL_GAP = 10;
const LABEL_SIZE = 8.5;
const COLOUR = '#1f5f99';
const GRID = '#b8b8b8';

function radius(score: number): number {
  return INNER + (score * (OUTER - INNER)) / RADAR_MAX_SCORE;
}

function angle(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / count;
}

/** A score the radar can draw, within 0–3; anything else reads as not scored. */
function drawable(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(RADAR_MAX_SCORE, Math.max(0, score));
}

export function drawRadar(doc: PDFKit.PDFDocument, box: FigureBox, markers: readonly RadarMarker[]): void {
  if (markers.length === 0) return;
  const geometry = new RadarGeometry(box, markers.length);
  drawGrid(doc, geometry);
  drawScores(doc, geometry, markers);
  drawLabels(doc, box, geometry, markers);
}

/** Where each axis points, around the centre of the box. */
class RadarGeometry {
  readonly cx: number;
  readonly cy: number;

  constructor(
    box: FigureBox,
    readonly count: number,
  ) {
    this.cx = box.x + box.width / 2;
    this.cy = box.y + box.height / 2;
  }

  point(index: number, r: number): [number, number] {
    const theta = angle(index, this.count);
    return [this.cx + r * Math.cos(theta), this.cy + r * Math.sin(theta)];
  }

  ring(radiusOf: (index: number) => number): [number, number][] {
    return Array.from({ length: this.count }, (_, index) => this.point(index, radiusOf(index)));
  }
}

/** The rings of each level, the axes, and the scale. */
function drawGrid(doc: PDFKit.PDFDocument, geometry: RadarGeometry): void {
  const { cx, cy, count } = geometry;
  doc.lineWidth(0.6).strokeColor(GRID);
  for (let level = 0; level <= RADAR_MAX_SCORE; level++) {
    doc.polygon(...geometry.ring(() => radius(level))).stroke();
  }
  for (let index = 0; index < count; index++) {
    const [x, y] = geometry.point(index, OUTER);
    doc.moveTo(cx, cy).lineTo(x, y).stroke();
  }
  // The scale reads along the first axis (straight up), just right of it.
  doc.font('Helvetica').fontSize(6.5).fillColor('#555555');
  for (let level = 0; level <= RADAR_MAX_SCORE; level++) {
    doc.text(String(level), cx + 3, cy - radius(level) - 7, { lineBreak: false });
  }
}

/** The scores' polygon, filled then outlined, and a dot on each scored axis. */
function drawScores(doc: PDFKit.PDFDocument, geometry: RadarGeometry, markers: readonly RadarMarker[]): void {
  const scores = markers.map((marker) => drawable(marker.score));
  const values = geometry.ring((index) => {
    const score = scores[index];
    return score === null ? 0 : radius(score);
  });
  doc.save();
  doc
    .polygon(...values)
    .fillOpacity(0.25)
    .fill(COLOUR);
  doc.restore();
  doc
    .polygon(...values)
    .lineWidth(1.5)
    .strokeColor(COLOUR)
    .stroke();
  doc.fillColor(COLOUR);
  scores.forEach((score, index) => {
    if (score === null) return;
    const [x, y] = geometry.point(index, radius(score));
    doc.circle(x, y, 2.2).fill();
  });
}

/** Each marker's label and score, past the end of its axis, aligned away from the centre. */
function drawLabels(
  doc: PDFKit.PDFDocument,
  box: FigureBox,
  geometry: RadarGeometry,
  markers: readonly RadarMarker[],
): void {
  const labelWidth = box.width / 2 - OUTER - LABEL_GAP;
  const lineHeight = LABEL_SIZE * 1.25;
  markers.forEach((marker, index) => {
    const theta = angle(index, geometry.count);
    const [cos, sin] = [Math.cos(theta), Math.sin(theta)];
    const [x, y] = geometry.point(index, OUTER + LABEL_GAP);
    const align = cos > 0.1 ? 'left' : cos < -0.1 ? 'right' : 'center';
    const left = align === 'left' ? x : align === 'right' ? x - labelWidth : x - labelWidth / 2;
    // Two lines (label, value): above the axis end at the top, below it at the bottom.
    const top = sin < -0.1 ? y - 2 * lineHeight : sin > 0.1 ? y : y - lineHeight;
    const options = { width: labelWidth, align, lineBreak: false } as const;
    doc.font('Helvetica-Bold').fontSize(LABEL_SIZE).fillColor('#1a1a1a');
    doc.text(toWinAnsi(marker.label), left, top, options);
    doc.font('Helvetica').fontSize(LABEL_SIZE).fillColor('#1a1a1a');
    doc.text(toWinAnsi(scoreText(marker.score)), left, top + lineHeight, options);
  });
}
