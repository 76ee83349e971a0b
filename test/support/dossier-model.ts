/**
 * Model-based test plan of the dossier machine (DESIGN §4, §9), built from the machine's
 * graph with `xstate/graph`. Pure: no database, no Nest. Used by the unit model spec
 * (`src/workflow/dossier.model.spec.ts`) and meant to be replayed over HTTP by an e2e
 * suite: every step keeps the client's `command` (what `POST /dossiers/:id/events`
 * sends) apart from the `facts` (what the database must hold for the guard), and every
 * variant says which refusal, hence which status, it should meet.
 *
 * The events are listed explicitly (no discovery from the machine): each of the 13 event
 * types has a valid variant (several where the payload routes: send-back targets, the
 * four opinions, the three outcomes) and invalid variants that break each guard, either
 * in the payload (422) or in the facts (409).
 */
import {
  getAdjacencyMap,
  getShortestPaths,
  getStateNodes,
  toDirectedGraph,
  type AdjacencyMap,
  type AdjacencyValue,
  type SerializedEvent,
  type DirectedGraphNode,
} from 'xstate/graph';
import {
  DOSSIER_EVENT_TYPES,
  factsAllMet,
  type DossierCommand,
  type DossierEvent,
  type DossierEventType,
  type DossierFacts,
  type FactName,
  type Problem,
} from '../../src/workflow/dossier.events.js';
import { dossierMachine } from '../../src/workflow/dossier.machine.js';
import { stateName, type DossierSnapshot, type PersistedSnapshot } from '../../src/workflow/dossier.workflow.js';

/** The fixed "today" of the model, in the département's time zone. */
export const MODEL_TODAY = '2026-11-23';
/** Two weeks after MODEL_TODAY: a valid due date for complements. */
export const MODEL_FUTURE_DATE = '2026-12-07';
export const MODEL_PAST_DATE = '2026-11-01';
export const MODEL_PROPOSED_AMOUNT_CENTS = 5_000_000;
export const MODEL_DECIDED_AMOUNT_CENTS = 4_500_000;
/**
 * The model's session (a UUID, as the API requires). The HTTP replay's preparation
 * (test/support/committee.ts) replaces it with a real session when none has this id.
 */
export const MODEL_SESSION_ID = '5e551017-2026-4c03-8000-000000001203';

/** A motivation long enough (≥ MIN_MOTIVATION_LENGTH characters). */
const MOTIVATION = 'Projet coopératif solide, plan de financement équilibré, ancrage territorial réel.';
const SHORT_MOTIVATION = 'Trop court.';
const CONDITIONS = 'Libération des parts après la prochaine révision coopérative.';
const DELIBERATION = 'CP-2026-12-042';

/**
 * How a variant fares in a state that offers its event:
 * - `valid`: accepted (2xx);
 * - `invalidPayload`: the command itself is wrong → `invalidCommand`, HTTP 422;
 * - `factsNotMet`: the dossier does not meet the condition → `conditionsNotMet`, HTTP 409.
 * In a state that does not offer the event, every variant is `notAllowed` (HTTP 409).
 */
export type VariantClassification = 'valid' | 'invalidPayload' | 'factsNotMet';

/** The `kind` of a refusal returned by `decide()`. */
export type RefusalKind = 'notAllowed' | 'invalidCommand' | 'conditionsNotMet';

export const REFUSAL_OF_CLASSIFICATION: Record<Exclude<VariantClassification, 'valid'>, RefusalKind> = {
  invalidPayload: 'invalidCommand',
  factsNotMet: 'conditionsNotMet',
};

/** HTTP status expected for each refusal (DESIGN §7: 422 validation, 409 illegal transition or conflict). */
export const REFUSAL_HTTP_STATUS: Record<RefusalKind, 409 | 422> = {
  notAllowed: 409,
  invalidCommand: 422,
  conditionsNotMet: 409,
};

export interface EventVariant {
  /** Stable, unique, human-readable name: used as the test case title. */
  label: string;
  /** What a client sends: the body of `POST /dossiers/:id/events`. */
  command: DossierCommand;
  /** What the runner would gather; an HTTP replay must arrange the data to match. */
  facts: DossierFacts;
  /** Where the event is offered; see `classificationIn` for state-dependent cases. */
  classification: VariantClassification;
  /** For `factsNotMet` variants: the facts list that holds the one problem. */
  brokenFact?: FactName;
  /** Where the payload is invalid (see also `invalidPayloadIn`): the field `decide()` names in its problems. */
  invalidField?: string;
  /**
   * States (dotted leaf names) where this otherwise valid variant is a payload error:
   * a send-back to essPractices is valid from economic but not from essPractices.
   */
  invalidPayloadIn?: readonly string[];
}

function problem(field: string, code: string, message: string): Problem {
  return { field, code, message };
}

/** The one problem a `factsNotMet` variant puts in the fact it breaks. */
export const FACT_PROBLEMS: Record<FactName, Problem> = {
  requestValid: problem('scic.siret', 'REQUIRED', 'Le SIRET de la SCIC est obligatoire.'),
  activityComplete: problem('conclusion', 'REQUIRED', "La conclusion de l'étape 1 est obligatoire."),
  essPracticesComplete: problem('markers', 'MARKERS_INCOMPLETE', 'Les six marqueurs doivent être notés.'),
  economicComplete: problem('financingPlan', 'PLAN_NOT_BALANCED', "Le plan de financement n'est pas équilibré."),
  sessionSchedulable: problem('sessionId', 'SESSION_CLOSED', 'La séance est close.'),
  committeeQuorum: problem('attendance', 'QUORUM_NOT_MET', "Le quorum n'est pas atteint pour ce dossier."),
  opinionVotes: problem(
    'opinion',
    'OPINION_CONTRADICTS_VOTES',
    'L’avis choisi contredit les votes (0 pour, 3 contre).',
  ),
  proposedAmount: problem('proposedAmountCents', 'ABOVE_REQUEST', 'Le montant proposé dépasse le montant demandé.'),
  decidedAmount: problem('amountCents', 'ENVELOPE_EXCEEDED', "Le montant décidé dépasse l'enveloppe disponible."),
  deliberationAvailable: problem('deliberation', 'DELIBERATION_TAKEN', 'Ce numéro de délibération est déjà utilisé.'),
  signature: problem('signer', 'NO_DELEGATION', "Le signataire n'a pas de délégation de signature."),
  requestedPieces: problem('pieces', 'UNKNOWN_DOCUMENT_TYPE', 'Type de pièce inconnu : BILAN.'),
};

const ALL_MET: DossierFacts = factsAllMet(MODEL_TODAY);

function factsWithProblem(fact: FactName): DossierFacts {
  return { ...factsAllMet(MODEL_TODAY), [fact]: [FACT_PROBLEMS[fact]] };
}

function valid(label: string, command: DossierCommand, extra: Partial<EventVariant> = {}): EventVariant {
  return { label, command, facts: ALL_MET, classification: 'valid', ...extra };
}

function invalidPayload(label: string, command: DossierCommand, invalidField: string): EventVariant {
  return { label, command, facts: ALL_MET, classification: 'invalidPayload', invalidField };
}

function factsNotMet(label: string, command: DossierCommand, brokenFact: FactName): EventVariant {
  return { label, command, facts: factsWithProblem(brokenFact), classification: 'factsNotMet', brokenFact };
}

const favourable = {
  type: 'RECORD_OPINION',
  opinion: 'FAVOURABLE',
  motivation: MOTIVATION,
  proposedAmountCents: MODEL_PROPOSED_AMOUNT_CENTS,
} as const satisfies DossierCommand;

/** The sitting of the élus: the standing committee, by delegation, on the model's today. */
const sitting = {
  body: 'COMMISSION_PERMANENTE',
  delegationReference: 'Délibération CD-2025-001 du 2 juillet 2025',
  sessionDate: MODEL_TODAY,
  deliberation: DELIBERATION,
} as const;

const approved = {
  type: 'RECORD_DECISION',
  outcome: 'APPROVED',
  ...sitting,
  amountCents: MODEL_DECIDED_AMOUNT_CENTS,
  // The decided amount differs from the proposal: DOMAIN rule 5 wants a justification.
  justification: 'Montant ajusté au plan de financement actualisé.',
} as const satisfies DossierCommand;

/** Every event variant of the model, in DOSSIER_EVENT_TYPES order. */
export const EVENT_VARIANTS: readonly EventVariant[] = [
  // SUBMIT
  valid('SUBMIT', { type: 'SUBMIT' }),
  factsNotMet('SUBMIT, request incomplete', { type: 'SUBMIT' }, 'requestValid'),
  // COMPLETE_ACTIVITY
  valid('COMPLETE_ACTIVITY', { type: 'COMPLETE_ACTIVITY' }),
  factsNotMet('COMPLETE_ACTIVITY, analysis incomplete', { type: 'COMPLETE_ACTIVITY' }, 'activityComplete'),
  // COMPLETE_ESS_PRACTICES
  valid('COMPLETE_ESS_PRACTICES', { type: 'COMPLETE_ESS_PRACTICES' }),
  factsNotMet('COMPLETE_ESS_PRACTICES, markers missing', { type: 'COMPLETE_ESS_PRACTICES' }, 'essPracticesComplete'),
  // COMPLETE_ECONOMIC
  valid('COMPLETE_ECONOMIC', { type: 'COMPLETE_ECONOMIC' }),
  factsNotMet('COMPLETE_ECONOMIC, plan not balanced', { type: 'COMPLETE_ECONOMIC' }, 'economicComplete'),
  // SEND_BACK
  valid('SEND_BACK to activity', { type: 'SEND_BACK', toStep: 'activity', reason: 'Indicateurs 2025 manquants.' }),
  valid(
    'SEND_BACK to essPractices',
    { type: 'SEND_BACK', toStep: 'essPractices', reason: 'Marqueur de gouvernance à revoir.' },
    { invalidPayloadIn: ['instruction.essPractices'], invalidField: 'toStep' },
  ),
  invalidPayload(
    'SEND_BACK to economic (never earlier)',
    { type: 'SEND_BACK', toStep: 'economic', reason: 'Renvoi impossible.' },
    'toStep',
  ),
  invalidPayload('SEND_BACK, blank reason', { type: 'SEND_BACK', toStep: 'activity', reason: '   ' }, 'reason'),
  // REQUEST_COMPLEMENTS
  valid('REQUEST_COMPLEMENTS', {
    type: 'REQUEST_COMPLEMENTS',
    reason: 'Bilan 2025 certifié et procès-verbal de la dernière AG.',
    dueDate: MODEL_FUTURE_DATE,
  }),
  invalidPayload(
    'REQUEST_COMPLEMENTS, blank reason',
    { type: 'REQUEST_COMPLEMENTS', reason: '', dueDate: MODEL_FUTURE_DATE },
    'reason',
  ),
  invalidPayload(
    'REQUEST_COMPLEMENTS, past due date',
    { type: 'REQUEST_COMPLEMENTS', reason: 'Bilan 2025.', dueDate: MODEL_PAST_DATE },
    'dueDate',
  ),
  invalidPayload(
    'REQUEST_COMPLEMENTS, due today',
    { type: 'REQUEST_COMPLEMENTS', reason: 'Bilan 2025.', dueDate: MODEL_TODAY },
    'dueDate',
  ),
  invalidPayload(
    'REQUEST_COMPLEMENTS, impossible date',
    { type: 'REQUEST_COMPLEMENTS', reason: 'Bilan 2025.', dueDate: '2027-02-30' },
    'dueDate',
  ),
  {
    // The documents referential answers which codes exist; the refusal is the command's (422).
    label: 'REQUEST_COMPLEMENTS, unknown piece',
    command: { type: 'REQUEST_COMPLEMENTS', reason: 'Bilan 2025.', dueDate: MODEL_FUTURE_DATE, pieces: ['BILAN'] },
    facts: factsWithProblem('requestedPieces'),
    classification: 'invalidPayload',
    invalidField: 'pieces',
    brokenFact: 'requestedPieces',
  },
  // RECEIVE_COMPLEMENTS
  valid('RECEIVE_COMPLEMENTS', { type: 'RECEIVE_COMPLEMENTS' }),
  // SCHEDULE_COMMITTEE
  valid('SCHEDULE_COMMITTEE', { type: 'SCHEDULE_COMMITTEE', sessionId: MODEL_SESSION_ID }),
  invalidPayload('SCHEDULE_COMMITTEE, blank session', { type: 'SCHEDULE_COMMITTEE', sessionId: ' ' }, 'sessionId'),
  factsNotMet(
    'SCHEDULE_COMMITTEE, session closed',
    { type: 'SCHEDULE_COMMITTEE', sessionId: MODEL_SESSION_ID },
    'sessionSchedulable',
  ),
  // RECORD_OPINION
  valid('RECORD_OPINION FAVOURABLE', favourable),
  valid('RECORD_OPINION FAVOURABLE_WITH_CONDITIONS', {
    ...favourable,
    opinion: 'FAVOURABLE_WITH_CONDITIONS',
    conditions: CONDITIONS,
  }),
  valid('RECORD_OPINION UNFAVOURABLE', { type: 'RECORD_OPINION', opinion: 'UNFAVOURABLE', motivation: MOTIVATION }),
  valid('RECORD_OPINION ADJOURNED', { type: 'RECORD_OPINION', opinion: 'ADJOURNED', motivation: MOTIVATION }),
  invalidPayload(
    'RECORD_OPINION FAVOURABLE, short motivation',
    { ...favourable, motivation: SHORT_MOTIVATION },
    'motivation',
  ),
  invalidPayload(
    'RECORD_OPINION ADJOURNED, short motivation',
    { type: 'RECORD_OPINION', opinion: 'ADJOURNED', motivation: SHORT_MOTIVATION },
    'motivation',
  ),
  invalidPayload(
    'RECORD_OPINION FAVOURABLE, no amount',
    { type: 'RECORD_OPINION', opinion: 'FAVOURABLE', motivation: MOTIVATION },
    'proposedAmountCents',
  ),
  invalidPayload(
    'RECORD_OPINION FAVOURABLE_WITH_CONDITIONS, no conditions',
    { ...favourable, opinion: 'FAVOURABLE_WITH_CONDITIONS' },
    'conditions',
  ),
  factsNotMet('RECORD_OPINION FAVOURABLE, no quorum', favourable, 'committeeQuorum'),
  factsNotMet(
    'RECORD_OPINION ADJOURNED, no quorum',
    { type: 'RECORD_OPINION', opinion: 'ADJOURNED', motivation: MOTIVATION },
    'committeeQuorum',
  ),
  factsNotMet('RECORD_OPINION FAVOURABLE, amount above request', favourable, 'proposedAmount'),
  factsNotMet('RECORD_OPINION FAVOURABLE, against the votes', favourable, 'opinionVotes'),
  // RECORD_DECISION
  valid('RECORD_DECISION APPROVED', approved),
  valid('RECORD_DECISION REJECTED', { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting }),
  valid('RECORD_DECISION ADJOURNED', { type: 'RECORD_DECISION', outcome: 'ADJOURNED', ...sitting }),
  invalidPayload('RECORD_DECISION APPROVED, blank deliberation', { ...approved, deliberation: '' }, 'deliberation'),
  invalidPayload(
    'RECORD_DECISION APPROVED, no amount',
    { type: 'RECORD_DECISION', outcome: 'APPROVED', ...sitting },
    'amountCents',
  ),
  invalidPayload(
    'RECORD_DECISION REJECTED, standing committee without its delegation',
    { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting, delegationReference: ' ' },
    'delegationReference',
  ),
  invalidPayload(
    'RECORD_DECISION APPROVED, sitting after today',
    { ...approved, sessionDate: '2099-01-01' },
    'sessionDate',
  ),
  factsNotMet(
    'RECORD_DECISION REJECTED, deliberation number taken',
    { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting },
    'deliberationAvailable',
  ),
  factsNotMet('RECORD_DECISION APPROVED, envelope exceeded', approved, 'decidedAmount'),
  // SIGN
  valid('SIGN', { type: 'SIGN' }),
  factsNotMet('SIGN, no delegation', { type: 'SIGN' }, 'signature'),
  // WITHDRAW
  valid('WITHDRAW', { type: 'WITHDRAW', reason: 'La SCIC renonce à la participation.' }),
  invalidPayload('WITHDRAW, blank reason', { type: 'WITHDRAW', reason: '' }, 'reason'),
  // CLOSE
  valid('CLOSE', { type: 'CLOSE', reason: 'Dossier incomplet depuis plus de six mois.' }),
  invalidPayload('CLOSE, blank reason', { type: 'CLOSE', reason: '  ' }, 'reason'),
];

/** The event the machine receives for a variant: the command plus its facts. */
export function eventOf(variant: EventVariant): DossierEvent {
  return { ...variant.command, facts: variant.facts } as DossierEvent;
}

/** How `variant` should fare in `state` (a dotted leaf name) if the state offers its event. */
export function classificationIn(variant: EventVariant, state: string): VariantClassification {
  return variant.invalidPayloadIn?.includes(state) ? 'invalidPayload' : variant.classification;
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** The key of a model state: state value + context + history (as state node ids). */
export function serializeDossierState(snapshot: DossierSnapshot): string {
  const history = Object.fromEntries(
    Object.entries(snapshot.historyValue).map(([historyId, nodes]) => [historyId, nodes.map((node) => node.id)]),
  );
  return canonicalJson({ value: snapshot.value, context: snapshot.context, history });
}

/** A short human description of a model state, e.g. `instruction.activity · resume=economic · opinion=ADJOURNED`. */
export function describeDossierState(snapshot: DossierSnapshot): string {
  const parts = [stateName(snapshot)];
  for (const nodes of Object.values(snapshot.historyValue)) {
    parts.push(`resume=${nodes.map((node) => node.key).join('+')}`);
  }
  for (const [field, value] of Object.entries(snapshot.context)) {
    if (value !== null) parts.push(`${field}=${String(value)}`);
  }
  return parts.join(' · ');
}

function persist(snapshot: DossierSnapshot): PersistedSnapshot {
  // Through JSON, exactly as the database column stores it.
  return JSON.parse(JSON.stringify(dossierMachine.getPersistedSnapshot(snapshot))) as PersistedSnapshot;
}

/** Dotted names of the machine's leaf states (atomic and final; history nodes excluded). */
export function leafStateNames(): string[] {
  return getStateNodes(dossierMachine.root)
    .filter((node) => node.type === 'atomic' || node.type === 'final')
    .map((node) => node.path.join('.'));
}

/**
 * Event types each state node has a transition for, read from the machine's directed
 * graph (independent of the workflow helpers under test).
 */
let eventTypesCache: Map<string, Set<string>> | undefined;

function eventTypesByNode(): Map<string, Set<string>> {
  if (eventTypesCache) return eventTypesCache;
  const byNode = new Map<string, Set<string>>();
  const visit = (node: DirectedGraphNode): void => {
    byNode.set(node.id, new Set(node.edges.map((edge) => edge.label.text)));
    node.children.forEach(visit);
  };
  // The root node, not the machine: `toDirectedGraph` recognises a machine with
  // `instanceof`, which fails when `xstate/graph` and `xstate` load different builds
  // (as under Jest ESM), and would then drop the root's own transitions (WITHDRAW).
  visit(toDirectedGraph(dossierMachine.root));
  eventTypesCache = byNode;
  return byNode;
}

/** Event types offered in `snapshot` by its active node and its ancestors; none once final. */
export function offeredEventTypes(snapshot: DossierSnapshot): DossierEventType[] {
  if (snapshot.status !== 'active') return [];
  const byNode = eventTypesByNode();
  const offered = new Set<string>();
  const segments = stateName(snapshot).split('.');
  for (let depth = 0; depth <= segments.length; depth++) {
    const id = ['dossier', ...segments.slice(0, depth)].join('.');
    for (const type of byNode.get(id) ?? []) offered.add(type);
  }
  return DOSSIER_EVENT_TYPES.filter((type) => offered.has(type));
}

// --- Traversal -------------------------------------------------------------------------

/**
 * The machine as an actor (and `decide()`) runs it: once final, the dossier takes no
 * event. XState's pure `machine.transition()` does not look at `status`, so on a final
 * snapshot it would still take the root-level WITHDRAW (approved → withdrawn); the
 * graph is traversed through this wrapper so that finals are sinks.
 */
export const dossierModelLogic: typeof dossierMachine = Object.create(dossierMachine, {
  transition: {
    value: (...[snapshot, ...rest]: Parameters<typeof dossierMachine.transition>): DossierSnapshot =>
      snapshot.status === 'active' ? dossierMachine.transition(snapshot, ...rest) : snapshot,
  },
}) as typeof dossierMachine;

interface Traversal {
  adjacency: AdjacencyMap<DossierSnapshot, DossierEvent>;
  variantOfEvent: Map<string, EventVariant>;
  events: DossierEvent[];
}

let traversal: Traversal | undefined;

function serializeEvent(event: DossierEvent): string {
  return canonicalJson(event);
}

function traverse(): Traversal {
  if (traversal) return traversal;
  const variantOfEvent = new Map<string, EventVariant>();
  const labels = new Set<string>();
  const events = EVENT_VARIANTS.map((variant) => {
    const event = eventOf(variant);
    const key = serializeEvent(event);
    if (variantOfEvent.has(key) || labels.has(variant.label)) {
      throw new Error(`Duplicate event variant: ${variant.label}`);
    }
    variantOfEvent.set(key, variant);
    labels.add(variant.label);
    return event;
  });
  // Every variant is tried in every state, allowed or not: refusals are self-loops.
  const adjacency = getAdjacencyMap(dossierModelLogic, {
    events,
    serializeState: serializeDossierState,
    serializeEvent,
  });
  traversal = { adjacency, variantOfEvent, events };
  return traversal;
}

function variantOf(event: DossierEvent): EventVariant {
  const variant = traverse().variantOfEvent.get(serializeEvent(event));
  if (!variant) throw new Error(`Event outside the model: ${serializeEvent(event)}`);
  return variant;
}

export interface ModelState {
  /** `serializeDossierState` of the state: value + context + history. */
  key: string;
  /** Dotted leaf name, e.g. `instruction.economic`. */
  state: string;
  description: string;
  /** The persisted snapshot (JSON, as stored) of the state. */
  snapshot: PersistedSnapshot;
  /**
   * A shortest sequence of variants from the initial state (`draft`) to this one: send
   * each variant's `command` with its `facts` arranged. Empty for `draft`.
   */
  path: EventVariant[];
}

let statesCache: ModelState[] | undefined;

/** Every state reachable by the model, each with a shortest path from the initial state. */
export function reachableStates(): ModelState[] {
  if (statesCache) return statesCache;
  const { events } = traverse();
  const paths = getShortestPaths(dossierModelLogic, {
    events,
    serializeState: serializeDossierState,
    serializeEvent,
  });
  statesCache = paths.map((path) => ({
    key: serializeDossierState(path.state),
    state: stateName(path.state),
    description: describeDossierState(path.state),
    snapshot: persist(path.state),
    // `getShortestPaths` gives steps as (state, event that led to it), starting with
    // the initial state reached by `xstate.init`: the commands are the later events.
    path: path.steps.slice(1).map((step) => variantOf(step.event)),
  }));
  return statesCache;
}

export type ExpectedOutcome =
  | { kind: 'accepted'; toState: string; toStateKey: string; toDescription: string }
  /**
   * `refusal` is what the variants table says the refusal is: `notAllowed` where the
   * state does not offer the event, otherwise the variant's classification in that
   * state. `null` when the model refused a variant the table calls valid (a
   * contradiction the model spec reports).
   */
  | { kind: 'refused'; refusal: RefusalKind | null };

export interface ModelTransition {
  /** Test case name: `<from state description> — <variant label>`. */
  name: string;
  fromStateKey: string;
  fromState: string;
  fromDescription: string;
  /** The persisted snapshot (JSON) to replay from. */
  fromSnapshot: PersistedSnapshot;
  variant: EventVariant;
  /** Whether `fromState` offers the variant's event type at all. */
  offered: boolean;
  /** How the variants table classifies the variant in `fromState` (when offered). */
  classification: VariantClassification;
  /** What the machine's graph did: the next state, or a refusal (self-loop). */
  expected: ExpectedOutcome;
}

let transitionsCache: ModelTransition[] | undefined;

/** Every (reachable state × variant) pair of the adjacency map, with the model's outcome. */
export function modelTransitions(): ModelTransition[] {
  if (transitionsCache) return transitionsCache;
  const { adjacency } = traverse();
  const result: ModelTransition[] = [];
  for (const [fromStateKey, { state, transitions }] of Object.entries(adjacency)) {
    const fromState = stateName(state);
    const fromDescription = describeDossierState(state);
    const fromSnapshot = persist(state);
    const offered = new Set<string>(offeredEventTypes(state));
    const outgoing = Object.values(transitions) as Array<
      AdjacencyValue<DossierSnapshot, DossierEvent>['transitions'][SerializedEvent]
    >;
    for (const { event, state: next } of outgoing) {
      const variant = variantOf(event);
      const classification = classificationIn(variant, fromState);
      const isOffered = offered.has(event.type);
      let expected: ExpectedOutcome;
      // The machine returns the very same snapshot when no transition is enabled.
      if (next !== state) {
        expected = {
          kind: 'accepted',
          toState: stateName(next),
          toStateKey: serializeDossierState(next),
          toDescription: describeDossierState(next),
        };
      } else if (!isOffered) {
        expected = { kind: 'refused', refusal: 'notAllowed' };
      } else {
        expected = {
          kind: 'refused',
          refusal: classification === 'valid' ? null : REFUSAL_OF_CLASSIFICATION[classification],
        };
      }
      result.push({
        name: `${fromDescription} — ${variant.label}`,
        fromStateKey,
        fromState,
        fromDescription,
        fromSnapshot,
        variant,
        offered: isOffered,
        classification,
        expected,
      });
    }
  }
  transitionsCache = result;
  return transitionsCache;
}
