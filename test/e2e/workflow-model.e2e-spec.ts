/**
 * Model-based tests of the dossier machine (DESIGN §9), replayed through the HTTP API on
 * the database of the run (PostgreSQL server when DATABASE_URL is set, embedded PGlite
 * otherwise). The plan comes from the machine's graph (test/support/dossier-model.ts,
 * built with `xstate/graph`):
 *
 * 1. every reachable model state (state + context + history) is reached on a fresh
 *    dossier by its shortest path, and the stored snapshot is checked to be that state;
 * 2. in each of them, every variant whose event the state does not offer is refused with
 *    409 DOSSIER_TRANSITION_NOT_ALLOWED, and every payload-invalid variant of an offered
 *    event with 422 VALIDATION_FAILED, leaving version, state and journal untouched —
 *    unless the role that sends the event may not see the dossier in that state
 *    (`roleSeesState`, per-dossier visibility): then the API answers 404
 *    DOSSIER_NOT_FOUND before looking at the body or the machine, and writes nothing
 *    either. Likewise, `GET /api/dossiers/:id` gives each sending role its
 *    `allowedEvents` where it sees the state, and 404 elsewhere;
 * 3. every accepted transition of the model is sent once from its source state: new
 *    state, version + 1, one TRANSITION journal entry, and a chain that still verifies.
 *
 * Not replayed here: the `factsNotMet` variants in states that offer their event. Their
 * command is valid and only the facts the runner gathers would make them fail, and the
 * preparation of `sendEvent` makes those facts hold (the feature suites break each one
 * through the API). They are covered on the pure machine by
 * src/workflow/dossier.model.spec.ts. Where their event is not offered they are refused
 * before any fact is looked at, and they are replayed like every other variant.
 *
 * The dossiers are created with the default request of `createDossier` (60 000 €,
 * shares of 100 €), which the model's amounts fit (proposed 50 000 €, decided 45 000 €).
 */
import type { Role } from '../../src/common/actor.js';
import { roleSeesState } from '../../src/access/dossier-visibility.js';
import { DOSSIER_EVENT_TYPES, type DossierEventType } from '../../src/workflow/dossier.events.js';
import { EVENT_ROLES, revive, type PersistedSnapshot } from '../../src/workflow/dossier.workflow.js';
import {
  REFUSAL_HTTP_STATUS,
  leafStateNames,
  modelTransitions,
  offeredEventTypes,
  reachableStates,
  serializeDossierState,
  type EventVariant,
  type ModelState,
  type ModelTransition,
  type RefusalKind,
} from '../support/dossier-model.js';
import { prepareFor } from '../support/instruction.js';
import { createDossier, roleFor, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

// --- The plan, from the model ------------------------------------------------------------

const states = reachableStates();
const transitions = modelTransitions();
const accepted = transitions.filter((transition) => transition.expected.kind === 'accepted');
const initialState = states.find((state) => state.path.length === 0)!;
const stateByKey = new Map(states.map((state) => [state.key, state]));
const transitionByStep = new Map(
  transitions.map((transition) => [stepKey(transition.fromStateKey, transition.variant), transition]),
);
/** Roles that send events: each sees its own `allowedEvents`. */
const EVENT_SENDERS = [...new Set(Object.values(EVENT_ROLES).flat())] as Role[];

function stepKey(fromStateKey: string, variant: EventVariant): string {
  return `${fromStateKey}\u0000${variant.label}`;
}

/** Refusals the API can reproduce: all of them but the offered `factsNotMet` ones (see above). */
function replayableRefusal(transition: ModelTransition): boolean {
  return transition.expected.kind === 'refused' && !(transition.offered && transition.classification === 'factsNotMet');
}

/** `<state key>|<event type>`: one (model state, event type) pair of the coverage checks. */
function pairKey(stateKey: string, type: DossierEventType): string {
  return `${stateKey}|${type}`;
}

/** Whether the role that sends `type` (as the tests send it) may see a dossier in `state`. */
function senderSees(type: DossierEventType, state: string): boolean {
  return roleSeesState(roleFor(type), state);
}

interface RefusalGroup {
  title: string;
  type: DossierEventType;
  /** False when the sender may not see the dossier in this state: every variant → 404. */
  visible: boolean;
  transitions: ModelTransition[];
}

/** The replayable refusals of a state, one group per event type. */
function refusalGroups(state: ModelState): RefusalGroup[] {
  const refusals = transitions.filter(
    (transition) => transition.fromStateKey === state.key && replayableRefusal(transition),
  );
  return DOSSIER_EVENT_TYPES.flatMap((type) => {
    const group = refusals.filter((transition) => transition.variant.command.type === type);
    if (!group.length) return [];
    const offered = group[0].offered;
    const visible = senderSees(type, state.state);
    const title = !visible
      ? `${type} (dossier hidden from ${roleFor(type)}): ${group.length} variant(s) → 404`
      : offered
        ? `${type} (offered): ${group.length} invalid payload(s) → 422`
        : `${type} (not offered): ${group.length} variant(s) → 409`;
    return [{ title, type, visible, transitions: group }];
  });
}

function refusalOf(transition: ModelTransition): RefusalKind {
  if (transition.expected.kind !== 'refused' || transition.expected.refusal === null) {
    throw new Error(`Not a classified refusal: ${transition.name}`);
  }
  return transition.expected.refusal;
}

// --- What the run did over HTTP (for the coverage checks at the end) ---------------------

const reachedStateKeys = new Set<string>();
const reachedLeaves = new Set<string>();
/** `<state key>|<event type>` pairs sent over HTTP, accepted or refused. */
const triedPairs = new Set<string>();
/** The tried pairs the API refused with 404 because the sender may not see the dossier. */
const hiddenPairs = new Set<string>();
/** The tried pairs the machine answered (accepted, 409 or 422): the sender sees the dossier. */
const machinePairs = new Set<string>();
/** `stepKey`s of the accepted transitions exercised over HTTP. */
const exercisedTransitions = new Set<string>();

function recordReached(stateKey: string): void {
  reachedStateKeys.add(stateKey);
  reachedLeaves.add(stateByKey.get(stateKey)!.state);
}

// --- Dossiers ------------------------------------------------------------------------------

/** A dossier whose model state, version and last journal seq the test knows. */
interface Tracked {
  id: string;
  stateKey: string;
  version: number;
  journalSeq: number;
}

/**
 * Dossiers known to be in a model state, free for a transition test: the one each state
 * test built, then the result of each transition test. A dossier goes in only once every
 * check on it has passed, so a failed test never hands a wrong dossier to the next one.
 */
const pool = new Map<string, Tracked[]>();

function release(dossier: Tracked): void {
  pool.set(dossier.stateKey, [...(pool.get(dossier.stateKey) ?? []), dossier]);
}

function take(stateKey: string): Tracked | undefined {
  return pool.get(stateKey)?.shift();
}

const kind = process.env.DATABASE_URL ? 'server' : 'embedded';

describe(`dossier model replayed over HTTP (${kind} database)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  function commandBody(variant: EventVariant): Record<string, unknown> {
    return { ...variant.command };
  }

  /** The model state the database holds for the dossier, read from the stored snapshot. */
  async function storedState(id: string): Promise<{ key: string; state: string; version: number }> {
    const [row] = await t.dataSource.query<{ state: string; version: number; snapshot: PersistedSnapshot | string }[]>(
      'SELECT state, version, snapshot FROM dossier WHERE id = $1',
      [id],
    );
    const snapshot = typeof row.snapshot === 'string' ? (JSON.parse(row.snapshot) as PersistedSnapshot) : row.snapshot;
    return { key: serializeDossierState(revive(snapshot)), state: row.state, version: Number(row.version) };
  }

  async function journal(id: string, afterSeq = 0) {
    const response = await t.request({
      method: 'GET',
      url: `/api/dossiers/${id}/journal?afterSeq=${afterSeq}&limit=500`,
      as: 'viewer',
    });
    expect(response.status).toBe(200);
    return response.body.items as { seq: number; type: string; actorRole: string; payload: Record<string, any> }[];
  }

  async function lastSeq(id: string): Promise<number> {
    const [row] = await t.dataSource.query('SELECT max(seq)::int AS seq FROM journal_entry WHERE dossier_id = $1', [
      id,
    ]);
    return row.seq;
  }

  /** Creates a dossier and replays the state's shortest path, checking every step. */
  async function reach(state: ModelState): Promise<Tracked> {
    const created = await createDossier(t);
    let dossier: Tracked = { id: created.id, stateKey: initialState.key, version: created.version, journalSeq: 1 };
    for (const variant of state.path) {
      const transition = transitionByStep.get(stepKey(dossier.stateKey, variant));
      if (transition?.expected.kind !== 'accepted')
        throw new Error(`The model does not accept ${variant.label} on the path`);
      const response = await sendEvent(t, dossier.id, commandBody(variant));
      expect({
        step: variant.label,
        status: response.status,
        state: response.body.state,
        version: response.body.version,
      }).toEqual({
        step: variant.label,
        status: 200,
        state: transition.expected.toState,
        version: dossier.version + 1,
      });
      dossier = {
        id: dossier.id,
        stateKey: transition.expected.toStateKey,
        version: response.body.version,
        journalSeq: response.body.journalSeq,
      };
    }
    expect(dossier.stateKey).toBe(state.key);
    expect(await storedState(dossier.id)).toEqual({ key: state.key, state: state.state, version: dossier.version });
    recordReached(state.key);
    return dossier;
  }

  describe.each(states.map((state) => [state.description, state] as const))('in %s', (_description, state) => {
    let dossier: Tracked | undefined;
    const allowedByRole = new Map<Role, DossierEventType[]>();

    it(`is reached by its shortest path: ${state.path.map((variant) => variant.label).join(' → ') || '(creation)'}`, async () => {
      dossier = await reach(state);
      // The transitions of the path, in order, between the data entries their
      // preparation added (analyses, pieces); the sequence stays gap-free.
      const entries = await journal(dossier.id);
      expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index + 1));
      expect(
        entries
          .filter((entry) => entry.type === 'DOSSIER_CREATED' || entry.type === 'TRANSITION')
          .map((entry) => [entry.type, entry.payload.event?.type]),
      ).toEqual([['DOSSIER_CREATED', undefined], ...state.path.map((variant) => ['TRANSITION', variant.command.type])]);
      // What each role may send, per the API and per the machine's graph, for the roles
      // that see the dossier in this state; the others are told it does not exist.
      const offered = offeredEventTypes(revive(state.snapshot));
      for (const role of EVENT_SENDERS) {
        const view = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}`, as: role });
        if (!roleSeesState(role, state.state)) {
          expect({ role, status: view.status, code: view.body?.error?.code }).toEqual({
            role,
            status: 404,
            code: 'DOSSIER_NOT_FOUND',
          });
          continue;
        }
        expect({ role, status: view.status, allowedEvents: view.body.allowedEvents }).toEqual({
          role,
          status: 200,
          allowedEvents: offered.filter((type) => EVENT_ROLES[type].includes(role)),
        });
        allowedByRole.set(role, view.body.allowedEvents);
      }
    });

    it.each(refusalGroups(state).map((group) => [group.title, group] as const))('refuses %s', async (_title, group) => {
      const target = dossier!;
      expect(target).toBeDefined();
      const observed = await Promise.all(
        group.transitions.map(async ({ variant }) => {
          // No preparation: a refused event alone must leave everything as it was.
          const response = await sendEvent(t, target.id, commandBody(variant), { prepare: false });
          const error = response.body?.error;
          return {
            variant: variant.label,
            status: response.status,
            code: error?.code,
            ...(response.status === 404
              ? { id: error?.details?.id }
              : response.status === 409
                ? {
                    event: error?.details?.event,
                    currentState: error?.details?.currentState,
                    allowedEvents: error?.details?.allowedEvents,
                  }
                : { fields: (error?.details?.fields ?? []).map((field: { field: string }) => field.field) }),
          };
        }),
      );
      expect(observed).toEqual(
        group.transitions.map((transition) => {
          const refusal = refusalOf(transition);
          const { variant } = transition;
          if (!group.visible) {
            return { variant: variant.label, status: 404, code: 'DOSSIER_NOT_FOUND', id: target.id };
          }
          return refusal === 'invalidCommand'
            ? {
                variant: variant.label,
                status: REFUSAL_HTTP_STATUS[refusal],
                code: 'VALIDATION_FAILED',
                fields: expect.arrayContaining([variant.invalidField]),
              }
            : {
                variant: variant.label,
                status: REFUSAL_HTTP_STATUS[refusal],
                code: 'DOSSIER_TRANSITION_NOT_ALLOWED',
                event: group.type,
                currentState: state.state,
                allowedEvents: allowedByRole.get(roleFor(group.type)),
              };
        }),
      );
      const pair = pairKey(state.key, group.type);
      triedPairs.add(pair);
      (group.visible ? machinePairs : hiddenPairs).add(pair);
    });

    it('is left unchanged by the refusals: same state, version and journal', async () => {
      const target = dossier!;
      const view = await t.request({ method: 'GET', url: `/api/dossiers/${target.id}` });
      expect({ state: view.body.state, version: view.body.version }).toEqual({
        state: state.state,
        version: target.version,
      });
      const entries = await journal(target.id);
      expect(entries.map((entry) => entry.seq)).toEqual(
        Array.from({ length: target.journalSeq }, (_, index) => index + 1),
      );
      expect(await storedState(target.id)).toEqual({ key: state.key, state: state.state, version: target.version });
      release(target);
    });
  });

  describe('every accepted transition of the model', () => {
    // Source states in the order of `states` (shortest paths first), so that the
    // dossiers a transition leaves behind serve the transitions out of its target.
    const order = new Map(states.map((state, index) => [state.key, index]));
    const sorted = [...accepted].sort((a, b) => order.get(a.fromStateKey)! - order.get(b.fromStateKey)!);

    it.each(sorted.map((transition) => [transition.name, transition] as const))('%s', async (_name, transition) => {
      if (transition.expected.kind !== 'accepted') throw new Error('not an accepted transition');
      const { variant, expected } = transition;
      const reached = take(transition.fromStateKey) ?? (await reach(stateByKey.get(transition.fromStateKey)!));
      // The data the event's conditions need (analyses, pieces) first, journaled on their
      // own; then the transition must add exactly one entry.
      // The body as prepared: a session named by the model becomes a real one (its id).
      const body = await prepareFor(t, reached.id, commandBody(variant));
      const dossier = { ...reached, journalSeq: await lastSeq(reached.id) };

      const response = await sendEvent(t, dossier.id, body, { prepare: false });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        dossierId: dossier.id,
        event: variant.command.type,
        fromState: transition.fromState,
        state: expected.toState,
        version: dossier.version + 1,
        journalSeq: dossier.journalSeq + 1,
      });
      expect(await journal(dossier.id, dossier.journalSeq)).toEqual([
        expect.objectContaining({
          seq: dossier.journalSeq + 1,
          type: 'TRANSITION',
          actorRole: roleFor(variant.command.type),
          payload: expect.objectContaining({
            event: body,
            fromState: transition.fromState,
            toState: expected.toState,
          }),
        }),
      ]);
      const verify = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/journal/verify`,
        as: 'viewer',
      });
      expect(verify.status).toBe(200);
      expect(verify.body).toEqual({ valid: true, entries: dossier.journalSeq + 1, firstBrokenSeq: null, problems: [] });
      expect(await storedState(dossier.id)).toEqual({
        key: expected.toStateKey,
        state: expected.toState,
        version: dossier.version + 1,
      });

      exercisedTransitions.add(stepKey(transition.fromStateKey, variant));
      const pair = pairKey(transition.fromStateKey, variant.command.type);
      triedPairs.add(pair);
      machinePairs.add(pair);
      recordReached(expected.toStateKey);
      release({
        id: dossier.id,
        stateKey: expected.toStateKey,
        version: dossier.version + 1,
        journalSeq: dossier.journalSeq + 1,
      });
    });
  });

  describe('coverage over HTTP', () => {
    it('reached every leaf state of the machine', () => {
      expect([...reachedLeaves].sort()).toEqual(leafStateNames().sort());
    });

    it('reached every model state (state, context and history)', () => {
      expect([...reachedStateKeys].sort()).toEqual(states.map((state) => state.key).sort());
    });

    it('tried every event type in every model state, where it is offered and where it is not', () => {
      const all = states.flatMap((state) => DOSSIER_EVENT_TYPES.map((type) => pairKey(state.key, type)));
      const missing = all.filter((pair) => !triedPairs.has(pair));
      expect(missing).toEqual([]);
      expect(triedPairs.size).toBe(all.length);
    });

    it('met the visibility rule exactly where the sender may not see the state, and the machine elsewhere', () => {
      const pairsWhere = (sees: boolean) =>
        states.flatMap((state) =>
          DOSSIER_EVENT_TYPES.filter((type) => senderSees(type, state.state) === sees).map((type) =>
            pairKey(state.key, type),
          ),
        );
      expect([...hiddenPairs].sort()).toEqual(pairsWhere(false).sort());
      expect([...machinePairs].sort()).toEqual(pairsWhere(true).sort());
    });

    it('offers every event only in states its senders see (else the machine could not be driven over HTTP)', () => {
      const unreachable = states.flatMap((state) =>
        offeredEventTypes(revive(state.snapshot)).flatMap((type) =>
          EVENT_ROLES[type]
            .filter((role) => !roleSeesState(role, state.state))
            .map((role) => `${state.state}: ${type} by ${role}`),
        ),
      );
      expect(unreachable).toEqual([]);
    });

    it('exercised every accepted transition of the model', () => {
      const missing = accepted.filter(
        (transition) => !exercisedTransitions.has(stepKey(transition.fromStateKey, transition.variant)),
      );
      expect(missing.map((transition) => transition.name)).toEqual([]);
    });
  });
});
