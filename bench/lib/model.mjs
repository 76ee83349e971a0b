/**
 * The dossier shapes of the data set, produced by the application's own pure code
 * (dist/): each template is a path of commands from `draft`, decided step by step by
 * `decide()`, so that the stored snapshot, the state and the journal payloads are the
 * ones the application would have written for that path.
 */
import { EVENT_FACTS } from '../../dist/src/workflow/facts.registry.js';
import { factsAllMet } from '../../dist/src/workflow/dossier.events.js';
import { DOSSIER_MACHINE_VERSION } from '../../dist/src/workflow/dossier.machine.js';
import { EVENT_ROLES, decide, initialPersistedSnapshot } from '../../dist/src/workflow/dossier.workflow.js';

export const MACHINE_VERSION = DOSSIER_MACHINE_VERSION;

/** Today + `days`, as the API's due dates are written. */
export function isoDay(days, from = new Date()) {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const TODAY = isoDay(0);
const DUE_DATE = isoDay(45);

const submit = { type: 'SUBMIT' };
const requestComplements = {
  type: 'REQUEST_COMPLEMENTS',
  reason: 'Comptes annuels du dernier exercice et liste des associés par catégorie.',
  dueDate: DUE_DATE,
};
const receiveComplements = { type: 'RECEIVE_COMPLEMENTS' };
const completeActivity = { type: 'COMPLETE_ACTIVITY' };
const completeEss = { type: 'COMPLETE_ESS_PRACTICES' };
const completeEconomic = { type: 'COMPLETE_ECONOMIC' };
// A session is named by its id (a UUID) since the committee module; the facts are all met here.
const schedule = { type: 'SCHEDULE_COMMITTEE', sessionId: '00000000-0000-4000-8000-0000000ce204' };
const favourable = (requested) => ({
  type: 'RECORD_OPINION',
  opinion: 'FAVOURABLE',
  motivation: 'Ancrage territorial solide, gouvernance multi-sociétaires effective, plan de financement équilibré.',
  proposedAmountCents: requested,
});
const unfavourable = () => ({
  type: 'RECORD_OPINION',
  opinion: 'UNFAVOURABLE',
  motivation: 'Le plan de financement ne montre pas la viabilité du projet à trois ans.',
});
const approve = (requested) => ({
  type: 'RECORD_DECISION',
  outcome: 'APPROVED',
  body: 'CONSEIL_DEPARTEMENTAL',
  sessionDate: TODAY,
  deliberation: 'Délibération de la commission permanente CP-2026-117',
  amountCents: requested,
});
const reject = () => ({
  type: 'RECORD_DECISION',
  outcome: 'REJECTED',
  body: 'CONSEIL_DEPARTEMENTAL',
  sessionDate: TODAY,
  deliberation: 'Délibération de la commission permanente CP-2026-118',
});
const sign = { type: 'SIGN' };
const withdraw = { type: 'WITHDRAW', reason: 'La SCIC renonce à sa demande (financement obtenu par ailleurs).' };
const close = { type: 'CLOSE', reason: 'Dossier incomplet sans réponse aux demandes de compléments.' };

const cycles = (count) => Array.from({ length: count }, () => [requestComplements, receiveComplements]).flat();

/**
 * The paths, by final state, with their share of the data set (the rest of the journal
 * length is padded with complement request/receipt cycles, which leave the step as it was).
 * A command may be a function of the requested amount.
 */
const PATHS = [
  { name: 'draft', share: 0.06, path: [] },
  { name: 'instruction.activity', share: 0.2, path: [submit] },
  { name: 'instruction.essPractices', share: 0.1, path: [submit, completeActivity] },
  { name: 'instruction.economic', share: 0.1, path: [submit, completeActivity, completeEss] },
  { name: 'awaitingComplements', share: 0.1, path: [submit, requestComplements], padBefore: 1 },
  {
    name: 'committee.awaitingSession',
    share: 0.08,
    path: [submit, completeActivity, completeEss, completeEconomic],
  },
  {
    name: 'committee.scheduled',
    share: 0.05,
    path: [submit, completeActivity, completeEss, completeEconomic, schedule],
  },
  {
    name: 'decision.awaitingDeliberation',
    share: 0.05,
    path: [submit, completeActivity, completeEss, completeEconomic, schedule, favourable],
  },
  {
    name: 'decision.decided',
    share: 0.03,
    path: [submit, completeActivity, completeEss, completeEconomic, schedule, favourable, approve],
  },
  {
    name: 'approved',
    share: 0.1,
    path: [submit, completeActivity, completeEss, completeEconomic, schedule, favourable, approve, sign],
  },
  {
    name: 'rejected',
    share: 0.04,
    path: [submit, completeActivity, completeEss, completeEconomic, schedule, unfavourable, reject, sign],
  },
  { name: 'withdrawn', share: 0.05, path: [submit, withdraw] },
  { name: 'closed', share: 0.04, path: [submit, close] },
];

/**
 * Builds the templates for a given journal length: every dossier but the drafts gets
 * `entriesPerDossier` entries (creation, its path, and complement cycles after SUBMIT).
 */
export function buildTemplates(entriesPerDossier) {
  const templates = PATHS.map((spec) => {
    if (!spec.path.length) return template(spec, []);
    const free = Math.max(0, entriesPerDossier - 1 - spec.path.length);
    const padding = cycles(Math.floor(free / 2));
    return template(spec, [spec.path[0], ...padding, ...spec.path.slice(1)]);
  });
  return templates;
}

/** A path padded to exactly `entries` journal entries (the 1,000-entry dossier). */
export function longTemplate(entries) {
  // creation + SUBMIT + cycles; an even remainder ends in instruction.activity.
  const free = entries - 2;
  if (free % 2) throw new Error('entries must be even');
  return template({ name: 'instruction.activity', share: 0 }, [submit, ...cycles(free / 2)]);
}

function template(spec, path) {
  // Decide once with a placeholder amount to check the path and learn states and outboxes;
  // per-dossier amounts only change the context and the payloads, never the route.
  const steps = [];
  let { state, snapshot } = initialPersistedSnapshot();
  const facts = factsAllMet(TODAY);
  for (const item of path) {
    const command = typeof item === 'function' ? item(100_000) : item;
    const decision = decide(snapshot, command, facts);
    if (decision.kind !== 'accepted') {
      throw new Error(`Template ${spec.name}: ${command.type} refused in ${state} (${decision.kind})`);
    }
    steps.push({
      make: typeof item === 'function' ? item : () => item,
      type: command.type,
      role: EVENT_ROLES[command.type][0],
      fromState: decision.fromState,
      toState: decision.toState,
      outbox: decision.outbox,
      facts: Object.fromEntries(EVENT_FACTS[command.type].map((name) => [name, facts[name]])),
    });
    state = decision.toState;
    snapshot = decision.snapshot;
  }
  if (state !== spec.name) throw new Error(`Template ${spec.name} ends in ${state}`);
  return { name: spec.name, share: spec.share, state, snapshot, steps, entries: steps.length + 1 };
}

/** The snapshot of a template for a dossier requesting `requested` cents. */
export function snapshotFor(template, requested) {
  const context = template.snapshot.context;
  if (context.proposedAmountCents === null && context.decidedAmountCents === null) return template.snapshot;
  return {
    ...template.snapshot,
    context: {
      ...context,
      proposedAmountCents: context.proposedAmountCents === null ? null : requested,
      decidedAmountCents: context.decidedAmountCents === null ? null : requested,
    },
  };
}

/** The journal payload the runner writes for a step (WorkflowRunner.sendWithin). */
export function transitionPayload(step, command) {
  return {
    event: command,
    fromState: step.fromState,
    toState: step.toState,
    machineVersion: MACHINE_VERSION,
    facts: step.facts,
  };
}

/**
 * The two snapshots a pool dossier alternates between (REQUEST_COMPLEMENTS then
 * RECEIVE_COMPLEMENTS), checked against the machine: the direct-SQL limit writes them
 * without running the machine, as the application would have.
 */
export function complementToggle() {
  const base = longTemplate(4); // creation, SUBMIT, REQUEST, RECEIVE: history is set.
  const facts = factsAllMet(TODAY);
  const away = decide(base.snapshot, requestComplements, facts);
  const back = decide(away.snapshot, receiveComplements, facts);
  const again = decide(back.snapshot, requestComplements, facts);
  if (JSON.stringify(back.snapshot) !== JSON.stringify(base.snapshot)) throw new Error('toggle is not stable');
  if (JSON.stringify(again.snapshot) !== JSON.stringify(away.snapshot)) throw new Error('toggle is not stable');
  const stepOf = (decision, command) => ({
    command,
    fromState: decision.fromState,
    toState: decision.toState,
    outbox: decision.outbox,
    facts: {},
  });
  return {
    activity: { state: base.state, snapshot: base.snapshot },
    awaiting: { state: away.toState, snapshot: away.snapshot },
    request: stepOf(away, requestComplements),
    receive: stepOf(back, receiveComplements),
    requestCommand: requestComplements,
    receiveCommand: receiveComplements,
  };
}
