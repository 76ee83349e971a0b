import type { VotePosition } from './seats.js';
import { opinionVotesProblems, tallySentence, tallyVotes, type TalliedVote } from './vote-tally.js';

const votes = (...positions: [string, VotePosition, boolean?][]): TalliedVote[] =>
  positions.map(([userId, position, withdrawn]) => ({ userId, displayName: userId, position, withdrawn: !!withdrawn }));
const everyone = (list: TalliedVote[]) => new Set(list.map((vote) => vote.userId));

describe('tallyVotes (DOMAIN rule 7)', () => {
  it.each<[string, TalliedVote[], string | null, string | null, boolean]>([
    [
      'a majority for (with conditions counts for)',
      votes(['a', 'FAVOURABLE'], ['b', 'FAVOURABLE_WITH_CONDITIONS'], ['c', 'UNFAVOURABLE']),
      null,
      'FAVOURABLE',
      false,
    ],
    [
      'a majority against',
      votes(['a', 'UNFAVOURABLE'], ['b', 'UNFAVOURABLE'], ['c', 'FAVOURABLE']),
      null,
      'UNFAVOURABLE',
      false,
    ],
    [
      'abstentions in neither majority',
      votes(['a', 'FAVOURABLE'], ['b', 'ABSTENTION'], ['c', 'ABSTENTION']),
      null,
      'FAVOURABLE',
      false,
    ],
    ['a tie settled by the chair for', votes(['a', 'FAVOURABLE'], ['b', 'UNFAVOURABLE']), 'a', 'FAVOURABLE', true],
    [
      'a tie settled by the chair against',
      votes(['a', 'FAVOURABLE'], ['b', 'UNFAVOURABLE']),
      'b',
      'UNFAVOURABLE',
      true,
    ],
    [
      'a tie the chair abstained on: no majority',
      votes(['a', 'FAVOURABLE'], ['b', 'UNFAVOURABLE'], ['c', 'ABSTENTION']),
      'c',
      'ADJOURNED',
      false,
    ],
    ['a tie without a chair: no majority', votes(['a', 'FAVOURABLE'], ['b', 'UNFAVOURABLE']), null, 'ADJOURNED', false],
    ['only abstentions: no majority', votes(['a', 'ABSTENTION']), null, 'ADJOURNED', false],
    ['no vote: nothing to agree with', [], null, null, false],
  ])('%s', (_name, cast, chair, direction, casting) => {
    const tally = tallyVotes(cast, everyone(cast), chair);
    expect(tally?.direction ?? null).toBe(direction);
    expect(tally?.chairCastingVote ?? false).toBe(casting);
  });

  it('counts neither withdrawn votes nor those of members not sitting', () => {
    const cast = votes(['a', 'FAVOURABLE'], ['b', 'UNFAVOURABLE', true], ['c', 'UNFAVOURABLE']);
    expect(tallyVotes(cast, new Set(['a', 'b']), null)).toMatchObject({ for: 1, against: 0, direction: 'FAVOURABLE' });
    expect(tallyVotes(votes(['x', 'FAVOURABLE']), new Set(), null)).toBeNull();
  });

  it('refuses the opinion that contradicts the majority, in French, with the tally', () => {
    const tally = tallyVotes(votes(['a', 'UNFAVOURABLE'], ['b', 'UNFAVOURABLE']), new Set(['a', 'b']), null);
    expect(tallySentence(tally!)).toBe('0\u00a0pour, 2\u00a0contre, 0\u00a0abstention');
    expect(opinionVotesProblems('FAVOURABLE_WITH_CONDITIONS', tally)).toEqual([
      expect.objectContaining({ field: 'opinion', code: 'OPINION_CONTRADICTS_VOTES' }),
    ]);
    expect(opinionVotesProblems('UNFAVOURABLE', tally)).toEqual([]);
    expect(opinionVotesProblems('FAVOURABLE', null)).toEqual([]);
  });
});
