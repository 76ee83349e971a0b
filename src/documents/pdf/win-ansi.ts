/**
 * The standard PDF fonts (Helvetica…) are used with WinAnsiEncoding: Latin-1 plus a few
 * typographic signs (€ ’ « » — … œ). French text fits, but not every Unicode character:
 * ICU's narrow no-break space (U+202F, between thousands in fr-FR amounts) would be
 * written as two bytes and show as « /». Text is brought into the encoding here, keeping
 * its meaning: the other spaces become U+00A0, unknown characters a visible « ? ».
 */

/** Characters above U+00FF that WinAnsiEncoding has (codes 0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

const SUBSTITUTES: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space
  '\u2007': '\u00a0', // figure space
  '\u2009': ' ', // thin space
  '\u200a': ' ', // hair space
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2212': '-', // minus sign
  '\u2032': '\u2019', // prime
  '\u2248': '~',
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || char === '\t' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) {
      out += char;
    } else if (WIN_ANSI_EXTRA.has(code)) {
      out += char;
    } else {
      out += SUBSTITUTES[char] ?? '?';
    }
  }
  return out;
}
