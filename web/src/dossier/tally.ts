/**
 * The committee's tally as the forms and tabs show it (DOMAIN rule 7): the sitting
 * members' votes, the chair's casting vote on a tie, and whether a chosen opinion agrees.
 */
import type { VoteTally } from '../api/views';

/** « 2 pour, 1 contre, 3 abstentions », the chair's casting vote when it decided, and the majority. */
export function describeTally(tally: VoteTally): string {
  const counts = `${tally.for} pour, ${tally.against} contre, ${tally.abstention} abstention${tally.abstention > 1 ? 's' : ''}`;
  const casting =
    tally.chairCastingVote && tally.chair
      ? ` — égalité départagée par la voix prépondérante de la présidence (${tally.chair.displayName})`
      : '';
  const majority =
    tally.direction === 'FAVOURABLE'
      ? 'majorité favorable'
      : tally.direction === 'UNFAVOURABLE'
        ? 'majorité défavorable'
        : 'aucune majorité : seul un ajournement est possible';
  return `${counts}${casting} — ${majority}`;
}

/** The direction of an opinion, to compare with the votes'. */
export function opinionDirection(opinion: string): VoteTally['direction'] {
  if (opinion === 'FAVOURABLE' || opinion === 'FAVOURABLE_WITH_CONDITIONS') return 'FAVOURABLE';
  return opinion === 'UNFAVOURABLE' ? 'UNFAVOURABLE' : 'ADJOURNED';
}
