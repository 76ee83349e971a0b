import type { Problem } from '../workflow/dossier.events.js';
import { decidedAmountProblems, formatEuros, proposedAmountProblems, wholeSharesProblems } from './amount-rules.js';

/** What Intl (ICU) produces for fr-FR euros: U+202F between thousands, U+00A0 before €. */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

const NOMINAL = 5_000; // 50,00 € a share
const codes = (problems: Problem[]) => problems.map((problem) => problem.code);

describe('formatEuros (fr-FR)', () => {
  it.each([
    ['a whole number of euros', 5_000, `50,00${NBSP}€`],
    ['cents', 50, `0,50${NBSP}€`],
    ['zero', 0, `0,00${NBSP}€`],
    ['thousands, grouped with a narrow no-break space', 150_000, `1${NNBSP}500,00${NBSP}€`],
    ['millions', 123_456_789, `1${NNBSP}234${NNBSP}567,89${NBSP}€`],
  ])('%s: %i cents → %j', (_scenario, cents, expected) => {
    expect(formatEuros(cents)).toBe(expected);
    expect(formatEuros(cents)).toBe(
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100),
    );
  });

  it('never uses a plain space (the French typographic spaces are non-breaking)', () => {
    expect(formatEuros(123_456_789)).not.toMatch(/ /);
    expect(formatEuros(123_456_789)).toMatch(/^1[\u202f\u00a0]234[\u202f\u00a0]567,89[\u202f\u00a0]€$/);
  });
});

describe('wholeSharesProblems (rule 4)', () => {
  it.each([
    ['one share', 5_000, 5_000],
    ['an exact multiple', 150_000, 5_000],
    ['a large exact multiple', 5_000 * 12_345, 5_000],
    ['shares with cents in their nominal value', 1_525 * 7, 1_525],
    ['zero (zero shares)', 0, 5_000],
  ])('passes: %s (%i cents, share of %i)', (_scenario, amount, nominal) => {
    expect(wholeSharesProblems('someField', amount, nominal)).toEqual([]);
  });

  it.each([
    ['one cent above a multiple', 150_001, 5_000],
    ['one cent below a multiple', 149_999, 5_000],
    ['less than one share', 4_999, 5_000],
    ['half a share', 2_500, 5_000],
    ['one cent off with cents in the nominal value', 1_525 * 7 + 1, 1_525],
  ])('fails: %s (%i cents, share of %i)', (_scenario, amount, nominal) => {
    expect(wholeSharesProblems('someField', amount, nominal)).toEqual([
      {
        field: 'someField',
        code: 'NOT_WHOLE_SHARES',
        message: `Le montant doit correspondre à un nombre entier de parts sociales de ${formatEuros(nominal)}.`,
      },
    ]);
  });

  it('names the share value in French euro format in its message', () => {
    const [problem] = wholeSharesProblems('x', 100_001, 100_000);
    expect(problem.message).toBe(
      `Le montant doit correspondre à un nombre entier de parts sociales de 1${NNBSP}000,00${NBSP}€.`,
    );
    expect(problem.message).toMatch(/de 1[\u202f\u00a0]000,00[\u202f\u00a0]€\.$/);
  });

  it('reports the field it is given', () => {
    expect(wholeSharesProblems('amountCents', 1, NOMINAL)[0].field).toBe('amountCents');
    expect(wholeSharesProblems('proposedAmountCents', 1, NOMINAL)[0].field).toBe('proposedAmountCents');
  });
});

describe('proposedAmountProblems (rules 4 and 5: proposed ≤ requested)', () => {
  it.each<[string, number, number, string[]]>([
    ['below the request, whole shares', 100_000, 150_000, []],
    ['equal to the request', 150_000, 150_000, []],
    ['one share above the request', 150_000 + NOMINAL, 150_000, ['ABOVE_REQUESTED']],
    ['far above the request', 1_000_000, 150_000, ['ABOVE_REQUESTED']],
    ['one cent off a whole share, below the request', 100_001, 150_000, ['NOT_WHOLE_SHARES']],
    ['not whole shares and above the request', 150_001, 150_000, ['NOT_WHOLE_SHARES', 'ABOVE_REQUESTED']],
  ])('%s: proposed %i, requested %i → %j', (_scenario, proposed, requested, expectedCodes) => {
    const problems = proposedAmountProblems(proposed, requested, NOMINAL);
    expect(codes(problems)).toEqual(expectedCodes);
    for (const problem of problems) expect(problem.field).toBe('proposedAmountCents');
  });

  it('names the requested amount in French euro format', () => {
    expect(proposedAmountProblems(155_000, 150_000, NOMINAL)).toEqual([
      {
        field: 'proposedAmountCents',
        code: 'ABOVE_REQUESTED',
        message: `Le montant proposé dépasse le montant demandé (1${NNBSP}500,00${NBSP}€).`,
      },
    ]);
  });
});

describe('decidedAmountProblems (rules 4 and 5: ≤ requested; differs from the proposal only if justified)', () => {
  const PROPOSED = 100_000;
  const REQUESTED = 200_000;

  it.each<[string, number, number | null, string | undefined, string[]]>([
    ['equal to the proposal, no justification', PROPOSED, PROPOSED, undefined, []],
    ['below the proposal, no justification', 50_000, PROPOSED, undefined, ['JUSTIFICATION_REQUIRED']],
    ['below the proposal, with a justification', 50_000, PROPOSED, 'Plan de financement révisé', []],
    ['above the proposal, with a justification', PROPOSED + NOMINAL, PROPOSED, 'Projet structurant', []],
    ['above the proposal, justification padded with spaces', PROPOSED + NOMINAL, PROPOSED, '  Motif  ', []],
    ['above the proposal, no justification', PROPOSED + NOMINAL, PROPOSED, undefined, ['JUSTIFICATION_REQUIRED']],
    ['above the proposal, empty justification', PROPOSED + NOMINAL, PROPOSED, '', ['JUSTIFICATION_REQUIRED']],
    ['above the proposal, blank justification', PROPOSED + NOMINAL, PROPOSED, '   ', ['JUSTIFICATION_REQUIRED']],
    [
      'above the proposal, whitespace-only justification (tabs, newlines, no-break space)',
      PROPOSED + NOMINAL,
      PROPOSED,
      '\t\n\u00a0',
      ['JUSTIFICATION_REQUIRED'],
    ],
    ['exactly the requested amount, justified', REQUESTED, PROPOSED, 'Motif', []],
    [
      'one share above the requested amount, even justified',
      REQUESTED + NOMINAL,
      PROPOSED,
      'Motif',
      ['ABOVE_REQUESTED'],
    ],
    ['no proposal (unfavourable opinion), no justification', 100_000, null, undefined, ['JUSTIFICATION_REQUIRED']],
    ['no proposal (unfavourable opinion), justified', 100_000, null, 'Motif', []],
    ['no proposal, not whole shares, justified', 100_001, null, 'Motif', ['NOT_WHOLE_SHARES']],
    ['equal to the proposal, not whole shares', 50_001, 50_001, undefined, ['NOT_WHOLE_SHARES']],
    [
      'above the proposal, not whole shares, no justification',
      PROPOSED + 1,
      PROPOSED,
      undefined,
      ['NOT_WHOLE_SHARES', 'JUSTIFICATION_REQUIRED'],
    ],
    ['above the proposal, not whole shares, justified', PROPOSED + 1, PROPOSED, 'Motif', ['NOT_WHOLE_SHARES']],
  ])('%s', (_scenario, decided, proposed, justification, expectedCodes) => {
    expect(codes(decidedAmountProblems(decided, proposed, REQUESTED, NOMINAL, justification))).toEqual(expectedCodes);
  });

  it('reports whole shares on amountCents and the missing justification on justification', () => {
    const problems = decidedAmountProblems(PROPOSED + 1, PROPOSED, REQUESTED, NOMINAL, undefined);
    expect(problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['amountCents', 'NOT_WHOLE_SHARES'],
      ['justification', 'JUSTIFICATION_REQUIRED'],
    ]);
  });

  it('names the proposed amount in French euro format', () => {
    expect(decidedAmountProblems(1_505_000, 1_500_000, 2_000_000, NOMINAL, undefined)).toEqual([
      {
        field: 'justification',
        code: 'JUSTIFICATION_REQUIRED',
        message:
          `Le montant décidé diffère du montant proposé par le comité (15${NNBSP}000,00${NBSP}€) : ` +
          'une justification est requise.',
      },
    ]);
  });
});
