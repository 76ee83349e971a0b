import fc from 'fast-check';
import type { Problem } from '../workflow/dossier.events.js';
import {
  amountCheck,
  decidedAmountProblems,
  formatBasisPoints,
  formatEuros,
  proposedAmountProblems,
  roundedQuotient,
  wholeSharesProblems,
  type AmountCheck,
  type AmountCheckInput,
} from './amount-rules.js';

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

describe('formatBasisPoints (fr-FR)', () => {
  it.each([
    [5_000, `50${NBSP}%`],
    [5_001, `50,01${NBSP}%`],
    [5_750, `57,5${NBSP}%`],
    [0, `0${NBSP}%`],
    [10_000, `100${NBSP}%`],
  ])('%i bp → %j', (basisPoints, expected) => {
    expect(formatBasisPoints(basisPoints)).toBe(expected);
  });
});

describe('roundedQuotient (exact, half away from zero)', () => {
  it.each<[bigint, bigint, bigint]>([
    [10n, 4n, 3n],
    [9n, 4n, 2n],
    [-10n, 4n, -3n],
    [10n, -4n, -3n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [0n, 7n, 0n],
  ])('%s / %s → %s', (numerator, denominator, expected) => {
    expect(roundedQuotient(numerator, denominator)).toBe(expected);
  });

  it('property: |quotient × d − n| ≤ |d| / 2', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 20n), 10n ** 20n), fc.bigInt(1n, 10n ** 12n), fc.boolean(), (n, d, negate) => {
        const denominator = negate ? -d : d;
        const q = roundedQuotient(n, denominator);
        const gap = q * denominator - n;
        expect(2n * (gap < 0n ? -gap : gap) <= d).toBe(true);
      }),
    );
  });
});

describe('amountCheck (rules 3, 4 and 5 together)', () => {
  // Capital 80 000 €, of which public bodies hold 20 000 €; shares of 100 €.
  const BASE: AmountCheckInput = {
    amountCents: 2_000_000,
    requestedAmountCents: 5_000_000,
    nominalShareValueCents: 10_000,
    currentCapitalCents: 8_000_000,
    publicHoldingsCents: 2_000_000,
    publicCapBasisPoints: 5_000,
    ceilingPerScicCents: 10_000_000,
    envelopeRemainingCents: null,
  };
  const run = (changes: Partial<AmountCheckInput>, field?: string) => amountCheck({ ...BASE, ...changes }, field);

  it('a valid amount: every flag set, no problem', () => {
    expect(run({})).toEqual({
      amountCents: 2_000_000,
      shares: 200,
      wholeShares: true,
      publicShareAfterBasisPoints: 4_000, // (20 000 + 20 000) / (80 000 + 20 000)
      publicCapRespected: true,
      withinRequested: true,
      withinCeiling: true,
      withinEnvelope: null,
      problems: [],
    });
  });

  describe('rule 3: the public cap, counting this subscription, decided exactly', () => {
    // public after = 20 000 + x, capital after = 80 000 + x: 50 % exactly at x = 40 000 €.
    it.each<[string, number, boolean, number, string[]]>([
      ['exactly 50 %', 4_000_000, true, 5_000, []],
      ['one share below 50 %', 3_990_000, true, 4_996, []],
      ['one share more than 50 %', 4_010_000, false, 5_004, ['PUBLIC_CAP_EXCEEDED']],
    ])('%s (%i cents)', (_scenario, amount, respected, shareBp, problemCodes) => {
      const check = run({ amountCents: amount, requestedAmountCents: 10_000_000 });
      expect(check.publicCapRespected).toBe(respected);
      expect(check.publicShareAfterBasisPoints).toBe(shareBp);
      expect(codes(check.problems)).toEqual(problemCodes);
    });

    it('one cent above 50 % fails, though it rounds to 50,00 % for display', () => {
      // public 50 000,01 € of a capital 100 000,00 € after.
      const check = run({
        amountCents: 1_000_000,
        nominalShareValueCents: 1,
        currentCapitalCents: 9_000_000,
        publicHoldingsCents: 4_000_001,
      });
      expect(check.publicShareAfterBasisPoints).toBe(5_000);
      expect(check.publicCapRespected).toBe(false);
    });

    it('names the figures in French', () => {
      const [problem] = run({ amountCents: 4_010_000, requestedAmountCents: 10_000_000 }).problems;
      expect(problem).toEqual({
        field: 'amountCents',
        code: 'PUBLIC_CAP_EXCEEDED',
        message:
          `Après cette souscription, les personnes publiques détiendraient 60${NNBSP}100,00${NBSP}€ sur un capital de ` +
          `120${NNBSP}100,00${NBSP}€ (50,04${NBSP}%), au-delà du plafond de 50${NBSP}% du capital.`,
      });
    });

    it.each<[string, Partial<AmountCheckInput>]>([
      ['capital unknown', { currentCapitalCents: null }],
      ['public holdings unknown', { publicHoldingsCents: null }],
    ])('%s: CAP_TABLE_UNKNOWN, asking to fill step 2', (_scenario, changes) => {
      const check = run(changes, 'proposedAmountCents');
      expect(check.publicCapRespected).toBeNull();
      expect(check.publicShareAfterBasisPoints).toBeNull();
      expect(check.problems).toHaveLength(1);
      expect(check.problems[0]).toMatchObject({ field: 'proposedAmountCents', code: 'CAP_TABLE_UNKNOWN' });
      expect(check.problems[0].message).toMatch(/renseignez la table de capitalisation à l’étape 2/);
    });

    it('the cap comes from the thresholds', () => {
      expect(run({ publicCapBasisPoints: 3_000 }).publicCapRespected).toBe(false);
      expect(run({ publicCapBasisPoints: 4_000 }).publicCapRespected).toBe(true);
    });

    it('property: whenever the cap passes, (public + amount) × 10 000 ≤ cap × (capital + amount)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10 ** 12 }),
          fc.integer({ min: 0, max: 10 ** 12 }),
          fc.integer({ min: 0, max: 10 ** 12 }),
          fc.integer({ min: 0, max: 10_000 }),
          (amount, capital, heldShare, cap) => {
            const holdings = Math.min(heldShare, capital);
            const check = run({
              amountCents: amount,
              nominalShareValueCents: 1,
              currentCapitalCents: capital,
              publicHoldingsCents: holdings,
              publicCapBasisPoints: cap,
            });
            const within =
              (BigInt(holdings) + BigInt(amount)) * 10_000n <= BigInt(cap) * (BigInt(capital) + BigInt(amount));
            expect(check.publicCapRespected).toBe(within);
            expect(check.problems.some((problem) => problem.code === 'PUBLIC_CAP_EXCEEDED')).toBe(!within);
          },
        ),
      );
    });

    it('property: the largest whole-share amount within the cap passes and one share more fails', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 100_000 }),
          fc.integer({ min: 1, max: 10 ** 6 }),
          fc.integer({ min: 0, max: 10 ** 6 }),
          (nominal, capitalShares, publicShares) => {
            const capital = nominal * capitalShares;
            const holdings = nominal * Math.min(publicShares, Math.floor(capitalShares / 2));
            // (h + x) ≤ (c + x) / 2  ⇔  x ≤ c − 2h; in whole shares of the nominal value.
            const max = Math.floor((capital - 2 * holdings) / nominal) * nominal;
            const input = {
              nominalShareValueCents: nominal,
              currentCapitalCents: capital,
              publicHoldingsCents: holdings,
              requestedAmountCents: Number.MAX_SAFE_INTEGER,
              ceilingPerScicCents: Number.MAX_SAFE_INTEGER,
            };
            if (max > 0) expect(run({ ...input, amountCents: max }).publicCapRespected).toBe(true);
            expect(run({ ...input, amountCents: max + nominal }).publicCapRespected).toBe(false);
          },
        ),
      );
    });
  });

  describe('rule 4: whole shares', () => {
    it.each<[number, boolean, number | null]>([
      [2_000_000, true, 200],
      [10_000, true, 1],
      [2_000_001, false, null],
      [5_000, false, null],
    ])('%i cents → whole %s, %s shares', (amount, whole, shares) => {
      const check = run({ amountCents: amount });
      expect(check.wholeShares).toBe(whole);
      expect(check.shares).toBe(shares);
      expect(codes(check.problems).includes('NOT_WHOLE_SHARES')).toBe(!whole);
    });

    it('property: whole shares iff amount % nominal = 0, and then shares × nominal = amount', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 6 }), (amount, nominal) => {
          const check = run({ amountCents: amount, nominalShareValueCents: nominal });
          expect(check.wholeShares).toBe(amount % nominal === 0);
          if (check.wholeShares) expect((check.shares as number) * nominal).toBe(amount);
          else expect(check.shares).toBeNull();
        }),
      );
    });

    it('an unknown nominal value is a problem, not a division by zero', () => {
      const check = run({ nominalShareValueCents: 0 });
      expect(check.wholeShares).toBe(false);
      expect(codes(check.problems)).toEqual(['NOMINAL_SHARE_VALUE_UNKNOWN']);
    });
  });

  describe('rule 5: requested amount, ceiling per SCIC, budget envelope', () => {
    it.each<[string, Partial<AmountCheckInput>, Partial<AmountCheck>, string[]]>([
      ['equal to the request', { requestedAmountCents: 2_000_000 }, { withinRequested: true }, []],
      [
        'one share above the request',
        { requestedAmountCents: 1_990_000 },
        { withinRequested: false },
        ['ABOVE_REQUESTED'],
      ],
      ['equal to the ceiling', { ceilingPerScicCents: 2_000_000 }, { withinCeiling: true }, []],
      ['one cent above the ceiling', { ceilingPerScicCents: 1_999_999 }, { withinCeiling: false }, ['ABOVE_CEILING']],
      ['no envelope known', { envelopeRemainingCents: null }, { withinEnvelope: null }, []],
      ['equal to what remains of the envelope', { envelopeRemainingCents: 2_000_000 }, { withinEnvelope: true }, []],
      [
        'one cent above what remains',
        { envelopeRemainingCents: 1_999_999 },
        { withinEnvelope: false },
        ['ABOVE_ENVELOPE'],
      ],
      ['an exhausted envelope', { envelopeRemainingCents: 0 }, { withinEnvelope: false }, ['ABOVE_ENVELOPE']],
      ['a zero amount', { amountCents: 0 }, {}, ['NOT_POSITIVE']],
    ])('%s', (_scenario, changes, flags, problemCodes) => {
      const check = run(changes);
      expect(check).toMatchObject(flags);
      expect(codes(check.problems)).toEqual(problemCodes);
    });

    it('names the figures in French and reports the field it is given', () => {
      const check = run({ ceilingPerScicCents: 1_500_000, envelopeRemainingCents: 1_000_000 }, 'proposedAmountCents');
      expect(check.problems).toEqual([
        {
          field: 'proposedAmountCents',
          code: 'ABOVE_CEILING',
          message: `Le montant (20${NNBSP}000,00${NBSP}€) dépasse le plafond par SCIC (15${NNBSP}000,00${NBSP}€).`,
        },
        {
          field: 'proposedAmountCents',
          code: 'ABOVE_ENVELOPE',
          message: `Le montant (20${NNBSP}000,00${NBSP}€) dépasse le reste disponible de l’enveloppe budgétaire de l’année (10${NNBSP}000,00${NBSP}€).`,
        },
      ]);
    });
  });

  it('fractional cents (refused by validation) give a problem, never a thrown BigInt error', () => {
    const check = run({ amountCents: 1.5 });
    expect(codes(check.problems)).toEqual(['NOT_INTEGER']);
    expect(check.publicCapRespected).toBeNull();
  });
});
