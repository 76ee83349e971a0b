import {
  addMonths,
  advanceRefusals,
  advanceToRenew,
  recommendedAdvanceRefusals,
  type AdvanceCandidate,
  type AdvanceFact,
} from './advance-rules.js';

const MAX = 24;
const fact = (id: string, changes: Partial<AdvanceFact> = {}): AdvanceFact => ({
  id,
  startsOn: '2025-01-01',
  endsOn: '2027-01-01',
  renewalOf: null,
  closedOn: null,
  conventionReference: `C-${id}`,
  ...changes,
});
const candidate = (changes: Partial<AdvanceCandidate> = {}): AdvanceCandidate => ({
  conventionReference: 'C-new',
  termMonths: 24,
  renewalOf: null,
  ...changes,
});
const reasons = (refusals: { reason: string; kind: string }[]) => refusals.map((r) => `${r.kind}:${r.reason}`);

describe('addMonths', () => {
  it.each([
    ['2026-11-23', 24, '2028-11-23'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', 12, '2027-03-31'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('advanceRefusals (rule 11, recorded or recommended)', () => {
  const original = fact('a1', { closedOn: '2026-01-01' });
  const renewal = fact('a2', { renewalOf: 'a1', startsOn: '2026-01-01' });
  it.each<[string, Partial<AdvanceCandidate>, AdvanceFact[], string[]]>([
    ['a first advance of 24 months with a convention', {}, [], []],
    ['no convention', { conventionReference: '  ' }, [], ['INPUT:CONVENTION_REQUIRED']],
    ['convention missing altogether', { conventionReference: undefined }, [], ['INPUT:CONVENTION_REQUIRED']],
    ['25 months', { termMonths: 25 }, [], ['INPUT:ADVANCE_TOO_LONG']],
    ['a second advance while one is open', {}, [fact('a1')], ['HISTORY:ADVANCE_ALREADY_OPEN']],
    ['a new advance once the first is closed', {}, [original], []],
    ['renewing the open original', { renewalOf: 'a1' }, [fact('a1')], []],
    ['renewing a renewal', { renewalOf: 'a2' }, [original, renewal], ['HISTORY:RENEWAL_OF_RENEWAL']],
    [
      'renewing an original already renewed (the renewal open)',
      { renewalOf: 'a1' },
      [original, renewal],
      ['HISTORY:ALREADY_RENEWED', 'HISTORY:ADVANCE_ALREADY_OPEN'],
    ],
    ['renewing an advance of another SCIC', { renewalOf: 'zz' }, [original], ['INPUT:RENEWED_ADVANCE_UNKNOWN']],
  ])('%s', (_scenario, changes, history, expected) => {
    expect(reasons(advanceRefusals(candidate(changes), history, MAX))).toEqual(expected);
  });

  it('the maximum comes from the threshold', () => {
    expect(reasons(advanceRefusals(candidate({ termMonths: 13 }), [], 12))).toEqual(['INPUT:ADVANCE_TOO_LONG']);
    expect(advanceRefusals(candidate({ termMonths: 12 }), [], 12)).toEqual([]);
  });

  it('names the open advance in French', () => {
    const [refusal] = advanceRefusals(candidate(), [fact('a1')], MAX);
    expect(refusal.message).toContain('convention « C-a1 », du 01/01/2025 au 01/01/2027');
  });
});

describe('recommendedAdvanceRefusals (step 3: a renewal flag only)', () => {
  const recommended = (renewal: boolean, durationMonths = 24) => ({
    conventionReference: 'C-new',
    durationMonths,
    renewal,
  });
  it.each<[string, boolean, AdvanceFact[], string[]]>([
    ['new, no history', false, [], []],
    ['new, one open', false, [fact('a1')], ['HISTORY:ADVANCE_ALREADY_OPEN']],
    ['renewal, nothing to renew', true, [], ['HISTORY:RENEWAL_WITHOUT_ADVANCE']],
    ['renewal of the open original', true, [fact('a1')], []],
    [
      'renewal of the open renewal',
      true,
      [fact('a1', { closedOn: '2026-01-01' }), fact('a2', { renewalOf: 'a1', startsOn: '2026-01-01' })],
      ['HISTORY:RENEWAL_OF_RENEWAL'],
    ],
  ])('%s', (_scenario, renewal, history, expected) => {
    expect(reasons(recommendedAdvanceRefusals(recommended(renewal), history, MAX))).toEqual(expected);
  });

  it('a renewal renews the open advance, else the latest one', () => {
    const older = fact('a1', { closedOn: '2025-06-01' });
    const newer = fact('a3', { startsOn: '2026-02-01', closedOn: '2026-05-01' });
    expect(advanceToRenew([older, newer])?.id).toBe('a3');
    expect(advanceToRenew([newer, fact('a4', { startsOn: '2024-01-01' })])?.id).toBe('a4');
    expect(advanceToRenew([])).toBeNull();
  });
});
