import fc from 'fast-check';
import type { Problem } from '../workflow/dossier.events.js';
import {
  amountCheck,
  formatBasisPoints,
  formatEuros,
  roundedQuotient,
  wholeSharesProblems,
  type AmountCheck,
  type AmountCheckInput,
  type AmountPurpose,
} from './amount-rules.js';

/**
 * The gate's input, flattened for tables: `currentCapitalCents: null` is an unknown cap
 * table; the public-bodies category and the listed holders agree with the capped holdings
 * unless a case says otherwise; `envelopeRemainingCents: null` is a year without envelope.
 */
interface Case {
  amountCents: number;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  currentCapitalCents: number | null;
  publicHoldingsCents: number;
  listedPublicHoldingsCents?: number;
  publicBodiesCategoryCents?: number;
  stakesInForceCents: number;
  pendingCents: number;
  publicCapBasisPoints: number;
  ceilingPerScicCents: number;
  envelopeRemainingCents: number | null;
  releasedCents?: number;
  purpose?: AmountPurpose;
  proposedAmountCents?: number | null;
  justification?: string;
  shares?: number;
  paidCents?: number;
}

function gateInput(flat: Case): AmountCheckInput {
  const listed = flat.listedPublicHoldingsCents ?? flat.publicHoldingsCents;
  return {
    amountCents: flat.amountCents,
    requestedAmountCents: flat.requestedAmountCents,
    nominalShareValueCents: flat.nominalShareValueCents,
    capTable:
      flat.currentCapitalCents === null
        ? null
        : {
            currentCapitalCents: flat.currentCapitalCents,
            capPublicHoldingsCents: flat.publicHoldingsCents,
            listedPublicHoldingsCents: listed,
            publicBodiesCategoryCents: flat.publicBodiesCategoryCents ?? listed,
          },
    position: { stakesInForceCents: flat.stakesInForceCents, pendingCents: flat.pendingCents, dossiers: [] },
    publicCapBasisPoints: flat.publicCapBasisPoints,
    ceilingPerScicCents: flat.ceilingPerScicCents,
    envelope:
      flat.envelopeRemainingCents === null
        ? null
        : { year: 2026, amountCents: 50_000_000, remainingCents: flat.envelopeRemainingCents },
    releasedCents: flat.releasedCents,
    purpose: flat.purpose,
    proposedAmountCents: flat.proposedAmountCents,
    justification: flat.justification,
    shares: flat.shares,
    paidCents: flat.paidCents,
  };
}

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
  const BASE: Case = {
    amountCents: 2_000_000,
    requestedAmountCents: 5_000_000,
    nominalShareValueCents: 10_000,
    currentCapitalCents: 8_000_000,
    publicHoldingsCents: 2_000_000,
    stakesInForceCents: 0,
    pendingCents: 0,
    publicCapBasisPoints: 5_000,
    ceilingPerScicCents: 10_000_000,
    envelopeRemainingCents: null,
  };
  const run = (changes: Partial<Case>, field?: string) => amountCheck(gateInput({ ...BASE, ...changes }), field);

  it('a valid amount: every flag set, no problem', () => {
    expect(run({})).toEqual({
      amountCents: 2_000_000,
      shares: 200,
      wholeShares: true,
      publicShareAfterBasisPoints: 4_000, // (20 000 + 20 000) / (80 000 + 20 000)
      publicCapRespected: true,
      withinRequested: true,
      scicTotalAfterCents: 2_000_000,
      withinCeiling: true,
      withinEnvelope: null,
      position: { stakesInForceCents: 0, pendingCents: 0, dossiers: [] },
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
          `Après cette souscription, les collectivités territoriales, leurs groupements et établissements publics territoriaux détiendraient 60${NNBSP}100,00${NBSP}€ sur un capital de ` +
          `120${NNBSP}100,00${NBSP}€ (50,04${NBSP}%), au-delà du plafond de 50${NBSP}% du capital.`,
      });
    });

    it.each<[string, Partial<Case>]>([['capital unknown', { currentCapitalCents: null }]])(
      '%s: CAP_TABLE_UNKNOWN, asking to fill step 2',
      (_scenario, changes) => {
        const check = run(changes, 'proposedAmountCents');
        expect(check.publicCapRespected).toBeNull();
        expect(check.publicShareAfterBasisPoints).toBeNull();
        expect(check.problems).toHaveLength(1);
        expect(check.problems[0]).toMatchObject({ field: 'proposedAmountCents', code: 'CAP_TABLE_UNKNOWN' });
        expect(check.problems[0].message).toMatch(/renseignez la table de capitalisation à l’étape 2/);
      },
    );

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
    it.each<[string, Partial<Case>, Partial<AmountCheck>, string[]]>([
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
          message: `Le montant engagé (20${NNBSP}000,00${NBSP}€) dépasse le reste disponible de l’enveloppe budgétaire 2026 (10${NNBSP}000,00${NBSP}€ sur 500${NNBSP}000,00${NBSP}€).`,
        },
      ]);
    });
  });

  describe('the SCIC’s whole position: the département’s other dossiers count in the ceiling and in the cap', () => {
    // Capital 400 000 € (others), of which collectivités 40 000 €; ceiling 100 000 €.
    const SCIC: Partial<Case> = {
      currentCapitalCents: 40_000_000,
      publicHoldingsCents: 4_000_000,
      requestedAmountCents: 30_000_000,
      ceilingPerScicCents: 10_000_000,
    };
    it.each<[string, Partial<Case>, Partial<AmountCheck>, string[]]>([
      ['alone, at the ceiling', { amountCents: 10_000_000 }, { scicTotalAfterCents: 10_000_000 }, []],
      [
        'a stake in force on another dossier: the sum passes the ceiling',
        { amountCents: 10_000_000, stakesInForceCents: 10_000_000 },
        { scicTotalAfterCents: 20_000_000, withinCeiling: false },
        ['ABOVE_CEILING'],
      ],
      [
        'an amount proposed on another open dossier counts too',
        { amountCents: 6_000_000, pendingCents: 5_000_000 },
        { withinCeiling: false },
        ['ABOVE_CEILING'],
      ],
      [
        'the sum exactly at the ceiling passes',
        { amountCents: 5_000_000, stakesInForceCents: 3_000_000, pendingCents: 2_000_000 },
        { withinCeiling: true, scicTotalAfterCents: 10_000_000 },
        [],
      ],
      [
        // public after = 40 000 + 60 000 + x, capital after = 400 000 + 60 000 + x: 50 % at x = 260 000 €.
        'other stakes are public capital: exactly 50 % passes',
        { amountCents: 26_000_000, stakesInForceCents: 6_000_000, ceilingPerScicCents: 100_000_000 },
        { publicCapRespected: true, publicShareAfterBasisPoints: 5_000 },
        [],
      ],
      [
        'other stakes are public capital: one share more fails',
        { amountCents: 26_010_000, stakesInForceCents: 6_000_000, ceilingPerScicCents: 100_000_000 },
        { publicCapRespected: false },
        ['PUBLIC_CAP_EXCEEDED'],
      ],
    ])('%s', (_scenario, changes, flags, problemCodes) => {
      const check = run({ ...SCIC, ...changes });
      expect(check).toMatchObject(flags);
      expect(codes(check.problems)).toEqual(problemCodes);
    });

    it('names the other dossiers’ amounts in French', () => {
      const [problem] = run({ ...SCIC, amountCents: 10_000_000, stakesInForceCents: 10_000_000 }).problems;
      expect(problem.message).toBe(
        `Avec les 100${NNBSP}000,00${NBSP}€ déjà engagés ou proposés par le Département sur les autres dossiers de cette SCIC, ` +
          `le total atteindrait 200${NNBSP}000,00${NBSP}€, au-delà du plafond par SCIC (100${NNBSP}000,00${NBSP}€).`,
      );
    });
  });

  describe('a cap table that adds up: the public-bodies category agrees with the listed holders', () => {
    it.each<[string, Partial<Case>, string[]]>([
      ['they agree', {}, []],
      [
        // The case: a PUBLIC_BODIES category of 60 000 € and no public holder listed.
        'a public-bodies category and no holder listed',
        { publicHoldingsCents: 0, listedPublicHoldingsCents: 0, publicBodiesCategoryCents: 6_000_000 },
        ['CAP_TABLE_INCONSISTENT'],
      ],
      ['holders listed without the category', { publicBodiesCategoryCents: 0 }, ['CAP_TABLE_INCONSISTENT']],
      [
        'a public body outside the cap (State) is listed, not capped',
        { publicHoldingsCents: 0, listedPublicHoldingsCents: 3_000_000 },
        [],
      ],
    ])('%s', (_scenario, changes, problemCodes) => {
      const check = run(changes);
      expect(codes(check.problems)).toEqual(problemCodes);
      if (problemCodes.length) expect(check.publicCapRespected).toBeNull();
    });
  });

  describe('decisions and corrections: an amount other than the proposal is justified', () => {
    const PROPOSED = 1_000_000;
    it.each<[string, AmountPurpose, Partial<Case>, string[]]>([
      ['decision equal to the proposal', 'DECISION', { amountCents: PROPOSED }, []],
      ['decision below the proposal, unjustified', 'DECISION', { amountCents: 500_000 }, ['JUSTIFICATION_REQUIRED']],
      ['decision below the proposal, justified', 'DECISION', { amountCents: 500_000, justification: 'Motif' }, []],
      [
        'blank justification (tabs, newlines, no-break space)',
        'DECISION',
        { amountCents: 500_000, justification: '\t\n\u00a0' },
        ['JUSTIFICATION_REQUIRED'],
      ],
      ['no proposal, unjustified', 'DECISION', { proposedAmountCents: null }, ['JUSTIFICATION_REQUIRED']],
      ['a correction follows the same rule', 'CORRECTION', { amountCents: 500_000 }, ['JUSTIFICATION_REQUIRED']],
      ['the committee’s own proposal needs none', 'PROPOSAL', { amountCents: 500_000 }, []],
      ['the live check needs none', 'PREVIEW', { amountCents: 500_000 }, []],
      ['shares that do not make the amount', 'DECISION', { amountCents: PROPOSED, shares: 99 }, ['SHARES_MISMATCH']],
    ])('%s', (_scenario, purpose, changes, problemCodes) => {
      const check = run({ proposedAmountCents: PROPOSED, ...changes, purpose });
      expect(codes(check.problems)).toEqual(problemCodes);
    });

    it('names the proposal in French, on the justification field', () => {
      const [problem] = run({ purpose: 'DECISION', proposedAmountCents: 1_500_000, amountCents: 1_000_000 }).problems;
      expect(problem).toEqual({
        field: 'justification',
        code: 'JUSTIFICATION_REQUIRED',
        message:
          `Le montant décidé diffère du montant proposé par le comité (15${NNBSP}000,00${NBSP}€) : ` +
          'une justification est requise.',
      });
    });
  });

  describe('the envelope: what the act adds, and set before a signature', () => {
    it.each<[string, Partial<Case>, boolean | null, string[]]>([
      [
        'a correction needs only its increase',
        { purpose: 'CORRECTION', justification: 'Motif', releasedCents: 1_500_000, envelopeRemainingCents: 500_000 },
        true,
        [],
      ],
      [
        'an increase one cent above what remains',
        { purpose: 'CORRECTION', justification: 'Motif', releasedCents: 1_500_000, envelopeRemainingCents: 499_999 },
        false,
        ['ABOVE_ENVELOPE'],
      ],
      [
        'a decrease frees the envelope',
        { purpose: 'CORRECTION', justification: 'Motif', releasedCents: 3_000_000, envelopeRemainingCents: 0 },
        true,
        [],
      ],
      [
        'a signature without an envelope for the year',
        { purpose: 'SIGNATURE', envelopeRemainingCents: null },
        null,
        ['ENVELOPE_NOT_SET'],
      ],
      ['a decision without an envelope yet', { purpose: 'DECISION', proposedAmountCents: 2_000_000 }, null, []],
    ])('%s', (_scenario, changes, within, problemCodes) => {
      const check = run(changes);
      expect(check.withinEnvelope).toBe(within);
      expect(codes(check.problems)).toEqual(problemCodes);
    });
  });

  it.each<[string, number, number, string[]]>([
    ['a correction down to what was paid', 1_000_000, 1_000_000, []],
    ['a correction one share below what was paid', 990_000, 1_000_000, ['BELOW_PAID']],
  ])('%s', (_scenario, amount, paid, problemCodes) => {
    const check = run({ amountCents: amount, paidCents: paid, purpose: 'CORRECTION', proposedAmountCents: amount });
    expect(codes(check.problems)).toEqual(problemCodes);
  });

  it('fractional cents (refused by validation) give a problem, never a thrown BigInt error', () => {
    const check = run({ amountCents: 1.5 });
    expect(codes(check.problems)).toEqual(['NOT_INTEGER']);
    expect(check.publicCapRespected).toBeNull();
  });
});
