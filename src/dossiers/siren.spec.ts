import { isValidSiren } from './siren.js';

/** Luhn-valid final digit for an 8-digit prefix, computed independently of isValidSiren. */
function luhnCheckDigit(prefix: string): number {
  let sum = 0;
  // Digits of the prefix, from its right end: the rightmost is doubled (the check digit is not).
  for (let index = 0; index < prefix.length; index++) {
    let digit = Number(prefix[prefix.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Deterministic pseudo-random generator (mulberry32): same prefixes on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('isValidSiren', () => {
  describe('accepts', () => {
    it.each([
      ['Total-like SIREN', '732829320'],
      ['Peugeot-like SIREN', '552100554'],
      ['La Poste (documented exception)', '356000000'],
      ['all zeros (Luhn sum 0)', '000000000'],
      ['SIREN ending in a doubled 9', '542065479'],
      ['another real-looking SIREN', '443061841'],
    ])('%s: %s', (_scenario, siren) => {
      expect(isValidSiren(siren)).toBe(true);
    });
  });

  describe('refuses', () => {
    it.each([
      ['wrong check digit (732829320 → …321)', '732829321'],
      ['wrong check digit (552100554 → …555)', '552100555'],
      ['two adjacent digits swapped', '738229320'],
      ['La Poste with a changed last digit', '356000001'],
      ['8 digits', '73282932'],
      ['10 digits', '7328293200'],
      ['a letter in place of a digit', '73282932A'],
      ['all letters', 'ABCDEFGHI'],
      ['inner spaces (as printed: 732 829 320)', '732 829 320'],
      ['leading space', ' 732829320'],
      ['trailing space', '732829320 '],
      ['trailing newline', '732829320\n'],
      ['empty string', ''],
      ['sign in front', '+73282932'],
      ['decimal point', '73282932.'],
      ['full-width (non-ASCII) digits', '７３２８２９３２０'],
      ['Arabic-Indic digits', '٧٣٢٨٢٩٣٢٠'],
    ])('%s: %j', (_scenario, siren) => {
      expect(isValidSiren(siren)).toBe(false);
    });
  });

  describe('property: for any 8-digit prefix exactly one final digit makes it valid', () => {
    const random = mulberry32(0x5c1c);
    const prefixes = new Set<string>(['00000000', '99999999', '35600000', '73282932', '55210055']);
    while (prefixes.size < 400) {
      prefixes.add(String(Math.floor(random() * 100_000_000)).padStart(8, '0'));
    }

    it('holds on 400 sampled prefixes (seeded), the digit being the Luhn check digit', () => {
      const offenders = [...prefixes].flatMap((prefix) => {
        const validDigits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((digit) => isValidSiren(`${prefix}${digit}`));
        const expected = [luhnCheckDigit(prefix)];
        return validDigits.length === 1 && validDigits[0] === expected[0] ? [] : [{ prefix, validDigits, expected }];
      });
      expect(prefixes.size).toBe(400);
      expect(offenders).toEqual([]);
    });
  });
});
