import fc from 'fast-check';
import type { FinancialYear, Thresholds } from '../analysis.types.js';
import { computeRatios, ratiosTable, type RatioCode, type RatioResult } from './ratios.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

const EMPTY: FinancialYear = {
  year: 2024,
  kind: 'ACTUAL',
  turnoverCents: null,
  operatingSubsidiesCents: null,
  netResultCents: null,
  cafCents: null,
  equityCents: null,
  balanceSheetTotalCents: null,
  financialDebtCents: null,
  workingCapitalNeedCents: null,
  cashCents: null,
  annualExpensesCents: null,
};

const ratio = (
  code: RatioCode,
  figures: Partial<FinancialYear>,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): RatioResult => {
  const found = computeRatios({ ...EMPTY, ...figures }, thresholds).find((candidate) => candidate.code === code);
  if (found === undefined) throw new Error(`no ${code}`);
  return found;
};
const brief = (result: RatioResult) => [result.status, result.value];

type Row = [string, Partial<FinancialYear>, RatioResult['status'], number | null];

describe('computeRatios', () => {
  it('returns the five ratios in a fixed order, with French labels and units', () => {
    expect(computeRatios(EMPTY, DEFAULT_THRESHOLDS).map((result) => [result.code, result.unit, result.label])).toEqual([
      ['EQUITY_RATIO', 'PERCENT', 'Fonds propres / total du bilan'],
      ['GEARING', 'RATIO', 'Dettes financières / fonds propres'],
      ['DEBT_TO_CAF_YEARS', 'YEARS', 'Capacité de remboursement (dettes financières / CAF)'],
      ['CASH_DAYS', 'DAYS', 'Trésorerie en jours de charges'],
      ['SUBSIDY_SHARE', 'PERCENT', 'Part des subventions d’exploitation dans les produits'],
    ]);
  });

  it('a year without figures: every ratio NOT_COMPUTABLE, "données manquantes", naming the figures', () => {
    const results = computeRatios(EMPTY, DEFAULT_THRESHOLDS);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'NOT_COMPUTABLE', value: null });
      expect(result.note).toMatch(/^données manquantes \(/);
    }
    expect(results[0].note).toBe('données manquantes (fonds propres, total du bilan)');
  });

  describe('EQUITY_RATIO: equity / balance sheet, alert below 20 %', () => {
    it.each<Row>([
      ['exactly 20 %', { equityCents: 2_000, balanceSheetTotalCents: 10_000 }, 'OK', 20],
      ['19,99 %', { equityCents: 1_999, balanceSheetTotalCents: 10_000 }, 'ALERT', 19.99],
      [
        'exactly 20 % of a very large balance sheet',
        { equityCents: 200_000_000_000_000, balanceSheetTotalCents: 1_000_000_000_000_000 },
        'OK',
        20,
      ],
      [
        'one cent short of 20 % of a very large balance sheet',
        { equityCents: 199_999_999_999_999, balanceSheetTotalCents: 1_000_000_000_000_000 },
        'ALERT',
        20,
      ],
      ['a third, rounded down', { equityCents: 1, balanceSheetTotalCents: 3 }, 'OK', 33.33],
      ['two thirds, rounded up', { equityCents: 2, balanceSheetTotalCents: 3 }, 'OK', 66.67],
      ['negative equity', { equityCents: -5_000, balanceSheetTotalCents: 10_000 }, 'ALERT', -50],
      [
        'balance sheet of zero (division by zero)',
        { equityCents: 0, balanceSheetTotalCents: 0 },
        'NOT_COMPUTABLE',
        null,
      ],
      ['negative balance sheet', { equityCents: 10, balanceSheetTotalCents: -10 }, 'NOT_COMPUTABLE', null],
      ['balance sheet missing', { equityCents: 10 }, 'NOT_COMPUTABLE', null],
    ])('%s', (_scenario, figures, status, value) => {
      expect(brief(ratio('EQUITY_RATIO', figures))).toEqual([status, value]);
    });

    it('explains the alert with the figure and the threshold', () => {
      expect(ratio('EQUITY_RATIO', { equityCents: 1_999, balanceSheetTotalCents: 10_000 }).note).toBe(
        'Fonds propres insuffisants : 19,99 % du bilan, en dessous du seuil de 20\u00a0%.',
      );
      expect(ratio('EQUITY_RATIO', { equityCents: 5, balanceSheetTotalCents: 10 }).note).toBeNull();
    });
  });

  describe('GEARING: financial debt / equity, alert above 1', () => {
    it.each<Row>([
      ['debt equal to equity', { financialDebtCents: 10_000, equityCents: 10_000 }, 'OK', 1],
      ['one cent above equity', { financialDebtCents: 10_001, equityCents: 10_000 }, 'ALERT', 1],
      ['1,01', { financialDebtCents: 10_100, equityCents: 10_000 }, 'ALERT', 1.01],
      ['no debt', { financialDebtCents: 0, equityCents: 10_000 }, 'OK', 0],
      ['zero equity', { financialDebtCents: 10, equityCents: 0 }, 'ALERT', null],
      ['negative equity', { financialDebtCents: 10, equityCents: -1 }, 'ALERT', null],
      ['negative equity, no debt', { financialDebtCents: 0, equityCents: -1 }, 'ALERT', null],
      ['equity missing', { financialDebtCents: 10 }, 'NOT_COMPUTABLE', null],
    ])('%s', (_scenario, figures, status, value) => {
      expect(brief(ratio('GEARING', figures))).toEqual([status, value]);
    });

    it('says why with zero or negative equity', () => {
      expect(ratio('GEARING', { financialDebtCents: 10, equityCents: -1 }).note).toMatch(
        /Fonds propres nuls ou négatifs/,
      );
    });
  });

  describe('DEBT_TO_CAF_YEARS: financial debt / CAF, alert above 5 years', () => {
    it.each<Row>([
      ['exactly 5 years', { financialDebtCents: 500, cafCents: 100 }, 'OK', 5],
      ['5,01 years', { financialDebtCents: 501, cafCents: 100 }, 'ALERT', 5.01],
      [
        'one cent above 5 years of a large CAF',
        { financialDebtCents: 500_000_000_001, cafCents: 100_000_000_000 },
        'ALERT',
        5,
      ],
      ['no debt, whatever the CAF', { financialDebtCents: 0, cafCents: -1_000 }, 'OK', 0],
      ['no debt, CAF of zero', { financialDebtCents: 0, cafCents: 0 }, 'OK', 0],
      ['debt and a CAF of zero (division by zero)', { financialDebtCents: 100, cafCents: 0 }, 'ALERT', null],
      ['debt and a negative CAF', { financialDebtCents: 100, cafCents: -5 }, 'ALERT', null],
      ['CAF missing', { financialDebtCents: 100 }, 'NOT_COMPUTABLE', null],
    ])('%s', (_scenario, figures, status, value) => {
      expect(brief(ratio('DEBT_TO_CAF_YEARS', figures))).toEqual([status, value]);
    });

    it('says the CAF cannot repay the debt', () => {
      expect(ratio('DEBT_TO_CAF_YEARS', { financialDebtCents: 100, cafCents: 0 }).note).toMatch(
        /la CAF ne permet pas de rembourser/,
      );
    });
  });

  describe('CASH_DAYS: cash × 365 / annual expenses, alert below 30 days', () => {
    it.each<Row>([
      ['exactly 30 days', { cashCents: 3_000, annualExpensesCents: 36_500 }, 'OK', 30],
      ['29,99 days', { cashCents: 2_999, annualExpensesCents: 36_500 }, 'ALERT', 29.99],
      ['a year of expenses', { cashCents: 10_000, annualExpensesCents: 10_000 }, 'OK', 365],
      ['negative cash', { cashCents: -100, annualExpensesCents: 36_500 }, 'ALERT', -1],
      ['no expenses (division by zero)', { cashCents: 100, annualExpensesCents: 0 }, 'NOT_COMPUTABLE', null],
      ['expenses missing', { cashCents: 100 }, 'NOT_COMPUTABLE', null],
    ])('%s', (_scenario, figures, status, value) => {
      expect(brief(ratio('CASH_DAYS', figures))).toEqual([status, value]);
    });
  });

  describe('SUBSIDY_SHARE: subsidies / (turnover + subsidies), alert above 50 %', () => {
    it.each<Row>([
      ['exactly half', { operatingSubsidiesCents: 5_000, turnoverCents: 5_000 }, 'OK', 50],
      ['50,01 %', { operatingSubsidiesCents: 5_001, turnoverCents: 4_999 }, 'ALERT', 50.01],
      ['no subsidy', { operatingSubsidiesCents: 0, turnoverCents: 5_000 }, 'OK', 0],
      ['only subsidies', { operatingSubsidiesCents: 100, turnoverCents: 0 }, 'ALERT', 100],
      [
        'no revenue at all (division by zero)',
        { operatingSubsidiesCents: 0, turnoverCents: 0 },
        'NOT_COMPUTABLE',
        null,
      ],
      ['subsidies missing', { turnoverCents: 100 }, 'NOT_COMPUTABLE', null],
    ])('%s', (_scenario, figures, status, value) => {
      expect(brief(ratio('SUBSIDY_SHARE', figures))).toEqual([status, value]);
    });
  });

  it('every threshold comes from the configuration', () => {
    const strict: Thresholds = {
      ...DEFAULT_THRESHOLDS,
      EQUITY_RATIO_MIN_BP: 5_000,
      GEARING_MAX_BP: 5_000,
      DEBT_TO_CAF_MAX_YEARS: 2,
      CASH_MIN_DAYS: 90,
      SUBSIDY_SHARE_MAX_BP: 1_000,
    };
    const year = {
      ...EMPTY,
      equityCents: 4_000,
      balanceSheetTotalCents: 10_000,
      financialDebtCents: 3_000,
      cafCents: 1_000,
      cashCents: 2_000,
      annualExpensesCents: 10_000,
      operatingSubsidiesCents: 2_000,
      turnoverCents: 8_000,
    };
    expect(computeRatios(year, DEFAULT_THRESHOLDS).map((result) => result.status)).toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
    ]);
    expect(computeRatios(year, strict).map((result) => result.status)).toEqual([
      'ALERT',
      'ALERT',
      'ALERT',
      'ALERT',
      'ALERT',
    ]);
  });

  it('a fractional figure (refused by validation) reads as missing rather than throwing', () => {
    expect(brief(ratio('EQUITY_RATIO', { equityCents: 1.5, balanceSheetTotalCents: 10 }))).toEqual([
      'NOT_COMPUTABLE',
      null,
    ]);
  });

  describe('properties', () => {
    const cents = fc.integer({ min: -(2 ** 50), max: 2 ** 50 });
    const positive = fc.integer({ min: 1, max: 2 ** 50 });
    const bp = fc.integer({ min: 0, max: 20_000 });

    it('EQUITY_RATIO alerts iff equity × 10 000 < threshold × total, exactly', () => {
      fc.assert(
        fc.property(cents, positive, bp, (equity, total, min) => {
          const result = ratio(
            'EQUITY_RATIO',
            { equityCents: equity, balanceSheetTotalCents: total },
            { ...DEFAULT_THRESHOLDS, EQUITY_RATIO_MIN_BP: min },
          );
          expect(result.status).toBe(BigInt(equity) * 10_000n < BigInt(min) * BigInt(total) ? 'ALERT' : 'OK');
          expect(Math.abs((result.value as number) - (equity * 100) / total)).toBeLessThanOrEqual(
            // Half a hundredth, plus what a double cannot hold of very large values.
            0.0051 + Math.abs(equity / total) * 1e-12,
          );
        }),
      );
    });

    it('GEARING alerts iff equity ≤ 0 or debt × 10 000 > threshold × equity', () => {
      fc.assert(
        fc.property(cents, cents, bp, (debt, equity, max) => {
          const result = ratio(
            'GEARING',
            { financialDebtCents: debt, equityCents: equity },
            { ...DEFAULT_THRESHOLDS, GEARING_MAX_BP: max },
          );
          const alert = equity <= 0 || BigInt(debt) * 10_000n > BigInt(max) * BigInt(equity);
          expect(result.status).toBe(alert ? 'ALERT' : 'OK');
        }),
      );
    });

    it('CASH_DAYS alerts iff cash × 365 < threshold × expenses, with expenses > 0', () => {
      fc.assert(
        fc.property(cents, positive, fc.integer({ min: 0, max: 400 }), (cash, expenses, min) => {
          const result = ratio(
            'CASH_DAYS',
            { cashCents: cash, annualExpensesCents: expenses },
            { ...DEFAULT_THRESHOLDS, CASH_MIN_DAYS: min },
          );
          expect(result.status).toBe(BigInt(cash) * 365n < BigInt(min) * BigInt(expenses) ? 'ALERT' : 'OK');
        }),
      );
    });

    it('never throws, always five ratios; a value is null exactly when it cannot be shown', () => {
      const figure = fc.option(cents, { nil: null });
      fc.assert(
        fc.property(fc.array(figure, { minLength: 10, maxLength: 10 }), (values) => {
          const [
            turnoverCents,
            operatingSubsidiesCents,
            netResultCents,
            cafCents,
            equityCents,
            balanceSheetTotalCents,
            financialDebtCents,
            workingCapitalNeedCents,
            cashCents,
            annualExpensesCents,
          ] = values;
          const results = computeRatios(
            {
              year: 2024,
              kind: 'FORECAST',
              turnoverCents,
              operatingSubsidiesCents,
              netResultCents,
              cafCents,
              equityCents,
              balanceSheetTotalCents,
              financialDebtCents,
              workingCapitalNeedCents,
              cashCents,
              annualExpensesCents,
            },
            DEFAULT_THRESHOLDS,
          );
          expect(results).toHaveLength(5);
          for (const result of results) {
            if (result.status === 'OK') expect(result.note).toBeNull();
            else expect(result.note).toEqual(expect.any(String));
            if (result.status === 'NOT_COMPUTABLE') expect(result.value).toBeNull();
            // Two decimals, within what a double can hold.
            if (result.value !== null && Math.abs(result.value) < 1e9) {
              expect(Math.round(result.value * 100) / 100).toBe(result.value);
            }
          }
        }),
      );
    });
  });
});

describe('ratiosTable', () => {
  it('sorts by year, actual before forecast for a same year', () => {
    const table = ratiosTable(
      [
        { ...EMPTY, year: 2026, kind: 'FORECAST' },
        { ...EMPTY, year: 2023, kind: 'ACTUAL' },
        { ...EMPTY, year: 2025, kind: 'FORECAST' },
        { ...EMPTY, year: 2025, kind: 'ACTUAL' },
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(table.map((row) => [row.year, row.kind])).toEqual([
      [2023, 'ACTUAL'],
      [2025, 'ACTUAL'],
      [2025, 'FORECAST'],
      [2026, 'FORECAST'],
    ]);
    for (const row of table) expect(row.ratios).toHaveLength(5);
  });

  it('computes each year from its own figures and leaves the input unsorted', () => {
    const statements: FinancialYear[] = [
      { ...EMPTY, year: 2024, equityCents: 1_000, balanceSheetTotalCents: 10_000 },
      { ...EMPTY, year: 2023, equityCents: 5_000, balanceSheetTotalCents: 10_000 },
    ];
    const table = ratiosTable(statements, DEFAULT_THRESHOLDS);
    expect(table.map((row) => brief(row.ratios[0]))).toEqual([
      ['OK', 50],
      ['ALERT', 10],
    ]);
    expect(statements.map((statement) => statement.year)).toEqual([2024, 2023]);
  });

  it('no statements: an empty table', () => {
    expect(ratiosTable([], DEFAULT_THRESHOLDS)).toEqual([]);
  });
});
