/**
 * Amount rules of DOMAIN.md (rules 3 to 5): whole shares, not above the requested
 * amount, not above the proposal without a justification, and — with the cap table of
 * step 2, the per-SCIC ceiling and the budget envelope — `amountCheck`, which the
 * committee, the decision and the live preview share.
 */
import { formatEuros } from '../common/french-format.js';
import type { Problem } from '../workflow/dossier.events.js';

// Moved to the French formatting helpers; re-exported for the modules that import it here.
export { formatEuros };

/** Rule 4: an amount is a whole number of shares. */
export function wholeSharesProblems(field: string, amountCents: number, nominalShareValueCents: number): Problem[] {
  return amountCents % nominalShareValueCents === 0
    ? []
    : [
        {
          field,
          code: 'NOT_WHOLE_SHARES',
          message: `Le montant doit correspondre à un nombre entier de parts sociales de ${formatEuros(nominalShareValueCents)}.`,
        },
      ];
}

/** Rule 5: the proposed amount does not exceed the requested amount. */
export function proposedAmountProblems(proposedCents: number, requestedCents: number, nominalCents: number): Problem[] {
  const problems = wholeSharesProblems('proposedAmountCents', proposedCents, nominalCents);
  if (proposedCents > requestedCents) {
    problems.push({
      field: 'proposedAmountCents',
      code: 'ABOVE_REQUESTED',
      message: `Le montant proposé dépasse le montant demandé (${formatEuros(requestedCents)}).`,
    });
  }
  return problems;
}

/**
 * Rule 5: the decided amount never exceeds the requested amount, and differs from the
 * committee's proposal (or is decided without one) only with a justification
 * (DESIGN §4 and the decision issue: "an amount different from the proposal").
 */
export function decidedAmountProblems(
  decidedCents: number,
  proposedCents: number | null,
  requestedCents: number,
  nominalCents: number,
  justification: string | undefined,
): Problem[] {
  const problems = wholeSharesProblems('amountCents', decidedCents, nominalCents);
  if (decidedCents > requestedCents) {
    problems.push({
      field: 'amountCents',
      code: 'ABOVE_REQUESTED',
      message: `Le montant décidé dépasse le montant demandé (${formatEuros(requestedCents)}).`,
    });
  }
  const justified = (justification ?? '').trim().length > 0;
  if (decidedCents !== proposedCents && !justified) {
    problems.push({
      field: 'justification',
      code: 'JUSTIFICATION_REQUIRED',
      message:
        proposedCents === null
          ? 'Le comité n’a pas proposé de montant : une justification est requise.'
          : `Le montant décidé diffère du montant proposé par le comité (${formatEuros(proposedCents)}) : une justification est requise.`,
    });
  }
  return problems;
}

/**
 * A share in basis points as French text: 5000 → "50 %", 5001 → "50,01 %", with a
 * no-break space before "%" written here rather than left to the ICU version.
 */
export function formatBasisPoints(basisPoints: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(basisPoints / 100)}\u00a0%`;
}

/** `numerator / denominator`, rounded half away from zero to an integer, exactly. `denominator` ≠ 0. */
export function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

// ——— Rules 3 to 5 together: the amount check the committee, the decision and the UI share ———

export interface AmountCheckInput {
  amountCents: number;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  /** Capital before this subscription; `null` while step 2's cap table is not filled. */
  currentCapitalCents: number | null;
  /** What public bodies already hold; `null` while step 2's cap table is not filled. */
  publicHoldingsCents: number | null;
  publicCapBasisPoints: number;
  ceilingPerScicCents: number;
  /** What remains of the year's budget envelope; `null` when no envelope is known. */
  envelopeRemainingCents: number | null;
}

export interface AmountCheck {
  amountCents: number;
  /** Number of shares the amount buys; `null` when it is not a whole number of shares. */
  shares: number | null;
  wholeShares: boolean;
  /** Public bodies' share of the capital after this subscription, rounded for display. */
  publicShareAfterBasisPoints: number | null;
  /** `null` when the cap table is unknown. */
  publicCapRespected: boolean | null;
  withinRequested: boolean;
  withinCeiling: boolean;
  /** `null` when no envelope is known. */
  withinEnvelope: boolean | null;
  problems: Problem[];
}

/**
 * Rules 3, 4 and 5 for an amount the département would subscribe. The public cap is
 * decided exactly, by cross-multiplication on integers (BigInt: cents × 10 000 leave the
 * safe-integer range), so that exactly 50 % passes and one share more fails whatever the
 * rounding of the displayed share.
 */
export function amountCheck(input: AmountCheckInput, field = 'amountCents'): AmountCheck {
  const {
    amountCents: amount,
    requestedAmountCents: requested,
    nominalShareValueCents: nominal,
    currentCapitalCents: capital,
    publicHoldingsCents: holdings,
    publicCapBasisPoints: cap,
    ceilingPerScicCents: ceiling,
    envelopeRemainingCents: envelope,
  } = input;
  const problems: Problem[] = [];

  // Validation refuses fractional cents; should one slip through, answer with a problem
  // rather than let BigInt throw.
  const figures = [amount, requested, nominal, capital ?? 0, holdings ?? 0, cap, ceiling, envelope ?? 0];
  if (!figures.every((figure) => Number.isSafeInteger(figure))) {
    return {
      amountCents: amount,
      shares: null,
      wholeShares: false,
      publicShareAfterBasisPoints: null,
      publicCapRespected: null,
      withinRequested: false,
      withinCeiling: false,
      withinEnvelope: null,
      problems: [{ field, code: 'NOT_INTEGER', message: 'Les montants doivent être des nombres entiers de centimes.' }],
    };
  }

  if (amount <= 0) {
    problems.push({ field, code: 'NOT_POSITIVE', message: 'Le montant doit être strictement positif.' });
  }

  let wholeShares = false;
  if (nominal > 0) {
    const whole = wholeSharesProblems(field, amount, nominal);
    wholeShares = whole.length === 0;
    problems.push(...whole);
  } else {
    problems.push({
      field,
      code: 'NOMINAL_SHARE_VALUE_UNKNOWN',
      message: 'La valeur nominale de la part sociale n’est pas connue : le nombre de parts ne peut être calculé.',
    });
  }

  let publicShareAfterBasisPoints: number | null = null;
  let publicCapRespected: boolean | null = null;
  if (capital === null || holdings === null) {
    problems.push({
      field,
      code: 'CAP_TABLE_UNKNOWN',
      message:
        'La table de capitalisation n’est pas connue : renseignez la table de capitalisation à l’étape 2 (pratiques d’ESS) pour vérifier le plafond de détention publique.',
    });
  } else {
    const publicAfter = BigInt(holdings) + BigInt(amount);
    const capitalAfter = BigInt(capital) + BigInt(amount);
    publicCapRespected = publicAfter * 10_000n <= BigInt(cap) * capitalAfter;
    if (capitalAfter > 0n) {
      publicShareAfterBasisPoints = Number(roundedQuotient(publicAfter * 10_000n, capitalAfter));
    }
    if (!publicCapRespected) {
      problems.push({
        field,
        code: 'PUBLIC_CAP_EXCEEDED',
        message:
          `Après cette souscription, les personnes publiques détiendraient ${formatEuros(Number(publicAfter))} ` +
          `sur un capital de ${formatEuros(Number(capitalAfter))}` +
          (publicShareAfterBasisPoints === null ? '' : ` (${formatBasisPoints(publicShareAfterBasisPoints)})`) +
          `, au-delà du plafond de ${formatBasisPoints(cap)} du capital.`,
      });
    }
  }

  const withinRequested = amount <= requested;
  if (!withinRequested) {
    problems.push({
      field,
      code: 'ABOVE_REQUESTED',
      message: `Le montant (${formatEuros(amount)}) dépasse le montant demandé (${formatEuros(requested)}).`,
    });
  }
  const withinCeiling = amount <= ceiling;
  if (!withinCeiling) {
    problems.push({
      field,
      code: 'ABOVE_CEILING',
      message: `Le montant (${formatEuros(amount)}) dépasse le plafond par SCIC (${formatEuros(ceiling)}).`,
    });
  }
  const withinEnvelope = envelope === null ? null : amount <= envelope;
  if (withinEnvelope === false) {
    problems.push({
      field,
      code: 'ABOVE_ENVELOPE',
      message: `Le montant (${formatEuros(amount)}) dépasse le reste disponible de l’enveloppe budgétaire de l’année (${formatEuros(envelope as number)}).`,
    });
  }

  return {
    amountCents: amount,
    shares: wholeShares ? amount / nominal : null,
    wholeShares,
    publicShareAfterBasisPoints,
    publicCapRespected,
    withinRequested,
    withinCeiling,
    withinEnvelope,
    problems,
  };
}
