/**
 * The amount gate (DOMAIN rules 3 to 5): one pure function, `amountCheck`, that every path
 * fixing or moving the département's money asks — the live check, the committee's
 * proposal, the élus' decision, a correction and the signature. It sees the SCIC's whole
 * position: the département's stakes in force on the SCIC's other dossiers and the amounts
 * proposed or decided on its other open dossiers count in the per-SCIC ceiling and, as
 * public capital, in the public cap. `AmountGateService` (src/amounts) gathers its inputs.
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

// ——— The gate: rules 3 to 5 together, on the SCIC's whole position ———

/** Why the amount is checked: decides which conditions bind (justification, envelope). */
export type AmountPurpose = 'PREVIEW' | 'PROPOSAL' | 'DECISION' | 'CORRECTION' | 'SIGNATURE';

/** The département's other commitments in the same SCIC (same SIREN), this dossier excluded. */
export interface ScicPosition {
  /** Stakes in force: signed approvals (the correction in force where one was signed). */
  stakesInForceCents: number;
  /** Amounts decided but not yet signed, or else proposed by the committee, on its other open dossiers. */
  pendingCents: number;
  dossiers: ScicPositionDossier[];
}

export interface ScicPositionDossier {
  reference: string;
  status: 'IN_FORCE' | 'DECIDED' | 'PROPOSED';
  amountCents: number;
}

/**
 * The SCIC's capital as step 2 describes it — without the département's own shares, which
 * come from its decisions. `capPublicHoldingsCents` sums the holders the cap counts
 * (collectivités territoriales, their groupements, établissements publics territoriaux);
 * the two other sums must agree (the public-bodies category against the listed holders).
 */
export interface CapTableFigures {
  currentCapitalCents: number;
  capPublicHoldingsCents: number;
  listedPublicHoldingsCents: number;
  publicBodiesCategoryCents: number;
}

export interface AmountCheckInput {
  amountCents: number;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  /** `null` while step 2's cap table is not filled. */
  capTable: CapTableFigures | null;
  position: ScicPosition;
  publicCapBasisPoints: number;
  ceilingPerScicCents: number;
  /** The year's envelope; `null` when none is set for the year. */
  envelope: { year: number; amountCents: number; remainingCents: number } | null;
  /** What this act frees in the envelope (the amount of the decision a correction replaces). */
  releasedCents?: number;
  purpose?: AmountPurpose;
  /** DECISION and CORRECTION: the committee's proposal and the justification of a different amount. */
  proposedAmountCents?: number | null;
  justification?: string;
  /** The number of shares the decision states, when it states one. */
  shares?: number;
  /** What the département already paid through this dossier: a correction never goes below it. */
  paidCents?: number;
}

export interface AmountCheck {
  amountCents: number;
  /** Number of shares the amount buys; `null` when it is not a whole number of shares. */
  shares: number | null;
  wholeShares: boolean;
  /** Public bodies' share of the capital after this subscription, rounded for display. */
  publicShareAfterBasisPoints: number | null;
  /** `null` when the cap table is unknown or inconsistent. */
  publicCapRespected: boolean | null;
  withinRequested: boolean;
  /** The département's total in this SCIC after this amount: the position plus this amount. */
  scicTotalAfterCents: number;
  withinCeiling: boolean;
  /** `null` when no envelope is known. */
  withinEnvelope: boolean | null;
  position: ScicPosition;
  problems: Problem[];
}

/**
 * Rules 3, 4 and 5 for an amount the département would hold in a dossier. The public cap
 * is decided exactly, by cross-multiplication on integers (BigInt: cents × 10 000 leave
 * the safe-integer range), so that exactly 50 % passes and one share more fails whatever
 * the rounding of the displayed share.
 */
export function amountCheck(input: AmountCheckInput, field = 'amountCents'): AmountCheck {
  if (!figuresAreIntegers(input)) return notIntegerCheck(input, field);
  const shares = sharesProblems(input, field);
  const cap = publicCapVerdict(input, field);
  const requested = requestedVerdict(input, field);
  const ceiling = ceilingVerdict(input, field);
  const envelope = envelopeVerdict(input, field);
  return {
    amountCents: input.amountCents,
    shares: shares.wholeShares ? input.amountCents / input.nominalShareValueCents : null,
    wholeShares: shares.wholeShares,
    publicShareAfterBasisPoints: cap.shareBasisPoints,
    publicCapRespected: cap.respected,
    withinRequested: requested.within,
    scicTotalAfterCents: ceiling.totalAfterCents,
    withinCeiling: ceiling.within,
    withinEnvelope: envelope.within,
    position: input.position,
    // The order in which the problems are listed is part of the answer.
    problems: [
      ...positiveProblems(input, field),
      ...shares.problems,
      ...cap.problems,
      ...requested.problems,
      ...justificationProblems(input),
      ...belowPaidProblems(input, field),
      ...ceiling.problems,
      ...envelope.problems,
    ],
  };
}

/** The answer when a figure is not a whole number of cents: one problem, no verdict. */
function notIntegerCheck(input: AmountCheckInput, field: string): AmountCheck {
  return {
    amountCents: input.amountCents,
    shares: null,
    wholeShares: false,
    publicShareAfterBasisPoints: null,
    publicCapRespected: null,
    withinRequested: false,
    scicTotalAfterCents: 0,
    withinCeiling: false,
    withinEnvelope: null,
    position: input.position,
    problems: [{ field, code: 'NOT_INTEGER', message: 'Les montants doivent être des nombres entiers de centimes.' }],
  };
}

function positiveProblems(input: AmountCheckInput, field: string): Problem[] {
  return input.amountCents > 0
    ? []
    : [{ field, code: 'NOT_POSITIVE', message: 'Le montant doit être strictement positif.' }];
}

/** Rule 5: the département subscribes no more than the SCIC asked for. */
function requestedVerdict(input: AmountCheckInput, field: string): { within: boolean; problems: Problem[] } {
  const within = input.amountCents <= input.requestedAmountCents;
  if (within) return { within, problems: [] };
  const message = `Le montant (${formatEuros(input.amountCents)}) dépasse le montant demandé (${formatEuros(input.requestedAmountCents)}).`;
  return { within, problems: [{ field, code: 'ABOVE_REQUESTED', message }] };
}

/** A correction never goes below what the département already paid through the dossier. */
function belowPaidProblems(input: AmountCheckInput, field: string): Problem[] {
  const paid = input.paidCents ?? 0;
  if (input.amountCents >= paid) return [];
  return [
    {
      field,
      code: 'BELOW_PAID',
      message: `Le montant (${formatEuros(input.amountCents)}) est inférieur à ce que le Département a déjà versé pour ce dossier (${formatEuros(paid)}) : une correction ne peut pas libérer le plafond ni l’enveloppe d’une somme versée.`,
    },
  ];
}

/** Rule 5: the département's total in the SCIC — its whole position plus this amount — within the per-SCIC ceiling. */
function ceilingVerdict(
  input: AmountCheckInput,
  field: string,
): { totalAfterCents: number; within: boolean; problems: Problem[] } {
  const { position } = input;
  const totalAfterCents = position.stakesInForceCents + position.pendingCents + input.amountCents;
  const within = totalAfterCents <= input.ceilingPerScicCents;
  return { totalAfterCents, within, problems: within ? [] : [ceilingProblem(input, field, totalAfterCents)] };
}

/** Validation refuses fractional cents; should one slip through, answer with a problem rather than let BigInt throw. */
function figuresAreIntegers(input: AmountCheckInput): boolean {
  const { capTable, position, envelope } = input;
  return [
    input.amountCents,
    input.requestedAmountCents,
    input.nominalShareValueCents,
    input.publicCapBasisPoints,
    input.ceilingPerScicCents,
    input.releasedCents ?? 0,
    input.paidCents ?? 0,
    position.stakesInForceCents,
    position.pendingCents,
    envelope?.remainingCents ?? 0,
    ...(capTable ? Object.values(capTable) : []),
  ].every((figure) => Number.isSafeInteger(figure));
}

/** Rule 4, and the number of shares a decision states. */
function sharesProblems(input: AmountCheckInput, field: string): { wholeShares: boolean; problems: Problem[] } {
  const nominal = input.nominalShareValueCents;
  if (nominal <= 0) {
    return {
      wholeShares: false,
      problems: [
        {
          field,
          code: 'NOMINAL_SHARE_VALUE_UNKNOWN',
          message: 'La valeur nominale de la part sociale n’est pas connue : le nombre de parts ne peut être calculé.',
        },
      ],
    };
  }
  const problems = wholeSharesProblems(field, input.amountCents, nominal);
  if (input.shares !== undefined && input.shares * nominal !== input.amountCents) {
    problems.push({
      field: 'shares',
      code: 'SHARES_MISMATCH',
      message: `${input.shares} parts de ${formatEuros(nominal)} ne font pas ${formatEuros(input.amountCents)}.`,
    });
  }
  return { wholeShares: problems.every((problem) => problem.code !== 'NOT_WHOLE_SHARES'), problems };
}

/**
 * Rule 3: the collectivités, their groupements and EPT, plus the département's stakes and
 * pending amounts in the SCIC and this amount, hold at most the cap of the capital after
 * subscription. A cap table whose public-bodies category disagrees with its listed holders
 * cannot be judged.
 */
function publicCapVerdict(
  input: AmountCheckInput,
  field: string,
): { shareBasisPoints: number | null; respected: boolean | null; problems: Problem[] } {
  const { capTable, position } = input;
  if (capTable === null) {
    const message =
      'La table de capitalisation n’est pas connue : renseignez la table de capitalisation à l’étape 2 (pratiques d’ESS) pour vérifier le plafond de détention publique.';
    return { shareBasisPoints: null, respected: null, problems: [{ field, code: 'CAP_TABLE_UNKNOWN', message }] };
  }
  if (capTable.listedPublicHoldingsCents !== capTable.publicBodiesCategoryCents) {
    const message =
      `La table de capitalisation de l’étape 2 est incohérente : la catégorie « personnes publiques » détient ` +
      `${formatEuros(capTable.publicBodiesCategoryCents)}, les personnes publiques listées ${formatEuros(capTable.listedPublicHoldingsCents)}. ` +
      'Le plafond de détention publique ne peut pas être vérifié.';
    return { shareBasisPoints: null, respected: null, problems: [{ field, code: 'CAP_TABLE_INCONSISTENT', message }] };
  }
  const departement = BigInt(position.stakesInForceCents) + BigInt(position.pendingCents) + BigInt(input.amountCents);
  const publicAfter = BigInt(capTable.capPublicHoldingsCents) + departement;
  const capitalAfter = BigInt(capTable.currentCapitalCents) + departement;
  const respected = publicAfter * 10_000n <= BigInt(input.publicCapBasisPoints) * capitalAfter;
  const shareBasisPoints = capitalAfter > 0n ? Number(roundedQuotient(publicAfter * 10_000n, capitalAfter)) : null;
  if (respected) return { shareBasisPoints, respected, problems: [] };
  const others = departement - BigInt(input.amountCents);
  const message =
    `Après cette souscription, les collectivités territoriales, leurs groupements et établissements publics territoriaux ` +
    `détiendraient ${formatEuros(Number(publicAfter))} sur un capital de ${formatEuros(Number(capitalAfter))}` +
    (shareBasisPoints === null ? '' : ` (${formatBasisPoints(shareBasisPoints)})`) +
    (others > 0n ? `, dont ${formatEuros(Number(others))} du Département sur les autres dossiers de la SCIC` : '') +
    `, au-delà du plafond de ${formatBasisPoints(input.publicCapBasisPoints)} du capital.`;
  return { shareBasisPoints, respected, problems: [{ field, code: 'PUBLIC_CAP_EXCEEDED', message }] };
}

/** Rule 5: an amount decided differently from the committee's proposal (or without one) is justified. */
function justificationProblems(input: AmountCheckInput): Problem[] {
  if (input.purpose !== 'DECISION' && input.purpose !== 'CORRECTION') return [];
  const proposed = input.proposedAmountCents ?? null;
  const justified = (input.justification ?? '').trim().length > 0;
  if (input.amountCents === proposed || justified) return [];
  return [
    {
      field: 'justification',
      code: 'JUSTIFICATION_REQUIRED',
      message:
        proposed === null
          ? 'Le comité n’a pas proposé de montant : une justification est requise.'
          : `Le montant décidé diffère du montant proposé par le comité (${formatEuros(proposed)}) : une justification est requise.`,
    },
  ];
}

function ceilingProblem(input: AmountCheckInput, field: string, total: number): Problem {
  const others = total - input.amountCents;
  return {
    field,
    code: 'ABOVE_CEILING',
    message:
      others > 0
        ? `Avec les ${formatEuros(others)} déjà engagés ou proposés par le Département sur les autres dossiers de cette SCIC, ` +
          `le total atteindrait ${formatEuros(total)}, au-delà du plafond par SCIC (${formatEuros(input.ceilingPerScicCents)}).`
        : `Le montant (${formatEuros(input.amountCents)}) dépasse le plafond par SCIC (${formatEuros(input.ceilingPerScicCents)}).`,
  };
}

/**
 * Rule 5: what the act adds to the year's commitments fits in what remains of the envelope;
 * a signature needs the year's envelope to be set.
 */
function envelopeVerdict(input: AmountCheckInput, field: string): { within: boolean | null; problems: Problem[] } {
  const { envelope } = input;
  if (envelope === null) {
    if (input.purpose !== 'SIGNATURE') return { within: null, problems: [] };
    const message =
      'Aucune enveloppe budgétaire (autorisation de programme) n’est fixée pour l’année : une approbation ne peut pas être signée avant que l’administrateur la fixe.';
    return { within: null, problems: [{ field, code: 'ENVELOPE_NOT_SET', message }] };
  }
  const needed = input.amountCents - (input.releasedCents ?? 0);
  if (needed <= envelope.remainingCents) return { within: true, problems: [] };
  const message = `Le montant engagé (${formatEuros(needed)}) dépasse le reste disponible de l’enveloppe budgétaire ${envelope.year} (${formatEuros(envelope.remainingCents)} sur ${formatEuros(envelope.amountCents)}).`;
  return { within: false, problems: [{ field, code: 'ABOVE_ENVELOPE', message }] };
}
