/**
 * Rule 11 — shareholder current-account advances [CGCT L1522-5, applied to SCIC stakes
 * by the département's policy]: a convention, a term of at most 24 months, renewable
 * once (a renewal is never renewed), at most one open advance per SCIC across all its
 * dossiers. The same rules judge an advance recommended in step 3 and an advance
 * recorded after the decision. Pure.
 */

/** An advance already granted to the SCIC, as the rules see it. */
export interface AdvanceFact {
  id: string;
  startsOn: string;
  endsOn: string;
  renewalOf: string | null;
  closedOn: string | null;
  conventionReference: string;
}

/** The advance being judged: recommended (step 3) or recorded (after the decision). */
export interface AdvanceCandidate {
  conventionReference: string | null | undefined;
  termMonths: number;
  /** The advance renewed, or null for a new advance. */
  renewalOf: string | null;
}

export type AdvanceRefusalReason =
  | 'CONVENTION_REQUIRED'
  | 'ADVANCE_TOO_LONG'
  | 'RENEWED_ADVANCE_UNKNOWN'
  | 'RENEWAL_WITHOUT_ADVANCE'
  | 'RENEWAL_OF_RENEWAL'
  | 'ALREADY_RENEWED'
  | 'ADVANCE_ALREADY_OPEN';

export interface AdvanceRefusal {
  reason: AdvanceRefusalReason;
  /** Whether the refusal is about the value itself (422) or the SCIC's history (409). */
  kind: 'INPUT' | 'HISTORY';
  field: string;
  message: string;
}

const SOURCE = 'CGCT art. L1522-5';

const french = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** `YYYY-MM-DD` plus whole months; a day the month lacks falls on its last day (31/01 + 1 → 28/02). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** What the candidate is, on its own: a convention, a term within the maximum. */
function inputRefusals(candidate: AdvanceCandidate, maxMonths: number): AdvanceRefusal[] {
  const refusals: AdvanceRefusal[] = [];
  if ((candidate.conventionReference ?? '').trim() === '') {
    refusals.push({
      reason: 'CONVENTION_REQUIRED',
      kind: 'INPUT',
      field: 'conventionReference',
      message: `Une avance en compte courant d’associé exige une convention : indiquez sa référence (${SOURCE}).`,
    });
  }
  if (candidate.termMonths > maxMonths) {
    refusals.push({
      reason: 'ADVANCE_TOO_LONG',
      kind: 'INPUT',
      field: 'termMonths',
      message: `Durée de ${candidate.termMonths} mois : une avance en compte courant d’associé dure au plus ${maxMonths} mois (${SOURCE}).`,
    });
  }
  return refusals;
}

/** What the SCIC's history allows: renew an original once, and no other advance open. */
function historyRefusals(candidate: AdvanceCandidate, history: readonly AdvanceFact[]): AdvanceRefusal[] {
  const refusals: AdvanceRefusal[] = [];
  if (candidate.renewalOf !== null) {
    const renewed = history.find((advance) => advance.id === candidate.renewalOf);
    if (!renewed) {
      return [
        {
          reason: 'RENEWED_ADVANCE_UNKNOWN',
          kind: 'INPUT',
          field: 'renewalOf',
          message: 'L’avance à renouveler n’existe pas parmi les avances de cette SCIC.',
        },
      ];
    }
    if (renewed.renewalOf !== null) {
      refusals.push({
        reason: 'RENEWAL_OF_RENEWAL',
        kind: 'HISTORY',
        field: 'renewalOf',
        message: `L’avance « ${renewed.conventionReference} » est déjà un renouvellement : une avance n’est renouvelable qu’une fois (${SOURCE}).`,
      });
    } else if (history.some((advance) => advance.renewalOf === renewed.id)) {
      refusals.push({
        reason: 'ALREADY_RENEWED',
        kind: 'HISTORY',
        field: 'renewalOf',
        message: `L’avance « ${renewed.conventionReference} » a déjà été renouvelée : une avance n’est renouvelable qu’une fois (${SOURCE}).`,
      });
    }
  }
  const open = history.find((advance) => advance.closedOn === null && advance.id !== candidate.renewalOf);
  if (open) {
    refusals.push({
      reason: 'ADVANCE_ALREADY_OPEN',
      kind: 'HISTORY',
      field: 'renewalOf',
      message: `La SCIC a déjà une avance en cours (convention « ${open.conventionReference} », du ${french(open.startsOn)} au ${french(open.endsOn)}) : une seule avance peut être ouverte à la fois ; renouvelez-la ou clôturez-la d’abord.`,
    });
  }
  return refusals;
}

/** Every reason the candidate advance is refused; none when it may be granted. */
export function advanceRefusals(
  candidate: AdvanceCandidate,
  history: readonly AdvanceFact[],
  maxMonths: number,
): AdvanceRefusal[] {
  return [...inputRefusals(candidate, maxMonths), ...historyRefusals(candidate, history)];
}

/**
 * The advance a recommended renewal renews (step 3 records only a `renewal` flag): the
 * SCIC's open advance, or else its most recent one; null when it never had one.
 */
export function advanceToRenew(history: readonly AdvanceFact[]): AdvanceFact | null {
  const open = history.find((advance) => advance.closedOn === null);
  if (open) return open;
  const latest = [...history].sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
  return latest[0] ?? null;
}

/** The refusals of an advance recommended in step 3, from its renewal flag. */
export function recommendedAdvanceRefusals(
  recommended: { conventionReference: string; durationMonths: number; renewal: boolean },
  history: readonly AdvanceFact[],
  maxMonths: number,
): AdvanceRefusal[] {
  const renewed = recommended.renewal ? advanceToRenew(history) : null;
  const candidate: AdvanceCandidate = {
    conventionReference: recommended.conventionReference,
    termMonths: recommended.durationMonths,
    renewalOf: renewed?.id ?? null,
  };
  const refusals = advanceRefusals(candidate, history, maxMonths);
  if (recommended.renewal && !renewed) {
    refusals.push({
      reason: 'RENEWAL_WITHOUT_ADVANCE',
      kind: 'HISTORY',
      field: 'renewal',
      message: 'Renouvellement recommandé, mais la SCIC n’a encore reçu aucune avance en compte courant d’associé.',
    });
  }
  return refusals;
}
