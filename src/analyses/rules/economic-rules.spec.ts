import type { EconomicAnalysisData, FinancialYear } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import type { AdvanceFact } from '../../advances/advance-rules.js';
import { economicCompletenessProblems, STATEMENT_FIGURES, type EconomicRulesContext } from './economic-rules.js';
import { completeEconomicExample } from './examples.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const REQUESTED = 2_000_000; // 20 000 €
const CONTEXT: EconomicRulesContext = { requestedAmountCents: REQUESTED, thresholds: DEFAULT_THRESHOLDS };

const complete = () => completeEconomicExample(REQUESTED);
const summary = (problems: Problem[]) => problems.map((problem) => `${problem.field}:${problem.code}`);
const check = (change: (data: EconomicAnalysisData) => void, context: Partial<EconomicRulesContext> = {}) => {
  const data = complete();
  change(data);
  return summary(economicCompletenessProblems(data, { ...CONTEXT, ...context }));
};

describe('economicCompletenessProblems (step 3)', () => {
  it('the complete example has no problem', () => {
    expect(economicCompletenessProblems(complete(), CONTEXT)).toEqual([]);
  });

  describe('narrative', () => {
    it.each(['environment', 'positioning', 'means', 'economicAndFinancial', 'risks'] as const)(
      '%s is required',
      (section) => {
        expect(check((data) => (data.narrative[section] = ' '))).toEqual([`narrative.${section}:REQUIRED`]);
        expect(check((data) => (data.narrative[section] = null))).toEqual([`narrative.${section}:REQUIRED`]);
      },
    );
  });

  describe('financial statements: 3 actual and 3 forecast years, distinct, consecutive', () => {
    const years = (data: EconomicAnalysisData, list: [number, FinancialYear['kind']][]) => {
      const template = data.statements[0];
      data.statements = list.map(([year, kind]) => ({ ...template, year, kind }));
    };

    it.each<[string, [number, FinancialYear['kind']][], string[]]>([
      [
        'listed in any order',
        [
          [2027, 'FORECAST'],
          [2022, 'ACTUAL'],
          [2025, 'FORECAST'],
          [2024, 'ACTUAL'],
          [2026, 'FORECAST'],
          [2023, 'ACTUAL'],
        ],
        [],
      ],
      ['none', [], ['statements:STATEMENTS_COUNT']],
      [
        'only two actual years',
        [
          [2023, 'ACTUAL'],
          [2024, 'ACTUAL'],
          [2025, 'FORECAST'],
          [2026, 'FORECAST'],
          [2027, 'FORECAST'],
        ],
        ['statements:STATEMENTS_COUNT'],
      ],
      [
        'four forecast years',
        [
          [2021, 'ACTUAL'],
          [2022, 'ACTUAL'],
          [2023, 'ACTUAL'],
          [2024, 'FORECAST'],
          [2025, 'FORECAST'],
          [2026, 'FORECAST'],
          [2027, 'FORECAST'],
        ],
        ['statements:STATEMENTS_COUNT'],
      ],
      [
        'a year twice',
        [
          [2022, 'ACTUAL'],
          [2023, 'ACTUAL'],
          [2024, 'ACTUAL'],
          [2024, 'FORECAST'],
          [2025, 'FORECAST'],
          [2026, 'FORECAST'],
        ],
        ['statements[3].year:DUPLICATE_YEAR'],
      ],
      [
        'a gap',
        [
          [2021, 'ACTUAL'],
          [2022, 'ACTUAL'],
          [2023, 'ACTUAL'],
          [2025, 'FORECAST'],
          [2026, 'FORECAST'],
          [2027, 'FORECAST'],
        ],
        ['statements:YEARS_NOT_CONSECUTIVE'],
      ],
      [
        'a forecast before an actual year',
        [
          [2022, 'ACTUAL'],
          [2023, 'FORECAST'],
          [2024, 'ACTUAL'],
          [2025, 'ACTUAL'],
          [2026, 'FORECAST'],
          [2027, 'FORECAST'],
        ],
        ['statements:ACTUAL_AFTER_FORECAST'],
      ],
    ])('%s', (_scenario, list, expected) => {
      expect(check((data) => years(data, list))).toEqual(expected);
    });

    it.each(STATEMENT_FIGURES.map(([figure]) => figure))('every figure is required: %s', (figure) => {
      expect(check((data) => ((data.statements[4] as unknown as Record<string, unknown>)[figure] = null))).toEqual([
        `statements[4].${figure}:REQUIRED`,
      ]);
    });

    it('names the year and the figure in French', () => {
      const data = complete();
      data.statements[1].cafCents = null;
      expect(economicCompletenessProblems(data, CONTEXT)).toEqual([
        {
          field: 'statements[1].cafCents',
          code: 'REQUIRED',
          message: 'Exercice 2023 (réel) : capacité d’autofinancement (CAF) à renseigner.',
        },
      ]);
    });

    it('ratio alerts do not block: negative equity and no cash are shown, not problems', () => {
      expect(
        check((data) => {
          for (const statement of data.statements) {
            statement.equityCents = -1_000_000;
            statement.cashCents = 0;
            statement.cafCents = -10;
          }
        }),
      ).toEqual([]);
    });
  });

  describe('financing plan', () => {
    it('must balance to the cent, naming both totals and the difference', () => {
      const data = complete();
      data.financingPlan.uses[0].amountCents += 1;
      expect(economicCompletenessProblems(data, CONTEXT)).toEqual([
        {
          field: 'financingPlan',
          code: 'PLAN_UNBALANCED',
          message: `Le plan de financement n’est pas équilibré : emplois 60${NNBSP}000,01${NBSP}€, ressources 60${NNBSP}000,00${NBSP}€, écart -0,01${NBSP}€.`,
        },
      ]);
    });

    it.each<[string, (data: EconomicAnalysisData) => void, string[]]>([
      ['no use', (data) => (data.financingPlan.uses = []), ['financingPlan.uses:REQUIRED']],
      [
        'no resource',
        (data) => (data.financingPlan.resources = []),
        ['financingPlan.resources:REQUIRED', 'financingPlan.resources:STAKE_PLAN_MISMATCH'],
      ],
      [
        'a line without label',
        (data) => (data.financingPlan.resources[2].label = ''),
        ['financingPlan.resources[2].label:REQUIRED'],
      ],
      [
        'a line of zero',
        (data) => {
          data.financingPlan.uses.push({ category: 'OTHER_USE', label: 'Rien', amountCents: 0 });
        },
        ['financingPlan.uses[2].amountCents:NOT_POSITIVE'],
      ],
      [
        'the Département’s stake in the plan differs from the recommended stake',
        (data) => {
          data.financingPlan.resources[0].amountCents -= 1;
          data.financingPlan.resources[1].amountCents += 1;
        },
        ['financingPlan.resources:STAKE_PLAN_MISMATCH'],
      ],
      [
        'the stake split over two plan lines',
        (data) => {
          data.financingPlan.resources[0].amountCents = 1_500_000;
          data.financingPlan.resources.push({
            category: 'DEPARTEMENT_STAKE',
            label: 'Second versement',
            amountCents: 500_000,
          });
        },
        [],
      ],
    ])('%s', (_scenario, change, expected) => {
      expect(check(change)).toEqual(expected);
    });

    it('financing need is required and not negative', () => {
      expect(check((data) => (data.financingNeedCents = null))).toEqual(['financingNeedCents:REQUIRED']);
      expect(check((data) => (data.financingNeedCents = -1))).toEqual(['financingNeedCents:NEGATIVE']);
      expect(check((data) => (data.financingNeedCents = 0))).toEqual([]);
    });
  });

  describe('recommended instruments', () => {
    const withStake = (stake: number | null) => (data: EconomicAnalysisData) => {
      data.instruments.capitalStakeCents = stake;
      data.financingPlan.resources[0].amountCents = stake ?? 0;
      data.financingPlan.uses[0].amountCents += (stake ?? 0) - REQUESTED;
    };

    it.each<[string, number | null, string[]]>([
      ['equal to the request', REQUESTED, []],
      ['below the request', REQUESTED - 10_000, []],
      ['one cent above the request', REQUESTED + 1, ['instruments.capitalStakeCents:ABOVE_REQUESTED']],
      [
        'zero',
        0,
        ['financingPlan.resources[0].amountCents:NOT_POSITIVE', 'instruments.capitalStakeCents:NOT_POSITIVE'],
      ],
      [
        'missing',
        null,
        ['financingPlan.resources[0].amountCents:NOT_POSITIVE', 'instruments.capitalStakeCents:REQUIRED'],
      ],
    ])('capital stake %s (%p)', (_scenario, stake, expected) => {
      expect(check(withStake(stake))).toEqual(expected);
    });

    it('a whole number of shares when the nominal value is known (rule 4)', () => {
      expect(check(withStake(REQUESTED - 5_001), { nominalShareValueCents: 10_000 })).toEqual([
        'instruments.capitalStakeCents:NOT_WHOLE_SHARES',
      ]);
      expect(check(withStake(REQUESTED - 10_000), { nominalShareValueCents: 10_000 })).toEqual([]);
      expect(check(withStake(REQUESTED - 5_001), { nominalShareValueCents: null })).toEqual([]);
    });

    it.each<[string, (data: EconomicAnalysisData) => void, string[]]>([
      ['no bank guarantee', (data) => (data.instruments.bankGuarantee = null), []],
      [
        'guarantee without partner',
        (data) => (data.instruments.bankGuarantee!.partner = ' '),
        ['instruments.bankGuarantee.partner:REQUIRED'],
      ],
      [
        'guarantee of 0 %',
        (data) => (data.instruments.bankGuarantee!.percentBasisPoints = 0),
        ['instruments.bankGuarantee.percentBasisPoints:OUT_OF_RANGE'],
      ],
      ['guarantee of 100 %', (data) => (data.instruments.bankGuarantee!.percentBasisPoints = 10_000), []],
      [
        'guarantee of 100,01 %',
        (data) => (data.instruments.bankGuarantee!.percentBasisPoints = 10_001),
        ['instruments.bankGuarantee.percentBasisPoints:OUT_OF_RANGE'],
      ],
      [
        'guarantee of no amount',
        (data) => (data.instruments.bankGuarantee!.amountCents = 0),
        ['instruments.bankGuarantee.amountCents:NOT_POSITIVE'],
      ],
      ['no solidarity loan', (data) => (data.instruments.solidarityLoan = null), []],
      [
        'loan without partner',
        (data) => (data.instruments.solidarityLoan!.partner = ''),
        ['instruments.solidarityLoan.partner:REQUIRED'],
      ],
      [
        'loan of no amount',
        (data) => (data.instruments.solidarityLoan!.amountCents = 0),
        ['instruments.solidarityLoan.amountCents:NOT_POSITIVE'],
      ],
      [
        'loan of no term',
        (data) => (data.instruments.solidarityLoan!.termMonths = 0),
        ['instruments.solidarityLoan.termMonths:NOT_POSITIVE'],
      ],
      ['loan at 0 %', (data) => (data.instruments.solidarityLoan!.rateBasisPoints = 0), []],
      [
        'loan at a negative rate',
        (data) => (data.instruments.solidarityLoan!.rateBasisPoints = -1),
        ['instruments.solidarityLoan.rateBasisPoints:NEGATIVE'],
      ],
    ])('%s', (_scenario, change, expected) => {
      expect(check(change)).toEqual(expected);
    });

    describe('rule 11: shareholder current-account advance', () => {
      const advance =
        (changes: Partial<NonNullable<EconomicAnalysisData['instruments']['currentAccountAdvance']>>) =>
        (data: EconomicAnalysisData) => {
          data.instruments.currentAccountAdvance = {
            amountCents: 500_000,
            durationMonths: 24,
            conventionReference: 'CONV-2025-014',
            renewal: false,
            ...changes,
          };
        };

      it.each<[string, Parameters<typeof advance>[0], string[]]>([
        ['2 years with a convention', {}, []],
        [
          'a renewal when the SCIC never had an advance',
          { renewal: true },
          ['instruments.currentAccountAdvance.renewal:RENEWAL_WITHOUT_ADVANCE'],
        ],
        ['25 months', { durationMonths: 25 }, ['instruments.currentAccountAdvance.durationMonths:ADVANCE_TOO_LONG']],
        ['no duration', { durationMonths: 0 }, ['instruments.currentAccountAdvance.durationMonths:NOT_POSITIVE']],
        [
          'no convention',
          { conventionReference: ' ' },
          ['instruments.currentAccountAdvance.conventionReference:CONVENTION_REQUIRED'],
        ],
        ['no amount', { amountCents: 0 }, ['instruments.currentAccountAdvance.amountCents:NOT_POSITIVE']],
      ])('%s', (_scenario, changes, expected) => {
        expect(check(advance(changes))).toEqual(expected);
      });

      // The SCIC's history (every dossier of its SIREN) decides "once" and "one open at a time".
      const original = {
        id: 'a1',
        startsOn: '2025-01-01',
        endsOn: '2027-01-01',
        renewalOf: null,
        conventionReference: 'C-1',
      };
      const open = { ...original, closedOn: null };
      const repaid = { ...original, closedOn: '2025-06-30' };
      const renewalOpen = { ...original, id: 'a2', startsOn: '2026-01-01', renewalOf: 'a1', closedOn: null };
      it.each<[string, Parameters<typeof advance>[0], AdvanceFact[], string[]]>([
        [
          'a new advance while one is open',
          {},
          [open],
          ['instruments.currentAccountAdvance.renewal:ADVANCE_ALREADY_OPEN'],
        ],
        ['a new advance once the last is repaid', {}, [repaid], []],
        ['renewing the open original', { renewal: true }, [open], []],
        ['renewing a repaid original', { renewal: true }, [repaid], []],
        [
          'renewing an open renewal (a second renewal)',
          { renewal: true },
          [{ ...original, closedOn: '2026-01-01' }, renewalOpen],
          ['instruments.currentAccountAdvance.renewal:RENEWAL_OF_RENEWAL'],
        ],
        [
          'a new advance while a renewal is open',
          {},
          [{ ...original, closedOn: '2026-01-01' }, renewalOpen],
          ['instruments.currentAccountAdvance.renewal:ADVANCE_ALREADY_OPEN'],
        ],
      ])('%s', (_scenario, changes, advances, expected) => {
        expect(check(advance(changes), { advances })).toEqual(expected);
      });

      it('the maximum duration comes from the thresholds', () => {
        const thresholds = { ...DEFAULT_THRESHOLDS, CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS: 12 };
        expect(check(advance({ durationMonths: 13 }), { thresholds })).toEqual([
          'instruments.currentAccountAdvance.durationMonths:ADVANCE_TOO_LONG',
        ]);
        expect(check(advance({ durationMonths: 12 }), { thresholds })).toEqual([]);
      });

      it('cites CGCT L1522-5', () => {
        const data = complete();
        advance({ durationMonths: 30, conventionReference: '' })(data);
        for (const problem of economicCompletenessProblems(data, CONTEXT)) expect(problem.message).toMatch(/L1522-5/);
      });
    });
  });

  describe('conclusion', () => {
    it.each<[string, Partial<EconomicAnalysisData>, string[]]>([
      ['missing', { conclusion: null }, ['conclusion:REQUIRED']],
      ['DOES_NOT_FIT', { conclusion: 'DOES_NOT_FIT' }, ['conclusion:DOES_NOT_FIT']],
      ['with reservations', { conclusion: 'FITS_WITH_RESERVATIONS' }, []],
      ['comments missing', { comments: null }, ['comments:REQUIRED']],
    ])('%s', (_scenario, changes, expected) => {
      expect(check((data) => Object.assign(data, changes))).toEqual(expected);
    });
  });
});
