/**
 * Step 3 — the financial ratios of one year of statements, with their alerts (DOMAIN
 * step 3). Comparisons with the thresholds are made on integers by cross-multiplication
 * (BigInt: cents × 10 000 leave the safe-integer range), so that a value exactly at a
 * threshold is never pushed over it by floating point; the displayed value is rounded to
 * two decimals, exactly too. Division by zero, negative equity and missing figures each
 * have an explicit status and a French note. Pure.
 */
import type { FinancialYear, StatementKind, Thresholds } from '../analysis.types.js';
import { formatBasisPoints, roundedQuotient } from '../../dossiers/amount-rules.js';

export type RatioCode = 'EQUITY_RATIO' | 'GEARING' | 'DEBT_TO_CAF_YEARS' | 'CASH_DAYS' | 'SUBSIDY_SHARE';

export interface RatioResult {
  code: RatioCode;
  /** French. */
  label: string;
  value: number | null;
  unit: 'PERCENT' | 'RATIO' | 'YEARS' | 'DAYS';
  status: 'OK' | 'ALERT' | 'NOT_COMPUTABLE';
  /** French: why the ratio is in alert or cannot be computed. */
  note: string | null;
}

export const RATIO_LABELS: Readonly<Record<RatioCode, string>> = {
  EQUITY_RATIO: 'Fonds propres / total du bilan',
  GEARING: 'Dettes financières / fonds propres',
  DEBT_TO_CAF_YEARS: 'Capacité de remboursement (dettes financières / CAF)',
  CASH_DAYS: 'Trésorerie en jours de charges',
  SUBSIDY_SHARE: 'Part des subventions d’exploitation dans les produits',
};

const UNITS: Readonly<Record<RatioCode, RatioResult['unit']>> = {
  EQUITY_RATIO: 'PERCENT',
  GEARING: 'RATIO',
  DEBT_TO_CAF_YEARS: 'YEARS',
  CASH_DAYS: 'DAYS',
  SUBSIDY_SHARE: 'PERCENT',
};

const MISSING = 'données manquantes';

function result(
  code: RatioCode,
  status: RatioResult['status'],
  value: number | null,
  note: string | null,
): RatioResult {
  return { code, label: RATIO_LABELS[code], value, unit: UNITS[code], status, note };
}

/** `numerator × scale / denominator`, rounded to 2 decimals exactly. */
function display(numerator: bigint, denominator: bigint, scale = 1n): number {
  return Number(roundedQuotient(numerator * scale * 100n, denominator)) / 100;
}

const decimal = (value: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(value);

/**
 * Missing figures, named in French, or `null` when all are there. A figure that is not a
 * whole number of cents (which validation refuses) counts as missing rather than throwing.
 */
function missing(figures: Record<string, number | null>): RatioResult['note'] {
  const absent = Object.entries(figures)
    .filter(([, value]) => value === null || !Number.isSafeInteger(value))
    .map(([name]) => name);
  return absent.length === 0 ? null : `${MISSING} (${absent.join(', ')})`;
}

function equityRatio(year: FinancialYear, thresholds: Thresholds): RatioResult {
  const code = 'EQUITY_RATIO';
  const gap = missing({ 'fonds propres': year.equityCents, 'total du bilan': year.balanceSheetTotalCents });
  if (gap !== null) return result(code, 'NOT_COMPUTABLE', null, gap);
  const equity = BigInt(year.equityCents as number);
  const total = BigInt(year.balanceSheetTotalCents as number);
  if (total <= 0n) return result(code, 'NOT_COMPUTABLE', null, 'total du bilan nul ou négatif');
  const value = display(equity, total, 100n);
  const min = thresholds.EQUITY_RATIO_MIN_BP;
  return equity * 10_000n < BigInt(min) * total
    ? result(
        code,
        'ALERT',
        value,
        `Fonds propres insuffisants : ${decimal(value)} % du bilan, en dessous du seuil de ${formatBasisPoints(min)}.`,
      )
    : result(code, 'OK', value, null);
}

function gearing(year: FinancialYear, thresholds: Thresholds): RatioResult {
  const code = 'GEARING';
  const gap = missing({ 'dettes financières': year.financialDebtCents, 'fonds propres': year.equityCents });
  if (gap !== null) return result(code, 'NOT_COMPUTABLE', null, gap);
  const debt = BigInt(year.financialDebtCents as number);
  const equity = BigInt(year.equityCents as number);
  if (equity <= 0n) {
    return result(
      code,
      'ALERT',
      null,
      'Fonds propres nuls ou négatifs : l’endettement ne peut être rapporté aux fonds propres.',
    );
  }
  const value = display(debt, equity);
  const max = thresholds.GEARING_MAX_BP;
  return debt * 10_000n > BigInt(max) * equity
    ? result(
        code,
        'ALERT',
        value,
        `Endettement élevé : ${decimal(value)} fois les fonds propres, au-delà du seuil de ${decimal(max / 10_000)}.`,
      )
    : result(code, 'OK', value, null);
}

function debtToCaf(year: FinancialYear, thresholds: Thresholds): RatioResult {
  const code = 'DEBT_TO_CAF_YEARS';
  const gap = missing({ 'dettes financières': year.financialDebtCents, CAF: year.cafCents });
  if (gap !== null) return result(code, 'NOT_COMPUTABLE', null, gap);
  const debt = BigInt(year.financialDebtCents as number);
  const caf = BigInt(year.cafCents as number);
  // No debt: nothing to repay, whatever the CAF.
  if (debt <= 0n) return result(code, 'OK', 0, null);
  if (caf <= 0n) {
    return result(
      code,
      'ALERT',
      null,
      'CAF nulle ou négative : la CAF ne permet pas de rembourser les dettes financières.',
    );
  }
  const value = display(debt, caf);
  const max = thresholds.DEBT_TO_CAF_MAX_YEARS;
  return debt > BigInt(max) * caf
    ? result(
        code,
        'ALERT',
        value,
        `Remboursement des dettes en ${decimal(value)} années de CAF, au-delà du seuil de ${max} ans.`,
      )
    : result(code, 'OK', value, null);
}

function cashDays(year: FinancialYear, thresholds: Thresholds): RatioResult {
  const code = 'CASH_DAYS';
  const gap = missing({ trésorerie: year.cashCents, 'charges annuelles': year.annualExpensesCents });
  if (gap !== null) return result(code, 'NOT_COMPUTABLE', null, gap);
  const cash = BigInt(year.cashCents as number);
  const expenses = BigInt(year.annualExpensesCents as number);
  if (expenses <= 0n) return result(code, 'NOT_COMPUTABLE', null, 'charges annuelles nulles ou négatives');
  const value = display(cash * 365n, expenses);
  const min = thresholds.CASH_MIN_DAYS;
  return cash * 365n < BigInt(min) * expenses
    ? result(
        code,
        'ALERT',
        value,
        `Trésorerie faible : ${decimal(value)} jours de charges, en dessous du seuil de ${min} jours.`,
      )
    : result(code, 'OK', value, null);
}

function subsidyShare(year: FinancialYear, thresholds: Thresholds): RatioResult {
  const code = 'SUBSIDY_SHARE';
  const gap = missing({
    'subventions d’exploitation': year.operatingSubsidiesCents,
    'chiffre d’affaires': year.turnoverCents,
  });
  if (gap !== null) return result(code, 'NOT_COMPUTABLE', null, gap);
  const subsidies = BigInt(year.operatingSubsidiesCents as number);
  const revenue = BigInt(year.turnoverCents as number) + subsidies;
  if (revenue <= 0n)
    return result(code, 'NOT_COMPUTABLE', null, 'produits (chiffre d’affaires + subventions) nuls ou négatifs');
  const value = display(subsidies, revenue, 100n);
  const max = thresholds.SUBSIDY_SHARE_MAX_BP;
  return subsidies * 10_000n > BigInt(max) * revenue
    ? result(
        code,
        'ALERT',
        value,
        `Forte dépendance aux subventions : ${decimal(value)} % des produits, au-delà du seuil de ${formatBasisPoints(max)}.`,
      )
    : result(code, 'OK', value, null);
}

/** The five ratios of one year, in a fixed order. */
export function computeRatios(year: FinancialYear, thresholds: Thresholds): RatioResult[] {
  return [
    equityRatio(year, thresholds),
    gearing(year, thresholds),
    debtToCaf(year, thresholds),
    cashDays(year, thresholds),
    subsidyShare(year, thresholds),
  ];
}

const KIND_ORDER: Readonly<Record<StatementKind, number>> = { ACTUAL: 0, FORECAST: 1 };

/** The ratios of every year, sorted by year (actual before forecast for a same year). */
export function ratiosTable(
  statements: readonly FinancialYear[],
  thresholds: Thresholds,
): { year: number; kind: StatementKind; ratios: RatioResult[] }[] {
  return [...statements]
    .sort((a, b) => a.year - b.year || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .map((statement) => ({ year: statement.year, kind: statement.kind, ratios: computeRatios(statement, thresholds) }));
}
