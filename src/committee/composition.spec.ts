import {
  committeeCompositionFor,
  requiredSeats,
  type SeatHeld,
  type ServiceRef,
  type SessionMember,
} from './composition.js';
import type { SeatCategory } from './seats.js';

const DIE: ServiceRef = { code: 'DIE', label: 'Direction de l’insertion et de l’emploi' };
const DAUT: ServiceRef = { code: 'DAUT', label: 'Direction de l’autonomie' };

function member(
  name: string,
  seats: (SeatCategory | SeatHeld)[],
  overrides: Partial<SessionMember> = {},
): SessionMember {
  return {
    userId: `id-${name}`,
    displayName: name,
    seats: seats.map((seat) => (typeof seat === 'string' ? { category: seat, serviceCode: null } : seat)),
    present: true,
    declaration: 'NONE',
    ...overrides,
  };
}

const service = (code: string): SeatHeld => ({ category: 'DEPARTMENTAL_SERVICE', serviceCode: code });

/** One present, non-recused member per seat of a dossier attached to the DIE. */
const FULL: SessionMember[] = [
  member('Dominique Service', [service('DIE')]),
  member('Alex Mission', ['MISSION_ESS']),
  member('Sacha Cdess', ['CDESS_MEMBER']),
  member('Morgan Finance', ['SOLIDARITY_FINANCE_PARTNER']),
  member('Claude Qualifiée', ['QUALIFIED_PERSON']),
];

const LABELS = {
  DIE: 'le service départemental « Direction de l’insertion et de l’emploi »',
  DAUT: 'le service départemental « Direction de l’autonomie »',
  MISSION_ESS: 'la Mission ESS',
  CDESS_MEMBER: 'un membre du CDESS',
  SOLIDARITY_FINANCE_PARTNER: 'un partenaire de la finance solidaire',
  QUALIFIED_PERSON: 'une personne qualifiée',
};

const missingLabels = (services: ServiceRef[], members: SessionMember[]) =>
  committeeCompositionFor(services, members).missing.map((seat) => seat.label);

describe('requiredSeats', () => {
  it('asks for each departmental service of the dossier, then the four other seats', () => {
    expect(requiredSeats([DIE, DAUT]).map((seat) => seat.label)).toEqual([
      LABELS.DAUT,
      LABELS.DIE,
      LABELS.MISSION_ESS,
      LABELS.CDESS_MEMBER,
      LABELS.SOLIDARITY_FINANCE_PARTNER,
      LABELS.QUALIFIED_PERSON,
    ]);
  });

  it('counts a service attached to two orientations once', () => {
    expect(requiredSeats([DIE, DIE]).filter((seat) => seat.category === 'DEPARTMENTAL_SERVICE')).toHaveLength(1);
  });
});

describe('committeeCompositionFor', () => {
  it('is complete with one present, non-recused member per seat', () => {
    const composition = committeeCompositionFor([DIE], FULL);
    expect(composition.complete).toBe(true);
    expect(composition.problems).toEqual([]);
    expect(composition.seats.map((seat) => [seat.label, seat.member?.displayName])).toEqual([
      [LABELS.DIE, 'Dominique Service'],
      [LABELS.MISSION_ESS, 'Alex Mission'],
      [LABELS.CDESS_MEMBER, 'Sacha Cdess'],
      [LABELS.SOLIDARITY_FINANCE_PARTNER, 'Morgan Finance'],
      [LABELS.QUALIFIED_PERSON, 'Claude Qualifiée'],
    ]);
  });

  describe('each seat missing in turn', () => {
    const SEAT_OF: Record<string, string> = {
      'Dominique Service': LABELS.DIE,
      'Alex Mission': LABELS.MISSION_ESS,
      'Sacha Cdess': LABELS.CDESS_MEMBER,
      'Morgan Finance': LABELS.SOLIDARITY_FINANCE_PARTNER,
      'Claude Qualifiée': LABELS.QUALIFIED_PERSON,
    };
    it.each(Object.entries(SEAT_OF))('without %s, only « %s » is missing', (name, label) => {
      const composition = committeeCompositionFor(
        [DIE],
        FULL.filter((m) => m.displayName !== name),
      );
      expect(composition.complete).toBe(false);
      expect(composition.missing.map((seat) => seat.label)).toEqual([label]);
      expect(composition.problems).toEqual([
        {
          field: 'composition',
          code: 'SEAT_MISSING',
          message: `Composition incomplète pour ce dossier : il manque ${label} (présent, non déporté, ayant déclaré ses intérêts).`,
        },
      ]);
    });
  });

  describe('who counts', () => {
    it.each<[string, Partial<SessionMember>, 'recused' | 'absent' | 'undeclared']>([
      ['a recused member (declared interest) is not counted', { declaration: 'INTEREST' }, 'recused'],
      ['a recused member is not counted even when absent', { declaration: 'INTEREST', present: false }, 'recused'],
      ['an absent member is not counted', { present: false }, 'absent'],
      ['a present member who has not declared is not counted', { declaration: null }, 'undeclared'],
    ])('%s', (_case, change, list) => {
      const members = FULL.map((m) => (m.displayName === 'Sacha Cdess' ? { ...m, ...change } : m));
      const composition = committeeCompositionFor([DIE], members);
      expect(composition.missing.map((seat) => seat.label)).toEqual([LABELS.CDESS_MEMBER]);
      expect(composition[list]).toEqual([{ userId: 'id-Sacha Cdess', displayName: 'Sacha Cdess' }]);
      expect(composition.sitting.map((m) => m.displayName)).not.toContain('Sacha Cdess');
    });

    it('a recused member is replaced by another present member of the same seat', () => {
      const members = [
        ...FULL.map((m) => (m.displayName === 'Sacha Cdess' ? { ...m, declaration: 'INTEREST' as const } : m)),
        member('Yannick Cdess', ['CDESS_MEMBER']),
      ];
      const composition = committeeCompositionFor([DIE], members);
      expect(composition.complete).toBe(true);
      expect(composition.seats.find((seat) => seat.category === 'CDESS_MEMBER')?.member?.displayName).toBe(
        'Yannick Cdess',
      );
      expect(composition.recused.map((m) => m.displayName)).toEqual(['Sacha Cdess']);
    });
  });

  describe('departmental services', () => {
    it('the service of another orientation is not counted', () => {
      const members = FULL.map((m) => (m.displayName === 'Dominique Service' ? { ...m, seats: [service('DAUT')] } : m));
      expect(missingLabels([DIE], members)).toEqual([LABELS.DIE]);
    });

    it('a dossier attached to two services needs both', () => {
      expect(missingLabels([DIE, DAUT], FULL)).toEqual([LABELS.DAUT]);
      expect(missingLabels([DIE, DAUT], [...FULL, member('Lou Autonomie', [service('DAUT')])])).toEqual([]);
    });

    it('no service known for the dossier: incomplete, and says why', () => {
      const composition = committeeCompositionFor([], FULL);
      expect(composition.complete).toBe(false);
      expect(composition.problems.map((problem) => problem.code)).toEqual(['NO_SERVICE_CONCERNED']);
    });
  });

  describe('a member holding two seats', () => {
    const both = member('Camille Double', ['CDESS_MEMBER', 'SOLIDARITY_FINANCE_PARTNER']);
    const withoutCdessAndFinance = FULL.filter(
      (m) => m.displayName !== 'Sacha Cdess' && m.displayName !== 'Morgan Finance',
    );

    it('fills one seat, not both: one person, one voice', () => {
      const composition = committeeCompositionFor([DIE], [...withoutCdessAndFinance, both]);
      expect(composition.complete).toBe(false);
      expect(composition.missing).toHaveLength(1);
      const filledByCamille = composition.seats.filter((seat) => seat.member?.displayName === 'Camille Double');
      expect(filledByCamille).toHaveLength(1);
    });

    it('fills the seat nobody else can take (the assignment is a maximum matching)', () => {
      // Camille comes first by name; a greedy assignment would give her the CDESS seat and
      // leave the finance seat empty although Sacha can only sit as CDESS.
      const composition = committeeCompositionFor(
        [DIE],
        [...withoutCdessAndFinance, both, member('Sacha Cdess', ['CDESS_MEMBER'])],
      );
      expect(composition.complete).toBe(true);
      expect(composition.seats.map((seat) => [seat.category, seat.member?.displayName])).toEqual(
        expect.arrayContaining([
          ['CDESS_MEMBER', 'Sacha Cdess'],
          ['SOLIDARITY_FINANCE_PARTNER', 'Camille Double'],
        ]),
      );
    });

    it('with someone for each of the two seats, both are filled and she still counts once', () => {
      const composition = committeeCompositionFor([DIE], [...FULL, both]);
      expect(composition.complete).toBe(true);
      expect(composition.sitting).toHaveLength(6);
    });
  });

  it('an empty session misses every seat', () => {
    expect(missingLabels([DIE], [])).toEqual([
      LABELS.DIE,
      LABELS.MISSION_ESS,
      LABELS.CDESS_MEMBER,
      LABELS.SOLIDARITY_FINANCE_PARTNER,
      LABELS.QUALIFIED_PERSON,
    ]);
  });
});
