/**
 * Rule 9, reserves, per the text of loi n° 47-1775:
 * - art. 16: the legal reserve receives at least 15 % of the results until it equals the
 *   highest capital the SCIC has reached — then nothing more is owed to it;
 * - art. 19 nonies: of what remains after the legal reserve's allocation, at least 50 %
 *   goes to a statutory indivisible reserve.
 * So 15 % + 42,5 % passes, 40 % + 17,5 % fails (the statutory reserve needs 30 % of the
 * results then), and a SCIC whose legal reserve has reached its highest capital needs
 * 0 % + 50 %. The analysis records the indivisible reserves legal reserve included, so
 * the statutory share is their difference. Integer basis points only; pure.
 */
import type { EssPracticesData, Thresholds } from '../analysis.types.js';
import { formatBasisPoints, formatEuros } from '../../dossiers/amount-rules.js';

export const LEGAL_RESERVE_SOURCE = 'loi 47-1775, art. 16';
export const STATUTORY_RESERVE_SOURCE = 'loi 47-1775, art. 19 nonies';

const ALL = 10_000;

/** The figures a reserve check is judged on, shown beside it in step 2. */
export interface ReserveFigures {
  /** Minimum share of the results, basis points (rounded up for display; the check is exact). */
  requiredBasisPoints: number | null;
  /** What the statutes allocate, basis points; null while unknown. */
  actualBasisPoints: number | null;
  source: string;
  /** Legal reserve: whether it already equals the highest capital reached (art. 16); null while unknown. */
  legalReserveComplete?: boolean | null;
  /** Statutory reserve: the remainder after the legal reserve, and the minimum share of it. */
  remainderBasisPoints?: number | null;
  minimumOfRemainderBasisPoints?: number;
}

export interface ReserveCheck {
  code: 'LEGAL_RESERVE' | 'STATUTORY_RESERVE';
  level: 'LEGAL';
  status: 'OK' | 'FAILED' | 'UNKNOWN';
  message: string;
  source: string;
  figures: ReserveFigures;
  fields?: { field: string; message: string }[];
}

const known = (value: number | null): value is number => value !== null && Number.isSafeInteger(value);

/**
 * Whether art. 16 no longer asks for a legal reserve: the reserve built up equals the
 * highest capital reached. Null while the figures are missing (the 15 % then applies).
 * A "highest capital" below today's capital is not the highest: it is refused.
 */
export function legalReserveComplete(data: EssPracticesData): boolean | null {
  const { legalReserveAmountCents: reserve, highestCapitalCents: highest, currentCapitalCents: capital } = data;
  if (!known(reserve) || !known(highest) || highest <= 0) return null;
  if (known(capital) && highest < capital) return null;
  return reserve >= highest;
}

function legalReserveCheck(data: EssPracticesData, thresholds: Thresholds): ReserveCheck {
  const actual = data.legalReserveBasisPoints;
  const complete = legalReserveComplete(data);
  const required = complete ? 0 : thresholds.LEGAL_RESERVE_MIN_BP;
  const base = { code: 'LEGAL_RESERVE', level: 'LEGAL', source: LEGAL_RESERVE_SOURCE } as const;
  const figures: ReserveFigures = {
    requiredBasisPoints: required,
    actualBasisPoints: known(actual) ? actual : null,
    source: LEGAL_RESERVE_SOURCE,
    legalReserveComplete: complete,
  };
  const { highestCapitalCents: highest, currentCapitalCents: capital } = data;
  if (known(highest) && known(capital) && highest < capital) {
    const message = `Le capital le plus élevé atteint (${formatEuros(highest)}) ne peut pas être inférieur au capital actuel (${formatEuros(capital)}).`;
    return { ...base, status: 'FAILED', message, figures, fields: [{ field: 'highestCapitalCents', message }] };
  }
  if (!known(actual)) {
    return {
      ...base,
      status: 'UNKNOWN',
      message: 'Part des excédents affectée à la réserve légale : non renseignée.',
      figures,
    };
  }
  if (complete) {
    return {
      ...base,
      status: 'OK',
      message: `La réserve légale (${formatEuros(data.legalReserveAmountCents!)}) atteint le capital le plus élevé atteint (${formatEuros(highest!)}) : aucune dotation n’est plus exigée (${LEGAL_RESERVE_SOURCE}) ; ${formatBasisPoints(actual)} des excédents y sont affectés.`,
      figures,
    };
  }
  if (actual >= required) {
    return {
      ...base,
      status: 'OK',
      message: `Réserve légale : ${formatBasisPoints(actual)} des excédents (minimum ${formatBasisPoints(required)}, ${LEGAL_RESERVE_SOURCE}).`,
      figures,
    };
  }
  const message = `Réserve légale : ${formatBasisPoints(actual)} des excédents, en dessous du minimum de ${formatBasisPoints(required)} exigé tant qu’elle n’atteint pas le capital le plus élevé atteint (${LEGAL_RESERVE_SOURCE}).`;
  return { ...base, status: 'FAILED', message, figures, fields: [{ field: 'legalReserveBasisPoints', message }] };
}

function statutoryReserveCheck(data: EssPracticesData, thresholds: Thresholds): ReserveCheck {
  const { indivisibleReservesBasisPoints: total, legalReserveBasisPoints: legal } = data;
  const minimum = thresholds.STATUTORY_RESERVE_MIN_OF_REMAINDER_BP;
  const base = { code: 'STATUTORY_RESERVE', level: 'LEGAL', source: STATUTORY_RESERVE_SOURCE } as const;
  if (!known(total) || !known(legal) || legal > total) {
    // legal > total is an input inconsistency that the completeness problems name.
    return {
      ...base,
      status: 'UNKNOWN',
      message: 'Réserve statutaire : renseignez les réserves impartageables et la réserve légale.',
      figures: {
        requiredBasisPoints: null,
        actualBasisPoints: null,
        source: STATUTORY_RESERVE_SOURCE,
        remainderBasisPoints: null,
        minimumOfRemainderBasisPoints: minimum,
      },
    };
  }
  const statutory = total - legal;
  const remainder = ALL - legal;
  // statutory / ALL ≥ minimum / ALL × remainder / ALL, exactly, in integers.
  const ok = statutory * ALL >= minimum * remainder;
  const required = Math.floor((minimum * remainder + ALL - 1) / ALL); // rounded up
  const figures: ReserveFigures = {
    requiredBasisPoints: required,
    actualBasisPoints: statutory,
    source: STATUTORY_RESERVE_SOURCE,
    remainderBasisPoints: remainder,
    minimumOfRemainderBasisPoints: minimum,
  };
  const rule = `${formatBasisPoints(minimum)} du solde de ${formatBasisPoints(remainder)} laissé par la réserve légale, soit ${formatBasisPoints(required)} des excédents (${STATUTORY_RESERVE_SOURCE})`;
  if (ok) {
    return {
      ...base,
      status: 'OK',
      message: `Réserve statutaire impartageable : ${formatBasisPoints(statutory)} des excédents (minimum ${rule}).`,
      figures,
    };
  }
  const message = `Réserve statutaire impartageable : ${formatBasisPoints(statutory)} des excédents (réserves impartageables ${formatBasisPoints(total)} moins réserve légale ${formatBasisPoints(legal)}), en dessous du minimum de ${rule}.`;
  return {
    ...base,
    status: 'FAILED',
    message,
    figures,
    fields: [{ field: 'indivisibleReservesBasisPoints', message }],
  };
}

/** The two reserve checks of step 2, in order: legal reserve, then statutory reserve. */
export function reserveChecks(data: EssPracticesData, thresholds: Thresholds): ReserveCheck[] {
  return [legalReserveCheck(data, thresholds), statutoryReserveCheck(data, thresholds)];
}
