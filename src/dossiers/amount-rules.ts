/**
 * Amount rules of DOMAIN.md that the dossier's own data can decide (rules 4 and 5):
 * whole shares, not above the requested amount, not above the proposal without a
 * justification. The public cap, the per-SCIC ceiling and the budget envelope come with
 * the analyses and decision modules.
 */
import type { Problem } from '../workflow/dossier.events.js';

export function formatEuros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

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
