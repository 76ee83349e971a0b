/**
 * Model-based tests (DESIGN §9): the plan of test/support/dossier-model.ts, built from
 * the machine's graph with `xstate/graph`, replayed through `decide()` on stored (JSON)
 * snapshots. Every reachable state is reached by a shortest path, and every event
 * variant is tried in every reachable state, where it is allowed and where it is not.
 */
import {
  EVENT_VARIANTS,
  FACT_PROBLEMS,
  MODEL_TODAY,
  REFUSAL_OF_CLASSIFICATION,
  leafStateNames,
  modelTransitions,
  offeredEventTypes,
  reachableStates,
  serializeDossierState,
  type ModelState,
  type ModelTransition,
} from '../../test/support/dossier-model.js';
import { DOSSIER_EVENT_TYPES, PAYLOAD_FACTS, type FactName } from './dossier.events.js';
import {
  STATE_LABELS,
  decide,
  eventsOfState,
  initialPersistedSnapshot,
  revive,
  stateName,
  type PersistedSnapshot,
} from './dossier.workflow.js';

const states = reachableStates();
const transitions = modelTransitions();

function stored(snapshot: PersistedSnapshot): PersistedSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as PersistedSnapshot;
}

describe('dossier model (xstate/graph)', () => {
  describe('the event variants', () => {
    it('use the fixed model date', () => {
      for (const variant of EVENT_VARIANTS) expect(variant.facts.today).toBe(MODEL_TODAY);
    });

    it.each(DOSSIER_EVENT_TYPES)('%s has a valid variant', (type) => {
      expect(EVENT_VARIANTS.some((v) => v.command.type === type && v.classification === 'valid')).toBe(true);
    });

    it.each([
      'SEND_BACK',
      'REQUEST_COMPLEMENTS',
      'SCHEDULE_COMMITTEE',
      'RECORD_OPINION',
      'RECORD_DECISION',
      'WITHDRAW',
      'CLOSE',
    ])('%s has a payload-invalid variant', (type) => {
      expect(EVENT_VARIANTS.some((v) => v.command.type === type && v.classification === 'invalidPayload')).toBe(true);
    });

    it.each(Object.keys(FACT_PROBLEMS) as FactName[])('the fact %s is broken by a variant', (fact) => {
      // A fact read as a check of the command is broken by a payload-invalid variant.
      const classification = PAYLOAD_FACTS.includes(fact) ? 'invalidPayload' : 'factsNotMet';
      expect(EVENT_VARIANTS.some((v) => v.classification === classification && v.brokenFact === fact)).toBe(true);
    });

    it.each(EVENT_VARIANTS.map((variant) => [variant.label, variant] as const))(
      '%s: facts hold a problem exactly when the variant breaks a fact',
      (_label, variant) => {
        const broken = (Object.keys(FACT_PROBLEMS) as FactName[]).filter((fact) => variant.facts[fact].length > 0);
        expect(broken).toEqual(variant.classification !== 'valid' && variant.brokenFact ? [variant.brokenFact] : []);
        expect('facts' in variant.command).toBe(false);
      },
    );

    it('routes each opinion and each outcome through a valid variant', () => {
      const opinions = EVENT_VARIANTS.flatMap((v) =>
        v.classification === 'valid' && v.command.type === 'RECORD_OPINION' ? [v.command.opinion] : [],
      );
      const outcomes = EVENT_VARIANTS.flatMap((v) =>
        v.classification === 'valid' && v.command.type === 'RECORD_DECISION' ? [v.command.outcome] : [],
      );
      const targets = EVENT_VARIANTS.flatMap((v) =>
        v.classification === 'valid' && v.command.type === 'SEND_BACK' ? [v.command.toStep] : [],
      );
      expect(opinions.sort()).toEqual(['ADJOURNED', 'FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE']);
      expect(outcomes.sort()).toEqual(['ADJOURNED', 'APPROVED', 'REJECTED']);
      expect(targets.sort()).toEqual(['activity', 'essPractices']);
    });
  });

  describe('reachable states', () => {
    it('every leaf state of the machine is reached', () => {
      const reached = new Set(states.map((state) => state.state));
      expect([...reached].sort()).toEqual(leafStateNames().sort());
    });

    it('every leaf state has a French label', () => {
      for (const name of leafStateNames()) expect(STATE_LABELS[name]).toBeDefined();
    });

    it('the shortest paths cover exactly the states of the adjacency map, once each', () => {
      const keys = states.map((state) => state.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...new Set(transitions.map((t) => t.fromStateKey))].sort()).toEqual([...keys].sort());
    });

    it('the initial state is draft, reached by no command', () => {
      const initial = states.find((state) => state.path.length === 0);
      expect(initial?.state).toBe('draft');
      expect(initial?.snapshot).toEqual(initialPersistedSnapshot().snapshot);
    });

    it.each(states.map((state) => [state.description, state] as const))(
      'reaches %s by its shortest path through decide()',
      (_description, target: ModelState) => {
        let snapshot = initialPersistedSnapshot().snapshot;
        for (const variant of target.path) {
          expect(variant.classification).toBe('valid');
          const decision = decide(snapshot, variant.command, variant.facts);
          if (decision.kind !== 'accepted') {
            throw new Error(
              `${variant.label} refused on the way to ${target.description}: ${JSON.stringify(decision)}`,
            );
          }
          snapshot = stored(decision.snapshot);
        }
        expect(serializeDossierState(revive(snapshot))).toBe(target.key);
        expect(snapshot).toEqual(target.snapshot);
      },
    );

    it.each(states.map((state) => [state.description, state] as const))(
      'in %s, eventsOfState matches the graph',
      (_description, target: ModelState) => {
        const snapshot = revive(target.snapshot);
        expect(eventsOfState(snapshot)).toEqual(offeredEventTypes(snapshot));
      },
    );
  });

  describe('every adjacency transition, replayed through decide(), agrees with the model', () => {
    it.each(transitions.map((transition) => [transition.name, transition] as const))(
      '%s',
      (_name, transition: ModelTransition) => {
        const before = stored(transition.fromSnapshot);
        const decision = decide(transition.fromSnapshot, transition.variant.command, transition.variant.facts);
        // decide() never touches what it was given.
        expect(transition.fromSnapshot).toEqual(before);
        if (transition.expected.kind === 'accepted') {
          if (decision.kind !== 'accepted') throw new Error(`Expected accepted, got ${JSON.stringify(decision)}`);
          expect(decision.fromState).toBe(transition.fromState);
          expect(decision.toState).toBe(transition.expected.toState);
          expect(serializeDossierState(revive(stored(decision.snapshot)))).toBe(transition.expected.toStateKey);
        } else {
          expect(decision.kind).not.toBe('accepted');
          if (decision.kind === 'accepted') return;
          // Refused: the dossier stays where it was.
          expect(decision.currentState).toBe(transition.fromState);
          expect(stateName(revive(transition.fromSnapshot))).toBe(transition.fromState);
          expect(decision.kind).toBe(transition.expected.refusal);
        }
      },
    );
  });

  describe('every event variant in every reachable state matches its classification', () => {
    it.each(transitions.map((transition) => [transition.name, transition] as const))(
      '%s',
      (_name, transition: ModelTransition) => {
        const { variant, offered, classification, expected } = transition;
        if (!offered) {
          expect(expected).toEqual({ kind: 'refused', refusal: 'notAllowed' });
          const decision = decide(transition.fromSnapshot, variant.command, variant.facts);
          expect(decision).toEqual({
            kind: 'notAllowed',
            currentState: transition.fromState,
            allowedEvents: offeredEventTypes(revive(transition.fromSnapshot)),
          });
          return;
        }
        if (classification === 'valid') {
          expect(expected.kind).toBe('accepted');
          return;
        }
        expect(expected).toEqual({ kind: 'refused', refusal: REFUSAL_OF_CLASSIFICATION[classification] });
        const decision = decide(transition.fromSnapshot, variant.command, variant.facts);
        if (classification === 'invalidPayload') {
          expect(decision.kind).toBe('invalidCommand');
          if (decision.kind !== 'invalidCommand') return;
          expect(decision.problems.map((problem) => problem.field)).toContain(variant.invalidField);
          for (const problem of decision.problems) expect(problem.message).toMatch(/\S/);
        } else {
          expect(decision).toEqual({
            kind: 'conditionsNotMet',
            currentState: transition.fromState,
            problems: [FACT_PROBLEMS[variant.brokenFact as FactName]],
          });
        }
      },
    );
  });
});
