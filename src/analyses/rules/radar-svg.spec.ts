import fc from 'fast-check';
import { escapeXml, renderRadarSvg, type RadarInput } from './radar-svg.js';
import { MARKER_DEFINITIONS } from './thresholds.js';

const SIX: RadarInput = {
  title: 'Marqueurs de transformation — SCIC Exemple',
  markers: MARKER_DEFINITIONS.map((marker, index) => ({ label: marker.label, score: index === 4 ? null : index % 4 })),
};

/**
 * A small well-formedness check: tags balance and nest, attributes are quoted, no raw
 * "<" or stray "&" in text. Enough to catch an unescaped label or a forgotten close tag.
 */
function assertWellFormed(svg: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(svg); match !== null; match = tag.exec(svg)) {
    const text = svg.slice(last, match.index);
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    for (const value of match[3].matchAll(/="([^"]*)"/g)) expect(value[1]).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
    names.push(name);
    last = tag.lastIndex;
  }
  expect(svg.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  return names;
}

describe('renderRadarSvg', () => {
  it('is well-formed SVG with a viewBox and no external resource', () => {
    const svg = renderRadarSvg(SIX);
    const names = assertWellFormed(svg);
    expect(names[0]).toBe('svg');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/href|<image|<script|url\(|@import|<foreignObject/);
  });

  it('is accessible: role="img", a <title> and a <desc> it is labelled by', () => {
    const svg = renderRadarSvg(SIX);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="radar-title radar-desc"');
    expect(svg).toContain('<title id="radar-title">Marqueurs de transformation — SCIC Exemple</title>');
    const desc = /<desc id="radar-desc">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
    expect(desc).toContain('échelle fixe de 0 à 3');
    expect(desc).toContain('Autonomie : 0 sur 3');
    expect(desc).toContain('Capabilités : 1 sur 3');
    expect(desc).toContain('Justice sociale : 2 sur 3');
    expect(desc).toContain('Patrimonialisation en commun : 3 sur 3');
    expect(desc).toContain('Durabilité : non noté');
    expect(desc).toContain('Résilience des territoires : 1 sur 3');
  });

  it('labels every axis with its label and its value', () => {
    const svg = renderRadarSvg(SIX);
    for (const marker of SIX.markers) expect(svg).toContain(`font-weight="bold">${marker.label}</tspan>`);
    expect(svg).toContain('>3 sur 3</tspan>');
    expect(svg).toContain('>non noté</tspan>');
  });

  it('draws four rings (0 to 3), one axis per marker, the value polygon and a dot per scored marker', () => {
    const svg = renderRadarSvg(SIX);
    expect(svg.match(/<polygon data-level="\d"/g)).toHaveLength(4);
    expect(svg.match(/<line /g)).toHaveLength(6);
    expect(svg.match(/<polygon class="values"/g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(5); // Durabilité is not scored
    expect(svg.match(/<polygon data-level="0" points="([^"]*)"/)?.[1].split(' ')).toHaveLength(6);
  });

  it('uses a fixed scale: the same score sits at the same place whatever the others', () => {
    const dotsOf = (scores: number[]) =>
      renderRadarSvg({ title: 't', markers: scores.map((score, index) => ({ label: `M${index}`, score })) }).match(
        /<circle [^>]*>/g,
      );
    expect(dotsOf([3, 3, 3, 3, 3, 3])?.[0]).toBe(dotsOf([3, 0, 0, 0, 0, 0])?.[0]);
    expect(dotsOf([1, 1, 1, 1, 1, 1])?.[0]).toBe(dotsOf([1, 0, 0, 0, 0, 0])?.[0]);
    // Score 3 is on the outer ring, first axis straight up.
    const outer = renderRadarSvg(SIX).match(/<polygon data-level="3" points="([\d.]+),([\d.]+)/);
    expect(dotsOf([3, 0, 0, 0, 0, 0])?.[0]).toContain(`cx="${outer?.[1]}" cy="${outer?.[2]}"`);
  });

  it('tells 0 apart from "not scored": a 0 sits on the inner ring with a dot, not scored at the centre without one', () => {
    const zero = renderRadarSvg({
      title: 't',
      markers: [
        { label: 'A', score: 0 },
        { label: 'B', score: 0 },
        { label: 'C', score: 0 },
      ],
    });
    const none = renderRadarSvg({
      title: 't',
      markers: [
        { label: 'A', score: null },
        { label: 'B', score: null },
        { label: 'C', score: null },
      ],
    });
    expect(zero.match(/<circle /g)).toHaveLength(3);
    expect(none.match(/<circle /g)).toBeNull();
    expect(zero).not.toBe(none);
  });

  it('escapes every text: <script> and & in labels and title', () => {
    const svg = renderRadarSvg({
      title: 'Radar <b>"gras"</b> & co',
      markers: [
        { label: '<script>alert(1)</script>', score: 1 },
        { label: 'Santé & social', score: 2 },
        { label: "L'accès", score: 3 },
      ],
    });
    assertWellFormed(svg);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Santé &amp; social');
    expect(svg).toContain('L&apos;accès');
    expect(svg).toContain('Radar &lt;b&gt;&quot;gras&quot;&lt;/b&gt; &amp; co');
  });

  it('is deterministic and rounds coordinates to 2 decimals', () => {
    const svg = renderRadarSvg(SIX);
    expect(renderRadarSvg(SIX)).toBe(svg);
    for (const number of svg.match(/-?\d+\.\d+/g) ?? []) expect(number).toMatch(/^-?\d+\.\d{1,2}$/);
    expect(svg).not.toMatch(/[^\w]-0[^.\d]/);
  });

  it('takes an id prefix for pages with several radars, keeping it XML-safe', () => {
    const svg = renderRadarSvg({ ...SIX, idPrefix: 'dossier-42"><x' });
    expect(svg).toContain('aria-labelledby="dossier-42x-title dossier-42x-desc"');
    expect(svg).toContain('<title id="dossier-42x-title">');
  });

  it.each([3, 4, 5, 6, 8, 12])('works for %i markers', (count) => {
    const svg = renderRadarSvg({
      title: 'Radar',
      markers: Array.from({ length: count }, (_, index) => ({ label: `Marqueur ${index + 1}`, score: index % 4 })),
    });
    assertWellFormed(svg);
    expect(svg.match(/<line /g)).toHaveLength(count);
    expect(svg.match(/<polygon data-level="3" points="([^"]*)"/)?.[1].split(' ')).toHaveLength(count);
    expect(svg).toContain(`Radar de ${count} marqueurs`);
  });

  it('an out-of-range score is drawn within the scale, and says its value', () => {
    const svg = renderRadarSvg({
      title: 't',
      markers: [
        { label: 'A', score: 7 },
        { label: 'B', score: 3 },
        { label: 'C', score: 3 },
      ],
    });
    const dots = svg.match(/<circle [^>]*>/g) ?? [];
    expect(dots[0]).toBe(
      renderRadarSvg({
        title: 't',
        markers: [
          { label: 'A', score: 3 },
          { label: 'B', score: 3 },
          { label: 'C', score: 3 },
        ],
      }).match(/<circle [^>]*>/g)?.[0],
    );
    expect(svg).toContain('A : 7 sur 3');
  });

  it('property: any labels and scores give well-formed SVG that names every label', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.array(
          fc.record({
            label: fc.string({ maxLength: 20 }),
            score: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
          }),
          {
            minLength: 3,
            maxLength: 8,
          },
        ),
        (title, markers) => {
          const svg = renderRadarSvg({ title, markers });
          assertWellFormed(svg);
          for (const marker of markers) expect(svg).toContain(escapeXml(marker.label));
        },
      ),
    );
  });
});
