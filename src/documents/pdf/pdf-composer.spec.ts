import { createHash } from 'node:crypto';
import { formatEuros } from '../../common/french-format.js';
import { renderPdf } from './pdf-composer.js';
import { pdfText, pdfTextLines } from './pdf-text.js';
import { toWinAnsi } from './win-ansi.js';

const CREATED = new Date('2026-11-22T15:00:00Z');

function sample(): Promise<Buffer> {
  return renderPdf(
    { title: 'Procès-verbal', subject: 'Comité d’engagement', createdAt: CREATED },
    (pdf) => {
      pdf.title('Procès-verbal du comité d’engagement', 'Séance du 22 novembre 2026 — « Hôtel du Département »');
      pdf.heading('Membres présents');
      pdf.bullets(['Mme Élise Dupré — CDESS', 'M. Œdipe Lefèvre — personne qualifiée']);
      pdf.field('Montant proposé', formatEuros(5_000_000));
      pdf.paragraph('Déporté : l’intéressé s’est retiré… ' + 'Motivation détaillée. '.repeat(60));
      pdf.rule().space();
    },
    { footer: 'PV' },
  );
}

describe('toWinAnsi', () => {
  it.each([
    ['keeps Latin-1 and French signs', 'Élu déporté « œuvre » 50 € — 1er… ’', 'Élu déporté « œuvre » 50 € — 1er… ’'],
    ['narrow no-break space → no-break space', '50\u202f000,00\u00a0€', '50\u00a0000,00\u00a0€'],
    ['thin space and non-breaking hyphen', 'a\u2009b\u2011c', 'a b-c'],
    ['a character outside the encoding → ?', 'coopérative 🌱 ok', 'coopérative ? ok'],
    ['composed accents are normalised first', 'e\u0301', 'é'],
  ])('%s', (_case, input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
  });
});

describe('renderPdf', () => {
  it('writes a PDF whose text reads back, French accents, euro sign and no-break spaces included', async () => {
    const pdf = await sample();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Procès-verbal du comité d’engagement');
    expect(text).toContain('Séance du 22 novembre 2026 — « Hôtel du Département »');
    expect(text).toContain('•  M. Œdipe Lefèvre — personne qualifiée');
    // The bold label and the value are one line; U+202F came out as a no-break space.
    expect(pdfTextLines(pdf)).toContain('Montant proposé\u00a0: 50\u00a0000,00\u00a0€');
    expect(text).toContain('Déporté : l’intéressé s’est retiré…');
  });

  it('numbers the pages in the footer', async () => {
    const text = pdfText(await sample());
    expect(text).toMatch(/PV — page 1 \/ 1/);
  });

  it('is reproducible: the same content and time give the same bytes (and hash)', async () => {
    const [a, b] = await Promise.all([sample(), sample()]);
    const hash = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');
    expect(hash(a)).toBe(hash(b));
  });

  it('flows onto further pages when the content is long', async () => {
    const pdf = await renderPdf(
      { title: 'Long', createdAt: CREATED },
      (composer) => {
        for (let i = 1; i <= 120; i++) composer.paragraph(`Ligne ${i}`);
      },
      { footer: 'Long' },
    );
    const text = pdfText(pdf);
    expect(text).toContain('Ligne 1\n');
    expect(text).toContain('Ligne 120');
    expect(text).toMatch(/Long — page 3 \/ 3/);
  });
});
