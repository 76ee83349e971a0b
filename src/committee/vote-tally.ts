/**
 * The committee's opinion and its members' votes (DOMAIN rule 7), as pure functions: the
 * guard of RECORD_OPINION (through the `opinionVotes` fact), the opinion stored, the
 * minutes and the note de synthèse all read the same tally.
 *
 * Mapping of the vote model onto the opinion's three directions:
 * - a vote FAVOURABLE or FAVOURABLE_WITH_CONDITIONS is « pour » — direction favourable
 *   (the opinion FAVOURABLE or FAVOURABLE_WITH_CONDITIONS);
 * - a vote UNFAVOURABLE is « contre » — direction unfavourable (the opinion UNFAVOURABLE);
 * - an ABSTENTION counts in the tally but in neither majority.
 * Only the votes of members SITTING for the dossier count: present, having declared no
 * interest in the SCIC, and whose vote was not withdrawn (déport after voting).
 * More « pour » than « contre »: favourable; more « contre »: unfavourable. A tie (0–0
 * included, when everyone abstained) is settled by the chair's vote when the chair sits
 * for the dossier and voted pour or contre — a casting vote, recorded as such. Without a
 * majority the committee cannot give an opinion on the merits: only ADJOURNED agrees.
 * When no vote counts, there is nothing to agree with (the rule applies when votes were cast).
 */
import { formatCount, NBSP, plural } from '../common/french-format.js';
import type { Problem } from '../workflow/dossier.events.js';
import type { VotePosition } from './seats.js';

export type OpinionDirection = 'FAVOURABLE' | 'UNFAVOURABLE' | 'ADJOURNED';

export interface TalliedVote {
  userId: string;
  displayName: string;
  position: VotePosition;
  withdrawn: boolean;
}

export interface VoteTally {
  /** Votes FAVOURABLE and FAVOURABLE_WITH_CONDITIONS of sitting members. */
  for: number;
  against: number;
  abstention: number;
  /** The chair, when sitting for the dossier and having voted. */
  chair: { userId: string; displayName: string; position: VotePosition } | null;
  /** True when « pour » and « contre » were equal and the chair's vote decided. */
  chairCastingVote: boolean;
  /** The direction the votes give. */
  direction: OpinionDirection;
}

const DIRECTION_LABELS: Record<OpinionDirection, string> = {
  FAVOURABLE: 'favorable',
  UNFAVOURABLE: 'défavorable',
  ADJOURNED: 'aucune majorité',
};

export function directionOfVote(position: VotePosition): OpinionDirection | null {
  if (position === 'FAVOURABLE' || position === 'FAVOURABLE_WITH_CONDITIONS') return 'FAVOURABLE';
  if (position === 'UNFAVOURABLE') return 'UNFAVOURABLE';
  return null;
}

export function directionOfOpinion(opinion: string): OpinionDirection {
  if (opinion === 'FAVOURABLE' || opinion === 'FAVOURABLE_WITH_CONDITIONS') return 'FAVOURABLE';
  return opinion === 'UNFAVOURABLE' ? 'UNFAVOURABLE' : 'ADJOURNED';
}

/** The tally of the counted votes, or null when no vote counts. */
export function tallyVotes(
  votes: readonly TalliedVote[],
  sittingUserIds: ReadonlySet<string>,
  chairUserId: string | null,
): VoteTally | null {
  const counted = votes.filter((vote) => !vote.withdrawn && sittingUserIds.has(vote.userId));
  if (!counted.length) return null;
  let pour = 0;
  let contre = 0;
  for (const vote of counted) {
    const direction = directionOfVote(vote.position);
    if (direction === 'FAVOURABLE') pour++;
    else if (direction === 'UNFAVOURABLE') contre++;
  }
  const chairVote = chairUserId ? counted.find((vote) => vote.userId === chairUserId) : undefined;
  const chair = chairVote
    ? { userId: chairVote.userId, displayName: chairVote.displayName, position: chairVote.position }
    : null;
  let direction: OpinionDirection = pour > contre ? 'FAVOURABLE' : contre > pour ? 'UNFAVOURABLE' : 'ADJOURNED';
  let chairCastingVote = false;
  if (pour === contre && chair) {
    const casting = directionOfVote(chair.position);
    if (casting) {
      direction = casting;
      chairCastingVote = true;
    }
  }
  return { for: pour, against: contre, abstention: counted.length - pour - contre, chair, chairCastingVote, direction };
}

/** « 3 pour, 1 contre, 1 abstention », with the chair's casting vote when it decided. */
export function tallySentence(tally: VoteTally): string {
  const counts = `${formatCount(tally.for)}${NBSP}pour, ${formatCount(tally.against)}${NBSP}contre, ${plural(tally.abstention, 'abstention')}`;
  if (tally.chairCastingVote && tally.chair) {
    return `${counts} — égalité départagée par la voix prépondérante de la présidence (${tally.chair.displayName}, ${DIRECTION_LABELS[tally.direction]})`;
  }
  return tally.direction === 'ADJOURNED' ? `${counts} — aucune majorité` : counts;
}

/** The problem of an opinion whose direction is not the votes' (empty when they agree or no vote counts). */
export function opinionVotesProblems(opinion: string, tally: VoteTally | null): Problem[] {
  if (!tally || directionOfOpinion(opinion) === tally.direction) return [];
  const expected =
    tally.direction === 'ADJOURNED'
      ? 'sans majorité, le comité ne peut qu’ajourner le dossier'
      : `la majorité est ${DIRECTION_LABELS[tally.direction]}`;
  return [
    {
      field: 'opinion',
      code: 'OPINION_CONTRADICTS_VOTES',
      message: `L’avis choisi contredit les votes des membres siégeant pour ce dossier (${tallySentence(tally)}) : ${expected}.`,
    },
  ];
}
