import { deliberationNumberProblem, normalizeDeliberationNumber } from './deliberation-number.js';

describe('délibération numbers', () => {
  it.each([
    ['CP-2026-100', 'cp-2026-100'],
    ['  cp-2026-100 ', 'cp-2026-100'],
    ['CP\u20102026\u2010100', 'cp-2026-100'],
    ['CP\u20112026\u2011100', 'cp-2026-100'],
    ['CP\u20132026\u2014100', 'cp-2026-100'],
    ['CP\u22122026\uFE58100', 'cp-2026-100'],
    ['CP\uFE632026\uFF0D100', 'cp-2026-100'],
    ['\uFF23\uFF30-\uFF12\uFF10\uFF12\uFF16-100', 'cp-2026-100'],
    ['DÉL-STRAẞE-1', 'dél-strasse-1'],
    ['CP\u00a02026', 'cp 2026'],
  ])('normalises %j to %j', (raw, normalised) => {
    expect(normalizeDeliberationNumber(raw)).toBe(normalised);
  });

  it.each([
    ['\u200BCP-2026-100', 'U+200B'],
    ['CP-\u200D2026', 'U+200D'],
    ['CP-2026\uFEFF', 'U+FEFF'],
    ['CP\u00AD2026', 'U+00AD'],
    ['CP\u202E2026', 'U+202E'],
    ['CP\t2026', 'U+0009'],
  ])('refuses %j (%s)', (raw, code) => {
    expect(deliberationNumberProblem(raw)).toContain(`(${code})`);
    expect(deliberationNumberProblem(raw)).toContain('« Numéro de délibération »');
  });

  it('accepts a plain number and refuses one too long or not a string', () => {
    expect(deliberationNumberProblem('CP-2026-100')).toBeNull();
    expect(deliberationNumberProblem('x'.repeat(51))).toContain('50 caractères');
    expect(deliberationNumberProblem(12)).toContain('chaîne');
  });
});
