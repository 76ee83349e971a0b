import type { Actor, Role } from '../common/actor.js';
import type { DossierReader } from '../dossiers/dossier-reader.js';
import { DossierVisibility, roleSeesState } from './dossier-visibility.js';

const actor = (role: Role, userId = '5b0f3c1e-8d2a-4c3b-9a41-2f6e7d8c9b0a'): Actor => ({
  userId,
  role,
  credential: 'session',
  signingDelegation: false,
});

function make(exists = true): { visibility: DossierVisibility; asked: (string | null)[] } {
  const asked: (string | null)[] = [];
  const reader = {
    exists: (_id: string, condition: string | null) => {
      asked.push(condition);
      return Promise.resolve(exists);
    },
  } as unknown as DossierReader;
  return { visibility: new DossierVisibility(reader), asked };
}

describe('DossierVisibility', () => {
  it('lets instructors, the administrator and viewers see every dossier (no condition)', () => {
    const { visibility } = make();
    for (const role of ['instructor', 'admin', 'viewer'] as const) expect(visibility.condition(actor(role))).toBeNull();
  });

  it('shows élus and the secretary the dossiers from the committee step on, on the alias given', () => {
    const { visibility } = make();
    for (const role of ['elected_official', 'committee_secretary'] as const) {
      expect(visibility.condition(actor(role), 'x')).toBe(
        "(x.state LIKE 'committee.%' OR x.state LIKE 'decision.%' OR x.state IN ('approved', 'rejected'))",
      );
    }
  });

  it('shows a committee member nothing until the committee registers its condition, then that condition', () => {
    const { visibility } = make();
    expect(visibility.condition(actor('committee_member'))).toBe('FALSE');
    visibility.register({ condition: (who, alias) => `${alias}.member = '${who.userId}'` }, ['committee_member']);
    expect(visibility.condition(actor('committee_member', 'u'), 'd')).toBe("d.member = 'u'");
  });

  it('keeps the fixed rules out of the modules’ hands', () => {
    const { visibility } = make();
    expect(() => visibility.register({ condition: () => 'TRUE' }, ['elected_official'])).toThrow();
    expect(visibility.condition(actor('elected_official'))).not.toBe('TRUE');
  });

  it('answers 404 DOSSIER_NOT_FOUND for a dossier the caller may not see, asking with their condition', async () => {
    const hidden = make(false);
    await expect(hidden.visibility.assertVisible('some-id', actor('viewer'))).rejects.toMatchObject({
      code: 'DOSSIER_NOT_FOUND',
    });
    const shown = make(true);
    await expect(shown.visibility.assertVisible('some-id', actor('elected_official'))).resolves.toBeUndefined();
    expect(shown.asked).toEqual([shown.visibility.condition(actor('elected_official'))]);
  });

  it('agrees with roleSeesState on the state-based roles', () => {
    expect(roleSeesState('elected_official', 'committee.awaitingSession')).toBe(true);
    expect(roleSeesState('committee_secretary', 'instruction.activity')).toBe(false);
    expect(roleSeesState('committee_member', 'committee.scheduled')).toBe(false);
    expect(roleSeesState('committee_member', 'instruction.activity', { onConvokedAgenda: true })).toBe(true);
  });
});
