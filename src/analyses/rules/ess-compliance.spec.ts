import fc from 'fast-check';
import type { EssPracticesData, MarkerScore, MemberCategory, VotingCollege } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import {
  essCompliance,
  WAGE_SCALE_WARNING_RATIO,
  type ComplianceCheck,
  type EssComplianceContext,
} from './ess-compliance.js';
import { completeEssExample, EXAMPLE_NOMINAL_SHARE_VALUE_CENTS } from './examples.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const CONTEXT: EssComplianceContext = {
  thresholds: DEFAULT_THRESHOLDS,
  today: '2025-06-15',
  nominalShareValueCents: EXAMPLE_NOMINAL_SHARE_VALUE_CENTS,
};

const run = (changes: Partial<EssPracticesData>, context: Partial<EssComplianceContext> = {}) =>
  essCompliance({ ...completeEssExample(), ...changes }, { ...CONTEXT, ...context });
const statusOf = (checks: ComplianceCheck[], code: string) => checks.find((check) => check.code === code)?.status;
const summary = (problems: Problem[]) => problems.map((problem) => `${problem.field}:${problem.code}`);
const category = (
  kind: MemberCategory['kind'],
  capitalHeldCents = 0,
  label: string = kind,
  memberCount = 1,
): MemberCategory => ({
  kind,
  label,
  memberCount,
  capitalHeldCents,
});
const colleges = (...shares: number[]): VotingCollege[] =>
  shares.map((share, index) => ({ name: `Collège ${index + 1}`, voteShareBasisPoints: share }));

describe('essCompliance — the complete example', () => {
  it('has no problem and every check OK', () => {
    const { checks, problems } = essCompliance(completeEssExample(), CONTEXT);
    expect(problems).toEqual([]);
    expect(checks.filter((check) => check.status !== 'OK')).toEqual([]);
  });

  it('returns the checks in a fixed order, each with its level and legal source', () => {
    const { checks } = essCompliance(completeEssExample(), CONTEXT);
    expect(checks.map((check) => [check.code, check.level])).toEqual([
      ['MEMBER_CATEGORIES', 'LEGAL'],
      ['VOTING_COLLEGES_COUNT', 'LEGAL'],
      ['VOTING_COLLEGES_BOUNDS', 'LEGAL'],
      ['VOTING_COLLEGES_NO_MAJORITY', 'LEGAL'],
      ['VOTING_COLLEGES_TOTAL', 'LEGAL'],
      ['LEGAL_RESERVE', 'LEGAL'],
      ['STATUTORY_RESERVE', 'LEGAL'],
      ['INTEREST_ON_SHARES', 'LEGAL'],
      ['COOPERATIVE_REVISION', 'PRACTICE'],
      ['CAP_TABLE_SHARES', 'LEGAL'],
      ['CAP_TABLE_CATEGORIES', 'LEGAL'],
      ['PUBLIC_BODIES_AGREEMENT', 'LEGAL'],
      ['PUBLIC_HOLDINGS', 'LEGAL'],
      ['WAGE_SCALE', 'PRACTICE'],
    ]);
    expect(checks.find((check) => check.code === 'MEMBER_CATEGORIES')?.source).toBe('L47 art. 19 septies');
    expect(checks.find((check) => check.code === 'VOTING_COLLEGES_BOUNDS')?.source).toBe('L47 art. 19 octies');
    expect(checks.find((check) => check.code === 'LEGAL_RESERVE')?.source).toBe('loi 47-1775, art. 16');
    expect(checks.find((check) => check.code === 'STATUTORY_RESERVE')?.source).toBe('loi 47-1775, art. 19 nonies');
    expect(checks.find((check) => check.code === 'INTEREST_ON_SHARES')?.source).toBe('L47 art. 14');
    expect(checks.find((check) => check.code === 'PUBLIC_HOLDINGS')?.source).toBe(
      'L47 art. 19 septies, dernier alinéa',
    );
    for (const check of checks) expect(check.message.trim()).not.toBe('');
  });
});

describe('rule 2: ≥ 3 member categories, beneficiaries and employees (or producers)', () => {
  // Capital held is irrelevant here; the cap-table check is neutralised by a matching capital.
  const withCategories = (memberCategories: MemberCategory[], context: Partial<EssComplianceContext> = {}) => {
    const capital = memberCategories.reduce((sum, entry) => sum + entry.capitalHeldCents, 0);
    return run(
      {
        memberCategories,
        currentCapitalCents: capital,
        numberOfShares: capital / EXAMPLE_NOMINAL_SHARE_VALUE_CENTS,
        publicHolders: [],
      },
      context,
    );
  };

  it.each<[string, MemberCategory[], 'OK' | 'FAILED' | 'UNKNOWN']>([
    [
      'employees, beneficiaries, supporters',
      [category('EMPLOYEES'), category('BENEFICIARIES'), category('SUPPORTERS')],
      'OK',
    ],
    [
      'producers instead of employees',
      [category('PRODUCERS'), category('BENEFICIARIES'), category('VOLUNTEERS')],
      'OK',
    ],
    ['only two categories', [category('EMPLOYEES'), category('BENEFICIARIES')], 'FAILED'],
    [
      'three categories without beneficiaries',
      [category('EMPLOYEES'), category('SUPPORTERS'), category('VOLUNTEERS')],
      'FAILED',
    ],
    [
      'three categories without employees nor producers',
      [category('BENEFICIARIES'), category('SUPPORTERS'), category('VOLUNTEERS')],
      'FAILED',
    ],
    [
      'the same kind twice is one category',
      [category('EMPLOYEES'), category('BENEFICIARIES'), category('BENEFICIARIES', 0, 'Usagers bis')],
      'FAILED',
    ],
    [
      'two OTHER categories with different labels are two categories',
      [
        category('EMPLOYEES'),
        category('BENEFICIARIES'),
        category('OTHER', 0, 'Financeurs'),
        category('OTHER', 0, 'Fondateurs'),
      ],
      'OK',
    ],
    [
      'a category without associés does not count',
      [category('EMPLOYEES'), category('BENEFICIARIES'), category('SUPPORTERS', 0, 'Soutiens', 0)],
      'FAILED',
    ],
    ['no category: unknown', [], 'UNKNOWN'],
  ])('%s', (_scenario, memberCategories, expected) => {
    const { checks, problems } = withCategories(memberCategories);
    expect(statusOf(checks, 'MEMBER_CATEGORIES')).toBe(expected);
    expect(summary(problems).includes('memberCategories:MEMBER_CATEGORIES')).toBe(expected === 'FAILED');
  });

  it('with employees (step 1), producers no longer stand in for them', () => {
    const producers = [category('PRODUCERS'), category('BENEFICIARIES'), category('VOLUNTEERS')];
    expect(statusOf(withCategories(producers, { employeesFte: 0 }).checks, 'MEMBER_CATEGORIES')).toBe('OK');
    expect(statusOf(withCategories(producers, { employeesFte: null }).checks, 'MEMBER_CATEGORIES')).toBe('OK');
    const { checks, problems } = withCategories(producers, { employeesFte: 3 });
    expect(statusOf(checks, 'MEMBER_CATEGORIES')).toBe('FAILED');
    expect(problems.find((problem) => problem.code === 'MEMBER_CATEGORIES')?.message).toMatch(/la SCIC a des salariés/);
  });

  it('an empty list is a completeness problem', () => {
    expect(summary(withCategories([]).problems)).toContain('memberCategories:REQUIRED');
  });

  it('a category needs a label', () => {
    const memberCategories = completeEssExample().memberCategories;
    memberCategories[1].label = ' ';
    expect(summary(run({ memberCategories }).problems)).toEqual(['memberCategories[1].label:REQUIRED']);
  });
});

describe('rule 10: voting colleges, if present', () => {
  const withColleges = (votingColleges: VotingCollege[], context: Partial<EssComplianceContext> = {}) =>
    run({ hasVotingColleges: true, votingColleges }, context);
  const codes = [
    'VOTING_COLLEGES_COUNT',
    'VOTING_COLLEGES_BOUNDS',
    'VOTING_COLLEGES_NO_MAJORITY',
    'VOTING_COLLEGES_TOTAL',
  ];

  it('not answered: every college check unknown, and a completeness problem', () => {
    const { checks, problems } = run({ hasVotingColleges: null });
    for (const code of codes) expect(statusOf(checks, code)).toBe('UNKNOWN');
    expect(summary(problems)).toEqual(['hasVotingColleges:REQUIRED']);
  });

  it('no colleges: every college check OK (one associé, one vote), whatever the list holds', () => {
    const { checks, problems } = run({ hasVotingColleges: false, votingColleges: colleges(9_000, 1_000) });
    for (const code of codes) expect(statusOf(checks, code)).toBe('OK');
    expect(problems).toEqual([]);
  });

  it.each<[string, number[], string[]]>([
    ['three balanced colleges', [3_400, 3_300, 3_300], []],
    ['the bounds exactly (10 % and 50 %)', [5_000, 4_000, 1_000], []],
    ['four colleges', [2_500, 2_500, 2_500, 2_500], []],
    ['two colleges', [5_000, 5_000], ['votingColleges:VOTING_COLLEGES_COUNT']],
    ['none listed', [], ['votingColleges:VOTING_COLLEGES_COUNT', 'votingColleges:VOTING_COLLEGES_TOTAL']],
    ['one college below 10 %', [4_999, 4_002, 999], ['votingColleges[2].voteShareBasisPoints:VOTING_COLLEGES_BOUNDS']],
    [
      'one college above 50 %: out of bounds and a majority alone',
      [5_001, 3_999, 1_000],
      [
        'votingColleges[0].voteShareBasisPoints:VOTING_COLLEGES_BOUNDS',
        'votingColleges[0].voteShareBasisPoints:VOTING_COLLEGES_NO_MAJORITY',
      ],
    ],
    ['totals 99,99 %', [3_333, 3_333, 3_333], ['votingColleges:VOTING_COLLEGES_TOTAL']],
    ['totals 110 %', [4_000, 4_000, 3_000], ['votingColleges:VOTING_COLLEGES_TOTAL']],
  ])('%s %j → %j', (_scenario, shares, expected) => {
    expect(summary(withColleges(colleges(...shares)).problems)).toEqual(expected);
  });

  it('the bounds come from the thresholds', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, COLLEGE_MIN_BP: 2_000, COLLEGE_MAX_BP: 4_000 };
    expect(summary(withColleges(colleges(4_000, 4_000, 2_000), { thresholds }).problems)).toEqual([]);
    expect(summary(withColleges(colleges(5_000, 3_000, 2_000), { thresholds }).problems)).toEqual([
      'votingColleges[0].voteShareBasisPoints:VOTING_COLLEGES_BOUNDS',
    ]);
    expect(summary(withColleges(colleges(4_000, 4_100, 1_900), { thresholds }).problems)).toEqual([
      'votingColleges[1].voteShareBasisPoints:VOTING_COLLEGES_BOUNDS',
      'votingColleges[2].voteShareBasisPoints:VOTING_COLLEGES_BOUNDS',
    ]);
  });

  it('a majority alone fails even when the configured maximum would allow it', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, COLLEGE_MAX_BP: 6_000 };
    expect(summary(withColleges(colleges(5_001, 2_999, 2_000), { thresholds }).problems)).toEqual([
      'votingColleges[0].voteShareBasisPoints:VOTING_COLLEGES_NO_MAJORITY',
    ]);
  });

  it('names the college and its share in French', () => {
    const [problem] = withColleges(colleges(4_999, 4_002, 999)).problems;
    expect(problem.message).toBe(
      `Le collège « Collège 3 » détient 9,99${NBSP}% des voix : il doit en détenir entre 10${NBSP}% et 50${NBSP}%.`,
    );
  });

  it('property: no college problem iff ≥ 3 colleges, each 10–50 %, totalling 100 %', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 7 }), (shares) => {
        const { problems } = withColleges(colleges(...shares));
        const valid =
          shares.length >= 3 &&
          shares.every((share) => share >= 1_000 && share <= 5_000) &&
          shares.reduce((sum, share) => sum + share, 0) === 10_000;
        expect(problems.some((problem) => problem.code.startsWith('VOTING_COLLEGES'))).toBe(!valid);
      }),
    );
  });

  it('property: valid partitions of 100 % into 3–6 colleges of 10–50 % always pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 6, maxLength: 6 }),
        (count, noise) => {
          // Start from an even split and move a little between neighbours, staying in bounds.
          const shares = Array.from({ length: count }, () => Math.floor(10_000 / count));
          shares[0] += 10_000 - shares.reduce((sum, share) => sum + share, 0);
          for (let index = 0; index + 1 < count; index++) {
            const move = Math.min(noise[index] % 300, shares[index] - 1_000, 5_000 - shares[index + 1]);
            if (move > 0) {
              shares[index] -= move;
              shares[index + 1] += move;
            }
          }
          expect(withColleges(colleges(...shares)).problems).toEqual([]);
        },
      ),
    );
  });
});

describe('rule 9: reserves and interest on shares', () => {
  it.each<[string, string, 'OK' | 'FAILED' | 'UNKNOWN', Partial<EssPracticesData>]>([
    ['legal 15 % + statutory 42,5 %', 'STATUTORY_RESERVE', 'OK', { indivisibleReservesBasisPoints: 5_750 }],
    ['legal 15 % + statutory 42,49 %', 'STATUTORY_RESERVE', 'FAILED', { indivisibleReservesBasisPoints: 5_749 }],
    [
      'legal 40 % + statutory 17,5 % (30 % owed)',
      'STATUTORY_RESERVE',
      'FAILED',
      { indivisibleReservesBasisPoints: 5_750, legalReserveBasisPoints: 4_000 },
    ],
    [
      'legal 40 % + statutory 30 %',
      'STATUTORY_RESERVE',
      'OK',
      { indivisibleReservesBasisPoints: 7_000, legalReserveBasisPoints: 4_000 },
    ],
    [
      'legal 40 % + statutory 29,99 %',
      'STATUTORY_RESERVE',
      'FAILED',
      { indivisibleReservesBasisPoints: 6_999, legalReserveBasisPoints: 4_000 },
    ],
    [
      'legal 15,01 %: 42,495 % owed, 42,49 % fails (exact, no rounding in favour)',
      'STATUTORY_RESERVE',
      'FAILED',
      { indivisibleReservesBasisPoints: 5_750, legalReserveBasisPoints: 1_501 },
    ],
    ['indivisible reserves unknown', 'STATUTORY_RESERVE', 'UNKNOWN', { indivisibleReservesBasisPoints: null }],
    ['legal reserve at 15 %', 'LEGAL_RESERVE', 'OK', { legalReserveBasisPoints: 1_500 }],
    ['legal reserve at 14,99 %', 'LEGAL_RESERVE', 'FAILED', { legalReserveBasisPoints: 1_499 }],
    ['legal reserve unknown', 'LEGAL_RESERVE', 'UNKNOWN', { legalReserveBasisPoints: null }],
    [
      'art. 16: legal reserve equal to the highest capital, 0 % legal + 50 % statutory',
      'LEGAL_RESERVE',
      'OK',
      {
        legalReserveBasisPoints: 0,
        indivisibleReservesBasisPoints: 5_000,
        legalReserveAmountCents: 900_000,
        highestCapitalCents: 900_000,
      },
    ],
    [
      'art. 16: one cent short of the highest capital, 15 % still owed',
      'LEGAL_RESERVE',
      'FAILED',
      {
        legalReserveBasisPoints: 0,
        indivisibleReservesBasisPoints: 5_000,
        legalReserveAmountCents: 899_999,
        highestCapitalCents: 900_000,
      },
    ],
    [
      'art. 16 reached but statutory 49,99 %',
      'STATUTORY_RESERVE',
      'FAILED',
      {
        indivisibleReservesBasisPoints: 4_999,
        legalReserveBasisPoints: 0,
        legalReserveAmountCents: 900_000,
        highestCapitalCents: 900_000,
      },
    ],
    [
      'a highest capital below the current capital is refused',
      'LEGAL_RESERVE',
      'FAILED',
      { highestCapitalCents: 700_000, legalReserveAmountCents: 700_000, legalReserveBasisPoints: 0 },
    ],
    ['no interest on shares', 'INTEREST_ON_SHARES', 'OK', { interestOnSharesBasisPoints: 0 }],
    ['interest at the cap', 'INTEREST_ON_SHARES', 'OK', { interestOnSharesBasisPoints: 600 }],
    ['interest one basis point above the cap', 'INTEREST_ON_SHARES', 'FAILED', { interestOnSharesBasisPoints: 601 }],
    ['interest unknown', 'INTEREST_ON_SHARES', 'UNKNOWN', { interestOnSharesBasisPoints: null }],
  ])('%s: %s → %s', (_scenario, code, expected, changes) => {
    const { checks, problems } = run(changes);
    expect(statusOf(checks, code)).toBe(expected);
    const field = Object.keys(changes)[0];
    if (expected === 'FAILED') expect(summary(problems)).toEqual([`${field}:${code}`]);
    if (expected === 'UNKNOWN') expect(summary(problems)).toEqual([`${field}:REQUIRED`]);
    if (expected === 'OK') expect(problems).toEqual([]);
  });

  it('the bounds come from the thresholds', () => {
    const thresholds = {
      ...DEFAULT_THRESHOLDS,
      INTEREST_ON_SHARES_CAP_BP: 450,
      STATUTORY_RESERVE_MIN_OF_REMAINDER_BP: 6_000,
      LEGAL_RESERVE_MIN_BP: 2_000,
    };
    const { checks } = run({ interestOnSharesBasisPoints: 451, indivisibleReservesBasisPoints: 6_599 }, { thresholds });
    expect(statusOf(checks, 'INTEREST_ON_SHARES')).toBe('FAILED');
    expect(statusOf(checks, 'STATUTORY_RESERVE')).toBe('FAILED');
    expect(statusOf(checks, 'LEGAL_RESERVE')).toBe('FAILED');
    expect(statusOf(run({ indivisibleReservesBasisPoints: 6_600 }, { thresholds }).checks, 'STATUTORY_RESERVE')).toBe(
      'OK',
    );
  });

  it('each reserve check carries its figures and source', () => {
    const { checks } = run({ indivisibleReservesBasisPoints: 5_750, legalReserveBasisPoints: 4_000 });
    expect(checks.find((check) => check.code === 'LEGAL_RESERVE')?.figures).toEqual({
      requiredBasisPoints: 1_500,
      actualBasisPoints: 4_000,
      source: 'loi 47-1775, art. 16',
      legalReserveComplete: null,
    });
    expect(checks.find((check) => check.code === 'STATUTORY_RESERVE')?.figures).toEqual({
      requiredBasisPoints: 3_000,
      actualBasisPoints: 1_750,
      source: 'loi 47-1775, art. 19 nonies',
      remainderBasisPoints: 6_000,
      minimumOfRemainderBasisPoints: 5_000,
    });
    const exempt = run({
      legalReserveBasisPoints: 0,
      indivisibleReservesBasisPoints: 5_000,
      legalReserveAmountCents: 900_000,
      highestCapitalCents: 900_000,
    }).checks;
    expect(exempt.find((check) => check.code === 'LEGAL_RESERVE')?.figures).toMatchObject({
      requiredBasisPoints: 0,
      legalReserveComplete: true,
    });
    expect(exempt.find((check) => check.code === 'STATUTORY_RESERVE')?.figures).toMatchObject({
      requiredBasisPoints: 5_000,
      actualBasisPoints: 5_000,
    });
  });

  it('says the figure and the bound in French', () => {
    const { problems } = run({ indivisibleReservesBasisPoints: 5_750, legalReserveBasisPoints: 4_000 });
    expect(problems[0].message).toBe(
      `Réserve statutaire impartageable : 17,5${NBSP}% des excédents (réserves impartageables 57,5${NBSP}% moins réserve légale 40${NBSP}%), en dessous du minimum de 50${NBSP}% du solde de 60${NBSP}% laissé par la réserve légale, soit 30${NBSP}% des excédents (loi 47-1775, art. 19 nonies).`,
    );
  });

  it('the legal reserve cannot exceed the indivisible reserves it is part of', () => {
    expect(summary(run({ indivisibleReservesBasisPoints: 6_000, legalReserveBasisPoints: 6_500 }).problems)).toEqual([
      'legalReserveBasisPoints:INCONSISTENT',
    ]);
    expect(run({ indivisibleReservesBasisPoints: 8_000, legalReserveBasisPoints: 6_000 }).problems).toEqual([]);
  });
});

describe('rule 9: last révision coopérative ≤ 5 years old (practice: warns, never blocks)', () => {
  it.each<[string, string | null, string, 'OK' | 'FAILED' | 'UNKNOWN']>([
    ['exactly 5 years ago', '2020-06-15', '2025-06-15', 'OK'],
    ['5 years and a day ago', '2020-06-14', '2025-06-15', 'FAILED'],
    ['last year', '2024-01-10', '2025-06-15', 'OK'],
    ['29 February, 5 years later on 28 February', '2020-02-29', '2025-02-28', 'OK'],
    ['29 February, 5 years later on 1 March', '2020-02-29', '2025-03-01', 'FAILED'],
    ['never (a young SCIC)', null, '2025-06-15', 'UNKNOWN'],
  ])('%s (%s, measured on %s) → %s', (_scenario, lastCooperativeRevisionDate, today, expected) => {
    const { checks, problems } = run({ lastCooperativeRevisionDate }, { today });
    expect(statusOf(checks, 'COOPERATIVE_REVISION')).toBe(expected);
    expect(problems).toEqual([]);
  });

  it('mentions that a young SCIC may not have had one yet', () => {
    for (const date of [null, '2010-01-01']) {
      const message = run({ lastCooperativeRevisionDate: date }).checks.find(
        (check) => check.code === 'COOPERATIVE_REVISION',
      )?.message;
      expect(message).toMatch(/SCIC récente peut ne pas encore en avoir eu/);
    }
  });

  it('the period comes from the thresholds', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, COOPERATIVE_REVISION_MAX_YEARS: 3 };
    expect(
      statusOf(run({ lastCooperativeRevisionDate: '2022-06-15' }, { thresholds }).checks, 'COOPERATIVE_REVISION'),
    ).toBe('OK');
    expect(
      statusOf(run({ lastCooperativeRevisionDate: '2022-06-14' }, { thresholds }).checks, 'COOPERATIVE_REVISION'),
    ).toBe('FAILED');
  });
});

describe('cap table consistency (blocking)', () => {
  it('capital = shares × nominal value, named in French euros', () => {
    const { checks, problems } = run({ numberOfShares: 81 });
    expect(statusOf(checks, 'CAP_TABLE_SHARES')).toBe('FAILED');
    expect(problems).toEqual([
      {
        field: 'currentCapitalCents',
        code: 'CAP_TABLE_SHARES',
        message: `Le capital actuel (8${NNBSP}000,00${NBSP}€) ne correspond pas à 81 parts de 100,00${NBSP}€, soit 8${NNBSP}100,00${NBSP}€.`,
      },
    ]);
  });

  it('the nominal value comes from the context', () => {
    const { checks } = run({}, { nominalShareValueCents: 5_000 });
    expect(statusOf(checks, 'CAP_TABLE_SHARES')).toBe('FAILED');
    expect(statusOf(run({ numberOfShares: 160 }, { nominalShareValueCents: 5_000 }).checks, 'CAP_TABLE_SHARES')).toBe(
      'OK',
    );
  });

  it('the categories’ holdings add up to the current capital', () => {
    const memberCategories = completeEssExample().memberCategories;
    memberCategories[0].capitalHeldCents += 1;
    const { checks, problems } = run({ memberCategories });
    expect(statusOf(checks, 'CAP_TABLE_CATEGORIES')).toBe('FAILED');
    expect(problems).toEqual([
      {
        field: 'memberCategories',
        code: 'CAP_TABLE_CATEGORIES',
        message: `Le capital détenu par les catégories d’associés (8${NNBSP}000,01${NBSP}€) diffère du capital actuel (8${NNBSP}000,00${NBSP}€).`,
      },
    ]);
  });

  it.each<[string, Partial<EssPracticesData>, Partial<EssComplianceContext>, string[]]>([
    [
      'capital unknown',
      { currentCapitalCents: null },
      {},
      ['CAP_TABLE_SHARES', 'CAP_TABLE_CATEGORIES', 'PUBLIC_HOLDINGS'],
    ],
    ['number of shares unknown', { numberOfShares: null }, {}, ['CAP_TABLE_SHARES']],
    ['nominal value unknown', {}, { nominalShareValueCents: 0 }, ['CAP_TABLE_SHARES']],
    [
      'fractional cents (refused by validation) read as unknown',
      { currentCapitalCents: 800_000.5 },
      {},
      ['CAP_TABLE_SHARES', 'CAP_TABLE_CATEGORIES', 'PUBLIC_HOLDINGS'],
    ],
  ])('%s → unknown, never thrown', (_scenario, changes, context, unknown) => {
    const { checks } = run(changes, context);
    for (const code of unknown) expect(statusOf(checks, code)).toBe('UNKNOWN');
  });
});

describe('rule 3 before the subscription: public bodies’ current holdings', () => {
  // Capital 8 000 €: the cap is 4 000 €.
  it.each<[string, number[], 'OK' | 'FAILED']>([
    ['none', [], 'OK'],
    ['exactly 50 %', [300_000, 100_000], 'OK'],
    ['one cent above 50 %', [300_000, 100_001], 'FAILED'],
    ['all of it', [800_000], 'FAILED'],
  ])('%s %j → %s', (_scenario, amounts, expected) => {
    const publicHolders = amounts.map((amountCents, index) => ({
      name: `Collectivité ${index}`,
      kind: 'TERRITORIAL_AUTHORITY' as const,
      amountCents,
    }));
    const held = amounts.reduce((sum, amount) => sum + amount, 0);
    const memberCategories = completeEssExample().memberCategories.map((member) =>
      member.kind === 'PUBLIC_BODIES' ? { ...member, capitalHeldCents: held } : member,
    );
    const { checks, problems } = run({ publicHolders, memberCategories });
    expect(statusOf(checks, 'PUBLIC_HOLDINGS')).toBe(expected);
    expect(summary(problems).filter((problem) => problem.endsWith('PUBLIC_HOLDINGS'))).toEqual(
      expected === 'FAILED' ? ['publicHolders:PUBLIC_HOLDINGS'] : [],
    );
  });

  it('property: OK iff holdings × 10 000 ≤ cap × capital (exact)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        (held, capital, cap) => {
          const { checks } = essCompliance(
            {
              ...completeEssExample(),
              currentCapitalCents: capital,
              publicHolders: [{ name: 'C', kind: 'TERRITORIAL_AUTHORITY', amountCents: held }],
            },
            { ...CONTEXT, thresholds: { ...DEFAULT_THRESHOLDS, PUBLIC_CAP_BP: cap } },
          );
          const ok = BigInt(held) * 10_000n <= BigInt(cap) * BigInt(capital);
          expect(statusOf(checks, 'PUBLIC_HOLDINGS')).toBe(ok ? 'OK' : 'FAILED');
        },
      ),
    );
  });
});

describe('wage scale (practice: warns above 1 to 10)', () => {
  it.each<[number | null, 'OK' | 'FAILED' | 'UNKNOWN']>([
    [1, 'OK'],
    [WAGE_SCALE_WARNING_RATIO, 'OK'],
    [10.01, 'FAILED'],
    [25, 'FAILED'],
    [null, 'UNKNOWN'],
  ])('1 to %s → %s', (wageScaleRatio, expected) => {
    const { checks, problems } = run({ wageScaleRatio });
    expect(statusOf(checks, 'WAGE_SCALE')).toBe(expected);
    expect(summary(problems)).toEqual(expected === 'UNKNOWN' ? ['wageScaleRatio:REQUIRED'] : []);
  });

  it('says the scale in French', () => {
    const message = run({ wageScaleRatio: 12.5 }).checks.find((check) => check.code === 'WAGE_SCALE')?.message;
    expect(message).toBe(
      'Échelle des salaires de 1 à 12,5, au-delà de 1 à 10 : écart élevé pour une entreprise de l’ESS.',
    );
  });
});

it('PRACTICE failures never block, LEGAL failures always do', () => {
  const { checks, problems } = run({ wageScaleRatio: 40, lastCooperativeRevisionDate: '1990-01-01' });
  expect(checks.filter((check) => check.status === 'FAILED').map((check) => check.level)).toEqual([
    'PRACTICE',
    'PRACTICE',
  ]);
  expect(problems).toEqual([]);
});

it('every FAILED LEGAL check yields at least one problem with its code', () => {
  const { checks, problems } = run({
    memberCategories: [category('EMPLOYEES', 400_000), category('SUPPORTERS', 400_000)],
    hasVotingColleges: true,
    votingColleges: colleges(6_000, 500),
    indivisibleReservesBasisPoints: 1_000,
    legalReserveBasisPoints: 500,
    interestOnSharesBasisPoints: 9_000,
    numberOfShares: 7,
    publicHolders: [{ name: 'Région', kind: 'TERRITORIAL_AUTHORITY', amountCents: 700_000 }],
  });
  const failedLegal = checks
    .filter((check) => check.level === 'LEGAL' && check.status === 'FAILED')
    .map((check) => check.code);
  expect(failedLegal).toEqual([
    'MEMBER_CATEGORIES',
    'VOTING_COLLEGES_COUNT',
    'VOTING_COLLEGES_BOUNDS',
    'VOTING_COLLEGES_NO_MAJORITY',
    'VOTING_COLLEGES_TOTAL',
    'LEGAL_RESERVE',
    'STATUTORY_RESERVE',
    'INTEREST_ON_SHARES',
    'CAP_TABLE_SHARES',
    'PUBLIC_BODIES_AGREEMENT',
    'PUBLIC_HOLDINGS',
  ]);
  for (const code of failedLegal) expect(problems.some((problem) => problem.code === code)).toBe(true);
});

describe('the six markers and the narrative fields', () => {
  const markers = () => completeEssExample().markers;
  const withMarkers = (change: (list: MarkerScore[]) => MarkerScore[]) =>
    summary(run({ markers: change(markers()) }).problems);

  it.each<[string, (list: MarkerScore[]) => MarkerScore[], string[]]>([
    ['one missing', (list) => list.filter((score) => score.marker !== 'COMMONS'), ['markers.COMMONS:MARKER_MISSING']],
    [
      'none at all',
      () => [],
      ['AUTONOMY', 'CAPABILITIES', 'SOCIAL_JUSTICE', 'COMMONS', 'SUSTAINABILITY', 'RESILIENCE'].map(
        (code) => `markers.${code}:MARKER_MISSING`,
      ),
    ],
    ['one twice', (list) => [...list, { ...list[0] }], ['markers.AUTONOMY:MARKER_DUPLICATE']],
    [
      'a score of 4',
      (list) => list.map((score) => (score.marker === 'SUSTAINABILITY' ? { ...score, score: 4 } : score)),
      ['markers.SUSTAINABILITY.score:INVALID_SCORE'],
    ],
    [
      'a score of -1',
      (list) => list.map((score, index) => (index === 0 ? { ...score, score: -1 } : score)),
      ['markers.AUTONOMY.score:INVALID_SCORE'],
    ],
    [
      'a score of 1.5',
      (list) => list.map((score, index) => (index === 1 ? { ...score, score: 1.5 } : score)),
      ['markers.CAPABILITIES.score:INVALID_SCORE'],
    ],
    [
      'a blank comment',
      (list) => list.map((score, index) => (index === 5 ? { ...score, comment: ' ' } : score)),
      ['markers.RESILIENCE.comment:REQUIRED'],
    ],
    [
      'an unknown marker',
      (list) => [...list, { marker: 'HAPPINESS' as MarkerScore['marker'], score: 3, comment: 'x' }],
      ['markers:UNKNOWN_MARKER'],
    ],
  ])('%s', (_scenario, change, expected) => {
    expect(withMarkers(change)).toEqual(expected);
  });

  it.each([0, 1, 2, 3])('a score of %i is valid', (score) => {
    expect(withMarkers((list) => list.map((entry) => ({ ...entry, score })))).toEqual([]);
  });

  it('names the marker in French', () => {
    const { problems } = run({ markers: markers().filter((score) => score.marker !== 'SOCIAL_JUSTICE') });
    expect(problems[0].message).toBe('Marqueur « Justice sociale » : à noter de 0 à 3, avec un commentaire.');
  });

  it.each<[string, Partial<EssPracticesData>, string[]]>([
    ['governance blank', { governance: ' ' }, ['governance:REQUIRED']],
    ['cooperative project missing', { cooperativeProject: null }, ['cooperativeProject:REQUIRED']],
    ['conclusion missing', { conclusion: null }, ['conclusion:REQUIRED']],
    ['conclusion DOES_NOT_FIT', { conclusion: 'DOES_NOT_FIT' }, ['conclusion:DOES_NOT_FIT']],
    ['comments missing', { comments: '' }, ['comments:REQUIRED']],
    ['capital missing', { currentCapitalCents: null }, ['currentCapitalCents:REQUIRED']],
    ['number of shares missing', { numberOfShares: null }, ['numberOfShares:REQUIRED']],
    [
      'no public holder is fine',
      {
        publicHolders: [],
        memberCategories: completeEssExample().memberCategories.map((member) =>
          member.kind === 'PUBLIC_BODIES'
            ? { ...member, kind: 'SUPPORTERS' as const, label: 'Soutiens locaux' }
            : member,
        ),
      },
      [],
    ],
    ['no révision yet is fine', { lastCooperativeRevisionDate: null }, []],
  ])('%s', (_scenario, changes, expected) => {
    expect(summary(run(changes).problems)).toEqual(expected);
  });
});
