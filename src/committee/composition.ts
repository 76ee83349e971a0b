/**
 * The composition rule of the comité d'engagement for ONE dossier (DOMAIN step 4 and
 * rules 7–8), as a pure function: the guard of RECORD_OPINION, the composition route and
 * the minutes all call it.
 *
 * For each dossier it reviews, the committee must count, among the members PRESENT who
 * declared NO interest in that SCIC:
 *   (a) each departmental service attached to the orientations chosen at step 1,
 *   (b) the Mission ESS, (c) a member of the CDESS, (d) a solidarity-finance partner,
 *   (e) a qualified person.
 * A member who declared an interest is « déporté »: removed from the composition, the
 * quorum and the vote of that dossier. A present member who has not declared yet is not
 * counted either: nobody sits on a dossier before saying whether they have an interest.
 *
 * One person fills one seat. A member may hold two seats (e.g. a CDESS member who also
 * represents a solidarity-finance partner), but a committee is several voices: with two
 * seats they fill either, not both. Seats are assigned by a maximum bipartite matching,
 * so a member holding two seats goes where nobody else can sit.
 */
import type { Problem } from '../workflow/dossier.events.js';
import type { SeatCategory } from './seats.js';

export interface SeatHeld {
  category: SeatCategory;
  /** The departmental service represented, for DEPARTMENTAL_SERVICE; null otherwise. */
  serviceCode: string | null;
}

export interface ServiceRef {
  code: string;
  label: string;
}

export type DeclarationStatus = 'NONE' | 'INTEREST' | null;

/** A member of the session as the rule sees them, for one dossier. */
export interface SessionMember {
  userId: string;
  displayName: string;
  /** Seats held (active) at the session. */
  seats: SeatHeld[];
  present: boolean;
  /** For this dossier: no interest, an interest (recused), or not declared yet (null). */
  declaration: DeclarationStatus;
}

export interface MemberRef {
  userId: string;
  displayName: string;
}

export interface RequiredSeat {
  category: SeatCategory;
  serviceCode: string | null;
  /** French, as it reads in a sentence: « le service départemental « … » », « un membre du CDESS ». */
  label: string;
}

export interface FilledSeat extends RequiredSeat {
  member: MemberRef | null;
}

export interface Composition {
  complete: boolean;
  seats: FilledSeat[];
  missing: RequiredSeat[];
  /** Present and declared no interest: those who sit, vote and count. */
  sitting: MemberRef[];
  /** Declared an interest: « déporté » for this dossier. */
  recused: MemberRef[];
  absent: MemberRef[];
  /** Present, not recused, but no declaration recorded yet. */
  undeclared: MemberRef[];
  problems: Problem[];
}

const OTHER_SEATS: readonly RequiredSeat[] = [
  { category: 'MISSION_ESS', serviceCode: null, label: 'la Mission ESS' },
  { category: 'CDESS_MEMBER', serviceCode: null, label: 'un membre du CDESS' },
  { category: 'SOLIDARITY_FINANCE_PARTNER', serviceCode: null, label: 'un partenaire de la finance solidaire' },
  { category: 'QUALIFIED_PERSON', serviceCode: null, label: 'une personne qualifiée' },
];

/** The seats a dossier needs: its departmental services (a), then (b)–(e). */
export function requiredSeats(services: readonly ServiceRef[]): RequiredSeat[] {
  const byCode = new Map(services.map((service) => [service.code, service]));
  return [
    ...[...byCode.values()]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((service) => ({
        category: 'DEPARTMENTAL_SERVICE' as const,
        serviceCode: service.code,
        label: `le service départemental « ${service.label} »`,
      })),
    ...OTHER_SEATS,
  ];
}

function canFill(member: SessionMember, seat: RequiredSeat): boolean {
  return member.seats.some(
    (held) =>
      held.category === seat.category &&
      (seat.category !== 'DEPARTMENTAL_SERVICE' || held.serviceCode === seat.serviceCode),
  );
}

const ref = (member: SessionMember): MemberRef => ({ userId: member.userId, displayName: member.displayName });

/**
 * Assigns each seat at most one member and each member at most one seat, filling as many
 * seats as possible (Kuhn's augmenting paths; a committee has a handful of seats).
 * Deterministic: seats in order, candidates by name then id.
 */
function assignSeats(seats: readonly RequiredSeat[], candidates: readonly SessionMember[]): (SessionMember | null)[] {
  const holderOf: (number | null)[] = seats.map(() => null);
  const tryAssign = (memberIndex: number, visited: Set<number>): boolean => {
    for (let seatIndex = 0; seatIndex < seats.length; seatIndex++) {
      if (visited.has(seatIndex) || !canFill(candidates[memberIndex], seats[seatIndex])) continue;
      visited.add(seatIndex);
      const holder = holderOf[seatIndex];
      if (holder === null || tryAssign(holder, visited)) {
        holderOf[seatIndex] = memberIndex;
        return true;
      }
    }
    return false;
  };
  candidates.forEach((_member, index) => tryAssign(index, new Set()));
  return holderOf.map((index) => (index === null ? null : candidates[index]));
}

export function committeeCompositionFor(
  services: readonly ServiceRef[],
  members: readonly SessionMember[],
): Composition {
  const ordered = [...members].sort(
    (a, b) => a.displayName.localeCompare(b.displayName, 'fr') || a.userId.localeCompare(b.userId),
  );
  const recused = ordered.filter((member) => member.declaration === 'INTEREST');
  const absent = ordered.filter((member) => !member.present && member.declaration !== 'INTEREST');
  const undeclared = ordered.filter((member) => member.present && member.declaration === null);
  const sitting = ordered.filter((member) => member.present && member.declaration === 'NONE');

  const seats = requiredSeats(services);
  const holders = assignSeats(seats, sitting);
  const filled: FilledSeat[] = seats.map((seat, index) => ({
    ...seat,
    member: holders[index] ? ref(holders[index]) : null,
  }));
  const missing = filled.filter((seat) => seat.member === null).map(({ member: _member, ...seat }) => seat);

  const problems: Problem[] = [];
  if (!services.length) {
    problems.push({
      field: 'composition',
      code: 'NO_SERVICE_CONCERNED',
      message:
        'Aucun service départemental n’est rattaché aux orientations retenues à l’étape 1 : la composition ne peut pas être vérifiée.',
    });
  }
  for (const seat of missing) {
    problems.push({
      field: 'composition',
      code: 'SEAT_MISSING',
      message: `Composition incomplète pour ce dossier : il manque ${seat.label} (présent, non déporté, ayant déclaré ses intérêts).`,
    });
  }

  return {
    complete: problems.length === 0,
    seats: filled,
    missing,
    sitting: sitting.map(ref),
    recused: recused.map(ref),
    absent: absent.map(ref),
    undeclared: undeclared.map(ref),
    problems,
  };
}
