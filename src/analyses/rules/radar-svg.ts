/**
 * The radar of the transformation markers (DOMAIN step 2), rendered as an accessible SVG
 * string on the server — no browser, no external resource. The scale is fixed (0 to 3) so
 * that two radars compare at a glance; level 0 is a small inner ring so that a 0 is told
 * apart from a marker not scored yet (drawn at the centre, without a dot). Deterministic:
 * every coordinate is rounded to 2 decimals. Pure.
 */

export interface RadarInput {
  title: string;
  markers: { label: string; score: number | null }[];
  /** Prefix of the ids `aria-labelledby` points to, when several radars share a page. */
  idPrefix?: string;
}

export const RADAR_MAX_SCORE = 3;

const WIDTH = 720;
const HEIGHT = 500;
const CX = 360;
const CY = 265;
/** Radius of the outer ring (score 3) and of the inner ring (score 0). */
const OUTER = 150;
const INNER = 15;
const LABEL_GAP = 22;
const COLOUR = '#1f5f99';

/** Text for XML content or attributes: the five entities, and no control character XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Rounded to 2 decimals, never "-0". */
function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

function radius(score: number): number {
  return INNER + (score * (OUTER - INNER)) / RADAR_MAX_SCORE;
}

function angle(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / count;
}

function point(index: number, count: number, r: number): [number, number] {
  const theta = angle(index, count);
  return [CX + r * Math.cos(theta), CY + r * Math.sin(theta)];
}

function points(count: number, radiusOf: (index: number) => number): string {
  return Array.from({ length: count }, (_, index) => point(index, count, radiusOf(index)))
    .map(([x, y]) => `${num(x)},${num(y)}`)
    .join(' ');
}

/** A score the radar can draw: an integer-or-not number within 0–3; anything else reads as not scored. */
function drawable(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(RADAR_MAX_SCORE, Math.max(0, score));
}

export function scoreText(score: number | null): string {
  return score === null || !Number.isFinite(score) ? 'non noté' : `${num(score)} sur ${RADAR_MAX_SCORE}`;
}

export function renderRadarSvg(input: RadarInput): string {
  const { title, markers } = input;
  const prefix = (input.idPrefix ?? 'radar').replace(/[^A-Za-z0-9_-]/g, '') || 'radar';
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}" font-family="sans-serif" font-size="13">`,
    `<title id="${titleId}">${escapeXml(title)}</title>`,
    `<desc id="${descId}">${escapeXml(description(markers))}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${CX}" y="30" text-anchor="middle" font-size="16" font-weight="bold" fill="#1a1a1a">${escapeXml(title)}</text>`,
  ];
  if (markers.length > 0) {
    lines.push(...gridLines(markers.length), ...valueLines(markers), ...labelLines(markers));
  }
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

/** What a screen reader says instead of the drawing: the scale, then every marker's score. */
function description(markers: RadarInput['markers']): string {
  const n = markers.length;
  const values = markers.map((marker) => `${marker.label} : ${scoreText(marker.score)}`).join(' ; ');
  return (
    `Radar de ${n} marqueur${n > 1 ? 's' : ''} de transformation, échelle fixe de 0 à ${RADAR_MAX_SCORE}` +
    (n > 0 ? ` — ${values}.` : '.')
  );
}

/** The rings of each level, the axes, and the scale. */
function gridLines(n: number): string[] {
  const lines = ['<g class="rings" fill="none" stroke="#b8b8b8" stroke-width="1">'];
  for (let level = 0; level <= RADAR_MAX_SCORE; level++) {
    lines.push(`<polygon data-level="${level}" points="${points(n, () => radius(level))}"/>`);
  }
  lines.push('</g>', '<g class="axes" stroke="#b8b8b8" stroke-width="1">');
  for (let index = 0; index < n; index++) {
    const [x, y] = point(index, n, OUTER);
    lines.push(`<line x1="${CX}" y1="${CY}" x2="${num(x)}" y2="${num(y)}"/>`);
  }
  lines.push('</g>', '<g class="scale" fill="#555555" font-size="11">');
  // The scale reads along the first axis (straight up), just right of it.
  for (let level = 0; level <= RADAR_MAX_SCORE; level++) {
    lines.push(`<text x="${CX + 8}" y="${num(CY - radius(level) - 4)}">${level}</text>`);
  }
  lines.push('</g>');
  return lines;
}

/** The scores' polygon, and a dot on each scored axis. */
function valueLines(markers: RadarInput['markers']): string[] {
  const n = markers.length;
  const scores = markers.map((marker) => drawable(marker.score));
  const lines = [
    `<polygon class="values" points="${points(n, (index) => {
      const score = scores[index];
      return score === null ? 0 : radius(score);
    })}" fill="${COLOUR}" fill-opacity="0.25" stroke="${COLOUR}" stroke-width="2"/>`,
    `<g class="dots" fill="${COLOUR}">`,
  ];
  scores.forEach((score, index) => {
    if (score === null) return;
    const [x, y] = point(index, n, radius(score));
    lines.push(`<circle cx="${num(x)}" cy="${num(y)}" r="4"/>`);
  });
  lines.push('</g>');
  return lines;
}

/** Each marker's label and score, past the end of its axis. */
function labelLines(markers: RadarInput['markers']): string[] {
  const n = markers.length;
  const lines = ['<g class="labels" fill="#1a1a1a">'];
  markers.forEach((marker, index) => {
    const theta = angle(index, n);
    const [cos, sin] = [Math.cos(theta), Math.sin(theta)];
    const [x, y] = point(index, n, OUTER + LABEL_GAP);
    const anchor = cos > 0.1 ? 'start' : cos < -0.1 ? 'end' : 'middle';
    // Two lines (label, value): above the axis end at the top, below it at the bottom.
    const top = sin < -0.1 ? y - 18 : sin > 0.1 ? y + 4 : y - 6;
    lines.push(
      `<text x="${num(x)}" y="${num(top)}" text-anchor="${anchor}">` +
        `<tspan x="${num(x)}" font-weight="bold">${escapeXml(marker.label)}</tspan>` +
        `<tspan x="${num(x)}" dy="1.3em">${escapeXml(scoreText(marker.score))}</tspan>` +
        '</text>',
    );
  });
  lines.push('</g>');
  return lines;
}
