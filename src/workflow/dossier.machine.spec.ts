/**
 * Scenario-named unit tests of the dossier machine v1 (DESIGN §4) and of the pure
 * workflow helpers around it. No database: snapshots go through `decide()` exactly as
 * the runner stores them (JSON).
 */
import { transition } from 'xstate';
import { Permission, PERMISSION_ROLES } from '../access/permissions.js';
import { ROLES, type Role } from '../common/actor.js';
import {
  DOSSIER_EVENT_TYPES,
  factsAllMet,
  type DossierCommand,
  type DossierEventType,
  type DossierFacts,
  type FactName,
  type Problem,
} from './dossier.events.js';
import { DOSSIER_MACHINE_VERSION, dossierMachine, type OutboxTopic } from './dossier.machine.js';
import {
  EVENT_ROLES,
  eventPermission,
  SNAPSHOT_MIGRATIONS,
  STATE_LABELS,
  allowedEventsFor,
  decide,
  eventsOfState,
  initialPersistedSnapshot,
  migrateSnapshot,
  revive,
  stateName,
  type Decision,
  type PersistedSnapshot,
  type SnapshotMigration,
} from './dossier.workflow.js';

const TODAY = '2026-11-23';
const ALL_MET: DossierFacts = factsAllMet(TODAY);

/** The commands of the scenarios, as a client sends them. */
const C = {
  submit: { type: 'SUBMIT' },
  completeActivity: { type: 'COMPLETE_ACTIVITY' },
  completeEssPractices: { type: 'COMPLETE_ESS_PRACTICES' },
  completeEconomic: { type: 'COMPLETE_ECONOMIC' },
  sendBackToActivity: { type: 'SEND_BACK', toStep: 'activity', reason: 'Indicateurs 2025 manquants.' },
  sendBackToEssPractices: { type: 'SEND_BACK', toStep: 'essPractices', reason: 'Marqueur de gouvernance à revoir.' },
  sendBackToEconomic: { type: 'SEND_BACK', toStep: 'economic', reason: 'Renvoi vers une étape ultérieure.' },
  requestComplements: { type: 'REQUEST_COMPLEMENTS', reason: 'Bilan 2025 certifié.', dueDate: '2026-12-07' },
  receiveComplements: { type: 'RECEIVE_COMPLEMENTS' },
  schedule: { type: 'SCHEDULE_COMMITTEE', sessionId: '5e551017-2026-4c03-8000-000000001203' },
  opinionFavourable: {
    type: 'RECORD_OPINION',
    opinion: 'FAVOURABLE',
    motivation: 'Projet solide, plan de financement équilibré.',
    proposedAmountCents: 5_000_000,
  },
  opinionUnfavourable: {
    type: 'RECORD_OPINION',
    opinion: 'UNFAVOURABLE',
    motivation: 'Modèle économique fragile, fonds propres insuffisants.',
  },
  opinionAdjourned: {
    type: 'RECORD_OPINION',
    opinion: 'ADJOURNED',
    motivation: 'Le comité attend le prévisionnel 2027 actualisé.',
  },
  decisionApproved: {
    type: 'RECORD_DECISION',
    outcome: 'APPROVED',
    body: 'CONSEIL_DEPARTEMENTAL',
    sessionDate: '2026-11-20',
    deliberation: 'CP-2026-12-042',
    amountCents: 4_500_000,
  },
  decisionRejected: {
    type: 'RECORD_DECISION',
    outcome: 'REJECTED',
    body: 'CONSEIL_DEPARTEMENTAL',
    sessionDate: '2026-11-20',
    deliberation: 'CP-2026-12-043',
  },
  decisionAdjourned: {
    type: 'RECORD_DECISION',
    outcome: 'ADJOURNED',
    body: 'CONSEIL_DEPARTEMENTAL',
    sessionDate: '2026-11-20',
    deliberation: 'CP-2026-12-044',
  },
  sign: { type: 'SIGN' },
  withdraw: { type: 'WITHDRAW', reason: 'La SCIC renonce à la participation.' },
  close: { type: 'CLOSE', reason: 'Dossier incomplet depuis plus de six mois.' },
} as const satisfies Record<string, DossierCommand>;

const TO_ECONOMIC: DossierCommand[] = [C.submit, C.completeActivity, C.completeEssPractices];
const TO_SCHEDULED: DossierCommand[] = [...TO_ECONOMIC, C.completeEconomic, C.schedule];
const TO_DELIBERATION: DossierCommand[] = [...TO_SCHEDULED, C.opinionFavourable];

/** A shortest way to each leaf state of the machine. */
const PATH_TO: Record<string, DossierCommand[]> = {
  draft: [],
  'instruction.activity': [C.submit],
  'instruction.essPractices': [C.submit, C.completeActivity],
  'instruction.economic': TO_ECONOMIC,
  awaitingComplements: [C.submit, C.requestComplements],
  'committee.awaitingSession': [...TO_ECONOMIC, C.completeEconomic],
  'committee.scheduled': TO_SCHEDULED,
  'decision.awaitingDeliberation': TO_DELIBERATION,
  'decision.decided': [...TO_DELIBERATION, C.decisionApproved],
  approved: [...TO_DELIBERATION, C.decisionApproved, C.sign],
  rejected: [...TO_DELIBERATION, C.decisionRejected, C.sign],
  withdrawn: [C.withdraw],
  closed: [C.close],
};

const NON_FINAL_STATES = [
  'draft',
  'instruction.activity',
  'instruction.essPractices',
  'instruction.economic',
  'awaitingComplements',
  'committee.awaitingSession',
  'committee.scheduled',
  'decision.awaitingDeliberation',
  'decision.decided',
];
const FINAL_STATES = ['approved', 'rejected', 'withdrawn', 'closed'];

interface Run {
  snapshot: PersistedSnapshot;
  state: string;
  /** The state after each command. */
  states: string[];
  /** The outbox topics of each command. */
  outbox: OutboxTopic[][];
}

/** Stores a snapshot as the database does (JSON column). */
function stored(snapshot: PersistedSnapshot): PersistedSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as PersistedSnapshot;
}

/** Sends each command in turn with every fact met; fails loudly on any refusal. */
function run(commands: readonly DossierCommand[], from: PersistedSnapshot = initialPersistedSnapshot().snapshot): Run {
  let snapshot = stored(from);
  let state = stateName(revive(snapshot));
  const states: string[] = [];
  const outbox: OutboxTopic[][] = [];
  for (const command of commands) {
    const decision = decide(snapshot, command, ALL_MET);
    if (decision.kind !== 'accepted') {
      throw new Error(`${command.type} refused in ${state}: ${JSON.stringify(decision)}`);
    }
    snapshot = stored(decision.snapshot);
    state = decision.toState;
    states.push(state);
    outbox.push(decision.outbox);
  }
  return { snapshot, state, states, outbox };
}

function at(state: string): PersistedSnapshot {
  const reached = run(PATH_TO[state]);
  expect(reached.state).toBe(state);
  return reached.snapshot;
}

function factsWith(fact: FactName, ...problems: Problem[]): DossierFacts {
  return { ...factsAllMet(TODAY), [fact]: problems };
}

function expectAccepted(decision: Decision): Extract<Decision, { kind: 'accepted' }> {
  if (decision.kind !== 'accepted') throw new Error(`Expected accepted, got ${JSON.stringify(decision)}`);
  return decision;
}

describe('dossier machine v1', () => {
  it('carries version 1', () => {
    expect(DOSSIER_MACHINE_VERSION).toBe(1);
    expect(dossierMachine.id).toBe('dossier');
  });

  describe('happy path', () => {
    it('draft → approved: submit, three instruction steps, committee favourable, decision approved, signature', () => {
      const result = run([...TO_DELIBERATION, C.decisionApproved, C.sign]);
      expect(result.states).toEqual([
        'instruction.activity',
        'instruction.essPractices',
        'instruction.economic',
        'committee.awaitingSession',
        'committee.scheduled',
        'decision.awaitingDeliberation',
        'decision.decided',
        'approved',
      ]);
      const final = revive(result.snapshot);
      expect(final.status).toBe('done');
      expect(final.context).toEqual({
        opinion: 'FAVOURABLE',
        proposedAmountCents: 5_000_000,
        decisionOutcome: 'APPROVED',
        decidedAmountCents: 4_500_000,
      });
    });

    it('rejected path: unfavourable opinion, decision rejected, signed → rejected', () => {
      const result = run([...TO_SCHEDULED, C.opinionUnfavourable, C.decisionRejected, C.sign]);
      expect(result.states.slice(-3)).toEqual(['decision.awaitingDeliberation', 'decision.decided', 'rejected']);
      expect(revive(result.snapshot).context).toEqual({
        opinion: 'UNFAVOURABLE',
        proposedAmountCents: null,
        decisionOutcome: 'REJECTED',
        decidedAmountCents: null,
      });
    });

    it('a favourable opinion followed by a rejection is signed as rejected', () => {
      expect(run([...TO_DELIBERATION, C.decisionRejected, C.sign]).state).toBe('rejected');
    });

    it('starts in draft with an empty context', () => {
      const initial = initialPersistedSnapshot();
      expect(initial.state).toBe('draft');
      expect(revive(initial.snapshot).context).toEqual({
        opinion: null,
        proposedAmountCents: null,
        decisionOutcome: null,
        decidedAmountCents: null,
      });
    });
  });

  describe('final states', () => {
    it.each(FINAL_STATES)('%s is reachable and final', (state) => {
      const reached = revive(at(state));
      expect(stateName(reached)).toBe(state);
      expect(reached.status).toBe('done');
    });

    it.each(FINAL_STATES.flatMap((state) => DOSSIER_EVENT_TYPES.map((type) => [state, type] as const)))(
      'nothing is accepted in %s: %s is not allowed',
      (state, type) => {
        const command = Object.values(C).find((candidate) => candidate.type === type) as DossierCommand;
        expect(decide(at(state), command, ALL_MET)).toEqual({
          kind: 'notAllowed',
          currentState: state,
          allowedEvents: [],
        });
      },
    );
  });

  describe('final snapshots and the pure transition()', () => {
    // Canary: XState's pure `transition()` does not look at `status`, so the root-level
    // WITHDRAW still fires on a final snapshot. A runner must go through decide() (which
    // offers nothing once final), never compare states after a bare transition().
    it.each(FINAL_STATES)('XState would take WITHDRAW from %s, decide() refuses it', (state) => {
      const [next] = transition(dossierMachine, revive(at(state)), { ...C.withdraw, facts: ALL_MET });
      expect(stateName(next)).toBe('withdrawn');
      expect(decide(at(state), C.withdraw, ALL_MET)).toEqual({
        kind: 'notAllowed',
        currentState: state,
        allowedEvents: [],
      });
    });
  });

  describe('the table of DESIGN §4: events offered in each state', () => {
    it.each<[string, DossierEventType[]]>([
      ['draft', ['SUBMIT', 'WITHDRAW', 'CLOSE']],
      ['instruction.activity', ['COMPLETE_ACTIVITY', 'REQUEST_COMPLEMENTS', 'WITHDRAW', 'CLOSE']],
      ['instruction.essPractices', ['COMPLETE_ESS_PRACTICES', 'SEND_BACK', 'REQUEST_COMPLEMENTS', 'WITHDRAW', 'CLOSE']],
      ['instruction.economic', ['COMPLETE_ECONOMIC', 'SEND_BACK', 'REQUEST_COMPLEMENTS', 'WITHDRAW', 'CLOSE']],
      ['awaitingComplements', ['RECEIVE_COMPLEMENTS', 'WITHDRAW', 'CLOSE']],
      ['committee.awaitingSession', ['SCHEDULE_COMMITTEE', 'WITHDRAW', 'CLOSE']],
      ['committee.scheduled', ['RECORD_OPINION', 'WITHDRAW', 'CLOSE']],
      ['decision.awaitingDeliberation', ['RECORD_DECISION', 'WITHDRAW']],
      ['decision.decided', ['SIGN', 'WITHDRAW']],
      ['approved', []],
      ['rejected', []],
      ['withdrawn', []],
      ['closed', []],
    ])('%s offers %j', (state, events) => {
      expect(eventsOfState(revive(at(state)))).toEqual(events);
    });
  });

  describe('complements (deep history)', () => {
    it.each([
      ['instruction.activity', [C.submit]],
      ['instruction.essPractices', [C.submit, C.completeActivity]],
      ['instruction.economic', TO_ECONOMIC],
    ] as const)('complements requested at %s resume at that step', (step, path) => {
      const requested = run([...path, C.requestComplements]);
      expect(requested.state).toBe('awaitingComplements');
      const resumed = run([C.receiveComplements], requested.snapshot);
      expect(resumed.state).toBe(step);
    });

    it.each([
      ['activity', [...TO_ECONOMIC, C.sendBackToActivity], 'instruction.activity'],
      ['essPractices', [...TO_ECONOMIC, C.sendBackToEssPractices], 'instruction.essPractices'],
      ['activity from essPractices', [C.submit, C.completeActivity, C.sendBackToActivity], 'instruction.activity'],
    ] as const)('after a send-back to %s, complements resume at the step sent back to', (_label, path, step) => {
      const result = run([...path, C.requestComplements, C.receiveComplements]);
      expect(result.states.slice(-3)).toEqual([step, 'awaitingComplements', step]);
    });

    it('complements requested twice resume each time at the step left', () => {
      const result = run([
        C.submit,
        C.requestComplements,
        C.receiveComplements,
        C.completeActivity,
        C.requestComplements,
        C.receiveComplements,
      ]);
      expect(result.states).toEqual([
        'instruction.activity',
        'awaitingComplements',
        'instruction.activity',
        'instruction.essPractices',
        'awaitingComplements',
        'instruction.essPractices',
      ]);
    });

    it('complements requested after a committee adjournment resume at the economic step', () => {
      const result = run([...TO_SCHEDULED, C.opinionAdjourned, C.requestComplements, C.receiveComplements]);
      expect(result.states.slice(-3)).toEqual(['instruction.economic', 'awaitingComplements', 'instruction.economic']);
    });

    it('the step left survives the JSON round trip of the stored snapshot', () => {
      const requested = run([C.submit, C.completeActivity, C.requestComplements]).snapshot;
      const revived = revive(stored(requested));
      expect(
        Object.fromEntries(Object.entries(revived.historyValue).map(([id, nodes]) => [id, nodes.map((n) => n.id)])),
      ).toEqual({ 'dossier.instruction.resume': ['dossier.instruction.essPractices'] });
      expect(expectAccepted(decide(stored(requested), C.receiveComplements, ALL_MET)).toState).toBe(
        'instruction.essPractices',
      );
    });

    it('RECEIVE_COMPLEMENTS needs no fact: accepted even when every other condition fails', () => {
      const everythingWrong: DossierFacts = {
        ...factsWith('requestValid', { field: 'x', code: 'X', message: 'x' }),
        activityComplete: [{ field: 'x', code: 'X', message: 'x' }],
        economicComplete: [{ field: 'x', code: 'X', message: 'x' }],
      };
      const requested = at('awaitingComplements');
      expect(expectAccepted(decide(requested, C.receiveComplements, everythingWrong)).toState).toBe(
        'instruction.activity',
      );
    });
  });

  describe('send-back', () => {
    it('from economic to activity', () => {
      expect(expectAccepted(decide(at('instruction.economic'), C.sendBackToActivity, ALL_MET)).toState).toBe(
        'instruction.activity',
      );
    });

    it('from economic to essPractices', () => {
      expect(expectAccepted(decide(at('instruction.economic'), C.sendBackToEssPractices, ALL_MET)).toState).toBe(
        'instruction.essPractices',
      );
    });

    it('from essPractices to activity', () => {
      expect(expectAccepted(decide(at('instruction.essPractices'), C.sendBackToActivity, ALL_MET)).toState).toBe(
        'instruction.activity',
      );
    });

    it('then forward again through the steps to the committee', () => {
      const result = run([
        ...TO_ECONOMIC,
        C.sendBackToActivity,
        C.completeActivity,
        C.completeEssPractices,
        C.completeEconomic,
      ]);
      expect(result.state).toBe('committee.awaitingSession');
    });

    it.each([
      [
        'instruction.essPractices',
        'economic',
        C.sendBackToEconomic,
        "Le renvoi doit viser une étape antérieure à l'étape 2 (pratiques d'ESS).",
      ],
      [
        'instruction.essPractices',
        'essPractices',
        C.sendBackToEssPractices,
        "Le renvoi doit viser une étape antérieure à l'étape 2 (pratiques d'ESS).",
      ],
      [
        'instruction.economic',
        'economic',
        C.sendBackToEconomic,
        "Le renvoi doit viser une étape antérieure à l'étape 3 (analyse économique).",
      ],
    ] as const)('refused from %s to a later or the same step (%s)', (state, _target, command, message) => {
      expect(decide(at(state), command, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: state,
        problems: [{ field: 'toStep', code: 'SEND_BACK_NOT_EARLIER', message }],
      });
    });

    it('not offered at the first step (nothing earlier)', () => {
      const decision = decide(at('instruction.activity'), C.sendBackToActivity, ALL_MET);
      expect(decision.kind).toBe('notAllowed');
    });

    it('refused without a reason', () => {
      expect(decide(at('instruction.economic'), { ...C.sendBackToActivity, reason: ' \t ' }, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'instruction.economic',
        problems: [{ field: 'reason', code: 'REQUIRED', message: 'Le motif du renvoi est obligatoire.' }],
      });
    });
  });

  describe('committee adjournment', () => {
    it('RECORD_OPINION ADJOURNED returns to instruction.economic, then forward again to a new opinion', () => {
      const adjourned = run([...TO_SCHEDULED, C.opinionAdjourned]);
      expect(adjourned.state).toBe('instruction.economic');
      expect(adjourned.outbox.at(-1)).toEqual(['committee.opinionRecorded']);
      expect(revive(adjourned.snapshot).context.opinion).toBe('ADJOURNED');

      const again = run([C.completeEconomic, C.schedule, C.opinionFavourable], adjourned.snapshot);
      expect(again.states).toEqual([
        'committee.awaitingSession',
        'committee.scheduled',
        'decision.awaitingDeliberation',
      ]);
      expect(revive(again.snapshot).context).toMatchObject({ opinion: 'FAVOURABLE', proposedAmountCents: 5_000_000 });
    });

    it('RECORD_DECISION ADJOURNED returns to committee.awaitingSession, then the dossier is rescheduled', () => {
      const adjourned = run([...TO_DELIBERATION, C.decisionAdjourned]);
      expect(adjourned.state).toBe('committee.awaitingSession');
      expect(adjourned.outbox.at(-1)).toEqual(['decision.recorded']);
      expect(revive(adjourned.snapshot).context).toMatchObject({ decisionOutcome: null, decidedAmountCents: null });

      const rescheduled = run([C.schedule, C.opinionFavourable, C.decisionApproved, C.sign], adjourned.snapshot);
      expect(rescheduled.states).toEqual([
        'committee.scheduled',
        'decision.awaitingDeliberation',
        'decision.decided',
        'approved',
      ]);
      expect(rescheduled.outbox[0]).toEqual(['committee.scheduled']);
    });

    it('an adjourned opinion needs no amount but a motivation', () => {
      expect(decide(at('committee.scheduled'), { ...C.opinionAdjourned, motivation: 'Trop court.' }, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'committee.scheduled',
        problems: [
          {
            field: 'motivation',
            code: 'MOTIVATION_TOO_SHORT',
            message: "L'avis doit être motivé (au moins 20 caractères).",
          },
        ],
      });
    });
  });

  describe('CLOSE (classement sans suite)', () => {
    it.each(NON_FINAL_STATES.filter((state) => !state.startsWith('decision.')))(
      'allowed before the decision, from %s',
      (state) => {
        const decision = expectAccepted(decide(at(state), C.close, ALL_MET));
        expect(decision.toState).toBe('closed');
        expect(decision.outbox).toEqual([]);
      },
    );

    it.each(['decision.awaitingDeliberation', 'decision.decided'])('refused in %s', (state) => {
      const decision = decide(at(state), C.close, ALL_MET);
      expect(decision.kind).toBe('notAllowed');
      if (decision.kind === 'notAllowed') expect(decision.allowedEvents).not.toContain('CLOSE');
    });

    it('refused without a reason', () => {
      expect(decide(at('draft'), { type: 'CLOSE', reason: '' }, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'draft',
        problems: [
          { field: 'reason', code: 'REQUIRED', message: 'Le motif du classement sans suite est obligatoire.' },
        ],
      });
    });
  });

  describe('WITHDRAW (désistement)', () => {
    it.each(NON_FINAL_STATES)('allowed from %s', (state) => {
      expect(expectAccepted(decide(at(state), C.withdraw, ALL_MET)).toState).toBe('withdrawn');
    });

    it('refused without a reason', () => {
      expect(decide(at('decision.decided'), { type: 'WITHDRAW', reason: '   ' }, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'decision.decided',
        problems: [{ field: 'reason', code: 'REQUIRED', message: 'Le motif du désistement est obligatoire.' }],
      });
    });
  });

  describe('outbox', () => {
    it.each<[OutboxTopic, string, string, DossierCommand]>([
      ['complements.requested', 'instruction.activity', 'requestComplements', C.requestComplements],
      ['complements.requested', 'instruction.economic', 'requestComplements', C.requestComplements],
      ['committee.scheduled', 'committee.awaitingSession', 'schedule', C.schedule],
      ['committee.opinionRecorded', 'committee.scheduled', 'opinionFavourable', C.opinionFavourable],
      ['committee.opinionRecorded', 'committee.scheduled', 'opinionUnfavourable', C.opinionUnfavourable],
      ['committee.opinionRecorded', 'committee.scheduled', 'opinionAdjourned', C.opinionAdjourned],
      ['decision.recorded', 'decision.awaitingDeliberation', 'decisionApproved', C.decisionApproved],
      ['decision.recorded', 'decision.awaitingDeliberation', 'decisionRejected', C.decisionRejected],
      ['decision.recorded', 'decision.awaitingDeliberation', 'decisionAdjourned', C.decisionAdjourned],
      ['decision.signed', 'decision.decided', 'sign', C.sign],
    ])('%s is emitted from %s by %s', (topic, state, _label, command) => {
      expect(expectAccepted(decide(at(state), command, ALL_MET)).outbox).toEqual([topic]);
    });

    it('signing a rejection also emits decision.signed', () => {
      const decided = run([...TO_DELIBERATION, C.decisionRejected]).snapshot;
      expect(expectAccepted(decide(decided, C.sign, ALL_MET)).outbox).toEqual(['decision.signed']);
    });

    it.each<[string, string, DossierCommand]>([
      ['draft', 'submit', C.submit],
      ['instruction.activity', 'completeActivity', C.completeActivity],
      ['instruction.essPractices', 'completeEssPractices', C.completeEssPractices],
      ['instruction.economic', 'completeEconomic', C.completeEconomic],
      ['instruction.economic', 'sendBackToActivity', C.sendBackToActivity],
      ['awaitingComplements', 'receiveComplements', C.receiveComplements],
      ['committee.scheduled', 'withdraw', C.withdraw],
    ])('nothing is emitted from %s by %s', (state, _label, command) => {
      expect(expectAccepted(decide(at(state), command, ALL_MET)).outbox).toEqual([]);
    });
  });

  describe('decide() refusals', () => {
    it('notAllowed names the current state and the events it offers', () => {
      expect(decide(at('draft'), C.sign, ALL_MET)).toEqual({
        kind: 'notAllowed',
        currentState: 'draft',
        allowedEvents: ['SUBMIT', 'WITHDRAW', 'CLOSE'],
      });
    });

    it('invalidCommand lists every problem of the command, with its field and a French message', () => {
      const command: DossierCommand = { type: 'REQUEST_COMPLEMENTS', reason: '', dueDate: '2026-11-01' };
      expect(decide(at('instruction.activity'), command, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'instruction.activity',
        problems: [
          { field: 'reason', code: 'REQUIRED', message: 'La liste des compléments demandés est obligatoire.' },
          {
            field: 'dueDate',
            code: 'DUE_DATE_NOT_FUTURE',
            message: "La date d'échéance doit être postérieure à aujourd'hui.",
          },
        ],
      });
    });

    it.each([
      ['today', TODAY, 'DUE_DATE_NOT_FUTURE'],
      ['not a date', '07/12/2026', 'INVALID_DATE'],
      ['an impossible date', '2027-02-30', 'INVALID_DATE'],
    ])('a due date that is %s is refused', (_label, dueDate, code) => {
      const decision = decide(at('instruction.activity'), { ...C.requestComplements, dueDate }, ALL_MET);
      expect(decision).toMatchObject({ kind: 'invalidCommand', problems: [{ field: 'dueDate', code }] });
    });

    it('a complements request naming a piece the referential does not know is a command error', () => {
      const unknown = { field: 'pieces', code: 'UNKNOWN_DOCUMENT_TYPE', message: 'Type de pièce inconnu : BILAN.' };
      const command: DossierCommand = { ...C.requestComplements, pieces: ['STATUTS', 'BILAN'] };
      expect(decide(at('instruction.activity'), command, factsWith('requestedPieces', unknown))).toMatchObject({
        kind: 'invalidCommand',
        problems: [unknown],
      });
      expect(decide(at('instruction.activity'), command, ALL_MET).kind).toBe('accepted');
    });

    it('the day after today is a valid due date', () => {
      const decision = decide(at('instruction.activity'), { ...C.requestComplements, dueDate: '2026-11-24' }, ALL_MET);
      expect(decision.kind).toBe('accepted');
    });

    it('invalidCommand: a favourable opinion needs a motivation and a proposed amount, a conditional one its conditions', () => {
      const command: DossierCommand = {
        type: 'RECORD_OPINION',
        opinion: 'FAVOURABLE_WITH_CONDITIONS',
        motivation: 'Oui.',
      };
      expect(decide(at('committee.scheduled'), command, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'committee.scheduled',
        problems: [
          {
            field: 'motivation',
            code: 'MOTIVATION_TOO_SHORT',
            message: "L'avis doit être motivé (au moins 20 caractères).",
          },
          { field: 'proposedAmountCents', code: 'REQUIRED', message: 'Un avis favorable propose un montant.' },
          { field: 'conditions', code: 'REQUIRED', message: 'L’énoncé des conditions est obligatoire.' },
        ],
      });
    });

    it.each([
      ['padded with spaces', `Oui.${' '.repeat(30)}`],
      ['padded with tabs and new lines', `\t\n  Avis favorable.  \n\t${'\n'.repeat(10)}`],
      ['padded with no-break spaces', `\u00a0\u00a0Oui, sans réserve.\u00a0\u00a0\u00a0`],
    ])('a motivation %s to reach the length is still too short', (_scenario, motivation) => {
      const command: DossierCommand = { type: 'RECORD_OPINION', opinion: 'ADJOURNED', motivation };
      expect(motivation.length).toBeGreaterThanOrEqual(20);
      expect(decide(at('committee.scheduled'), command, ALL_MET)).toMatchObject({
        kind: 'invalidCommand',
        problems: [expect.objectContaining({ field: 'motivation', code: 'MOTIVATION_TOO_SHORT' })],
      });
    });

    it.each<[string, Partial<DossierCommand>, string, string]>([
      [
        'conditions with an unconditional opinion',
        { opinion: 'FAVOURABLE', conditions: 'Aucune.' },
        'conditions',
        'CONDITIONS_ONLY_WHEN_CONDITIONAL',
      ],
      ['blank conditions', { opinion: 'FAVOURABLE_WITH_CONDITIONS', conditions: '  ' }, 'conditions', 'REQUIRED'],
      [
        'a number of shares without an amount',
        { opinion: 'UNFAVOURABLE', proposedAmountCents: undefined, proposedShares: 10 },
        'proposedShares',
        'SHARES_ONLY_WITH_AMOUNT',
      ],
    ])('invalidCommand: %s', (_case, change, field, code) => {
      const command = {
        type: 'RECORD_OPINION',
        opinion: 'FAVOURABLE',
        motivation: 'Projet solide, plan de financement équilibré.',
        proposedAmountCents: 5_000_000,
        ...change,
      } as DossierCommand;
      expect(decide(at('committee.scheduled'), command, ALL_MET)).toMatchObject({
        kind: 'invalidCommand',
        problems: [{ field, code }],
      });
    });

    it('a conditional opinion with its conditions and shares is accepted', () => {
      const command: DossierCommand = {
        type: 'RECORD_OPINION',
        opinion: 'FAVOURABLE_WITH_CONDITIONS',
        motivation: 'Projet solide, plan de financement équilibré.',
        proposedAmountCents: 5_000_000,
        proposedShares: 500,
        conditions: 'Libération des parts après la révision coopérative.',
      };
      expect(decide(at('committee.scheduled'), command, ALL_MET).kind).toBe('accepted');
    });

    it.each<[string, Partial<Extract<DossierCommand, { type: 'SCHEDULE_COMMITTEE' }>>, string, string]>([
      ['a blank re-scheduling reason', { reason: ' ' }, 'reason', 'BLANK'],
      ['a session id that is not a UUID', { sessionId: 'seance-de-decembre' }, 'sessionId', 'INVALID_SESSION_ID'],
      ['no session', { sessionId: ' ' }, 'sessionId', 'REQUIRED'],
    ])('invalidCommand: %s', (_case, change, field, code) => {
      const command: DossierCommand = { ...C.schedule, ...change } as DossierCommand;
      expect(decide(at('committee.awaitingSession'), command, ALL_MET)).toMatchObject({
        kind: 'invalidCommand',
        problems: [{ field, code }],
      });
    });

    it('invalidCommand: an approval needs a deliberation number and an amount', () => {
      const command: DossierCommand = {
        type: 'RECORD_DECISION',
        outcome: 'APPROVED',
        body: 'CONSEIL_DEPARTEMENTAL',
        sessionDate: '2026-11-20',
        deliberation: ' ',
      };
      expect(decide(at('decision.awaitingDeliberation'), command, ALL_MET)).toEqual({
        kind: 'invalidCommand',
        currentState: 'decision.awaitingDeliberation',
        problems: [
          { field: 'deliberation', code: 'REQUIRED', message: '« Numéro de délibération » est obligatoire.' },
          { field: 'amountCents', code: 'REQUIRED', message: 'Une décision favorable fixe un montant.' },
        ],
      });
    });

    it('invalidCommand: a schedule needs a session', () => {
      expect(
        decide(at('committee.awaitingSession'), { type: 'SCHEDULE_COMMITTEE', sessionId: '' }, ALL_MET),
      ).toMatchObject({
        kind: 'invalidCommand',
        problems: [{ field: 'sessionId', code: 'REQUIRED', message: 'La séance du comité est obligatoire.' }],
      });
    });

    const twoProblems: Problem[] = [
      { field: 'conclusion', code: 'REQUIRED', message: "La conclusion de l'étape 1 est obligatoire." },
      { field: 'indicators.jobs', code: 'REQUIRED', message: "L'indicateur d'emplois est obligatoire." },
    ];

    it.each<[FactName, string, string, DossierCommand]>([
      ['requestValid', 'draft', 'submit', C.submit],
      ['activityComplete', 'instruction.activity', 'completeActivity', C.completeActivity],
      ['essPracticesComplete', 'instruction.essPractices', 'completeEssPractices', C.completeEssPractices],
      ['economicComplete', 'instruction.economic', 'completeEconomic', C.completeEconomic],
      ['sessionSchedulable', 'committee.awaitingSession', 'schedule', C.schedule],
      ['committeeQuorum', 'committee.scheduled', 'opinionFavourable', C.opinionFavourable],
      ['committeeQuorum', 'committee.scheduled', 'opinionUnfavourable', C.opinionUnfavourable],
      ['committeeQuorum', 'committee.scheduled', 'opinionAdjourned', C.opinionAdjourned],
      ['opinionVotes', 'committee.scheduled', 'opinionUnfavourable', C.opinionUnfavourable],
      ['opinionVotes', 'committee.scheduled', 'opinionAdjourned', C.opinionAdjourned],
      ['proposedAmount', 'committee.scheduled', 'opinionFavourable', C.opinionFavourable],
      ['decidedAmount', 'decision.awaitingDeliberation', 'decisionApproved', C.decisionApproved],
      ['deliberationAvailable', 'decision.awaitingDeliberation', 'decisionApproved', C.decisionApproved],
      ['deliberationAvailable', 'decision.awaitingDeliberation', 'decisionRejected', C.decisionRejected],
      ['signature', 'decision.decided', 'sign', C.sign],
    ])('conditionsNotMet returns the problems of %s (from %s, %s)', (fact, state, _label, command) => {
      expect(decide(at(state), command, factsWith(fact, ...twoProblems))).toEqual({
        kind: 'conditionsNotMet',
        currentState: state,
        problems: twoProblems,
      });
    });

    it('conditionsNotMet: a favourable opinion returns the quorum and the amount problems together', () => {
      const quorum: Problem = { field: 'attendance', code: 'QUORUM_NOT_MET', message: "Le quorum n'est pas atteint." };
      const amount: Problem = {
        field: 'proposedAmountCents',
        code: 'ABOVE_CEILING',
        message: 'Le montant dépasse le plafond.',
      };
      const facts: DossierFacts = { ...ALL_MET, committeeQuorum: [quorum], proposedAmount: [amount] };
      expect(decide(at('committee.scheduled'), C.opinionFavourable, facts)).toMatchObject({
        kind: 'conditionsNotMet',
        problems: [quorum, amount],
      });
    });

    it.each<[string, FactName, string, DossierCommand, string]>([
      [
        'an unfavourable opinion ignores the proposed amount rules',
        'proposedAmount',
        'committee.scheduled',
        C.opinionUnfavourable,
        'decision.awaitingDeliberation',
      ],
      [
        'an adjourned opinion ignores the proposed amount rules',
        'proposedAmount',
        'committee.scheduled',
        C.opinionAdjourned,
        'instruction.economic',
      ],
      [
        'a rejection ignores the decided amount rules',
        'decidedAmount',
        'decision.awaitingDeliberation',
        C.decisionRejected,
        'decision.decided',
      ],
      [
        'an adjourned decision ignores the decided amount rules',
        'decidedAmount',
        'decision.awaitingDeliberation',
        C.decisionAdjourned,
        'committee.awaitingSession',
      ],
      ['a withdrawal ignores the signature', 'signature', 'decision.decided', C.withdraw, 'withdrawn'],
      [
        "a step ignores another step's analysis",
        'economicComplete',
        'instruction.activity',
        C.completeActivity,
        'instruction.essPractices',
      ],
    ])('%s', (_label, fact, state, command, toState) => {
      const facts = factsWith(fact, { field: 'x', code: 'X', message: 'Sans rapport.' });
      expect(expectAccepted(decide(at(state), command, facts)).toState).toBe(toState);
    });

    it('a wrong command is reported before unmet conditions (422 before 409)', () => {
      const facts = factsWith('committeeQuorum', { field: 'attendance', code: 'QUORUM_NOT_MET', message: 'Quorum.' });
      expect(decide(at('committee.scheduled'), { ...C.opinionFavourable, motivation: '' }, facts).kind).toBe(
        'invalidCommand',
      );
    });

    it('is pure: the stored snapshot is left untouched and the same inputs give the same answer', () => {
      const snapshot = at('instruction.economic');
      const copy = stored(snapshot);
      const first = decide(snapshot, C.sendBackToEssPractices, ALL_MET);
      const second = decide(snapshot, C.sendBackToEssPractices, ALL_MET);
      expect(snapshot).toEqual(copy);
      expect(second).toEqual(first);
    });
  });

  describe('allowedEventsFor (roles of EVENT_ROLES)', () => {
    it.each<[string, Role[], DossierEventType[]]>([
      ['draft', ['instructor'], ['SUBMIT', 'WITHDRAW', 'CLOSE']],
      [
        'instruction.economic',
        ['instructor'],
        ['COMPLETE_ECONOMIC', 'SEND_BACK', 'REQUEST_COMPLEMENTS', 'WITHDRAW', 'CLOSE'],
      ],
      ['committee.scheduled', ['instructor'], ['WITHDRAW', 'CLOSE']],
      ['committee.scheduled', ['committee_secretary'], ['RECORD_OPINION']],
      ['committee.scheduled', ['committee_member'], []],
      ['decision.awaitingDeliberation', ['elected_official'], ['RECORD_DECISION']],
      ['decision.awaitingDeliberation', ['instructor'], ['WITHDRAW']],
      ['decision.decided', ['elected_official'], ['SIGN']],
      ['decision.decided', ['instructor', 'elected_official'], ['SIGN', 'WITHDRAW']],
      ['instruction.activity', ['viewer'], []],
      ['instruction.activity', ['admin'], []],
      ['instruction.activity', [], []],
      ['approved', ['instructor', 'elected_official'], []],
    ])('in %s, %j may send %j', (state, roles, events) => {
      expect(allowedEventsFor(revive(at(state)), roles)).toEqual(events);
    });

    it.each(Object.keys(PATH_TO).flatMap((state) => ROLES.map((role) => [state, role] as const)))(
      'in %s, %s gets exactly the offered events its role may send',
      (state, role) => {
        const snapshot = revive(at(state));
        const expected = eventsOfState(snapshot).filter((type) => EVENT_ROLES[type].includes(role));
        expect(allowedEventsFor(snapshot, [role])).toEqual(expected);
      },
    );

    it('every event type has at least one role', () => {
      for (const type of DOSSIER_EVENT_TYPES) expect(EVENT_ROLES[type].length).toBeGreaterThan(0);
    });

    it('reads the "who" column of DESIGN §4 from the permission map, one permission per event', () => {
      expect(EVENT_ROLES).toEqual({
        SUBMIT: ['instructor'],
        COMPLETE_ACTIVITY: ['instructor'],
        COMPLETE_ESS_PRACTICES: ['instructor'],
        COMPLETE_ECONOMIC: ['instructor'],
        SEND_BACK: ['instructor'],
        REQUEST_COMPLEMENTS: ['instructor'],
        RECEIVE_COMPLEMENTS: ['instructor'],
        SCHEDULE_COMMITTEE: ['instructor'],
        RECORD_OPINION: ['committee_secretary'],
        RECORD_DECISION: ['elected_official'],
        SIGN: ['elected_official'],
        WITHDRAW: ['instructor'],
        CLOSE: ['instructor'],
      });
      for (const type of DOSSIER_EVENT_TYPES) {
        expect(EVENT_ROLES[type]).toBe(PERMISSION_ROLES[eventPermission(type)]);
      }
      // Sending events at all is open to exactly the roles that may send one of them.
      expect([...PERMISSION_ROLES[Permission.DossierEventSend]].sort()).toEqual([
        'committee_secretary',
        'elected_official',
        'instructor',
      ]);
    });
  });

  describe('STATE_LABELS', () => {
    it.each(Object.keys(PATH_TO))('%s has a French label', (state) => {
      expect(STATE_LABELS[state]).toEqual(expect.stringMatching(/\S/));
    });

    it('labels no state the machine does not have', () => {
      expect(Object.keys(STATE_LABELS).sort()).toEqual(Object.keys(PATH_TO).sort());
    });
  });

  describe('persisted snapshots', () => {
    it.each(Object.keys(PATH_TO))(
      'the snapshot of %s is JSON round-trippable and revives to the same state',
      (state) => {
        const snapshot = run(PATH_TO[state]).snapshot;
        const roundTripped = JSON.parse(JSON.stringify(snapshot)) as PersistedSnapshot;
        expect(roundTripped).toEqual(snapshot);
        const revived = revive(roundTripped);
        expect(stateName(revived)).toBe(state);
        expect(dossierMachine.getPersistedSnapshot(revived)).toEqual(snapshot);
      },
    );

    it('revive keeps the history: the step left is remembered through storage', () => {
      const snapshot = run([...TO_ECONOMIC, C.sendBackToEssPractices, C.requestComplements]).snapshot;
      expect(snapshot.historyValue).toEqual({
        'dossier.instruction.resume': [{ id: 'dossier.instruction.essPractices' }],
      });
      const revived = revive(stored(snapshot));
      expect(revived.historyValue['dossier.instruction.resume'].map((node) => node.id)).toEqual([
        'dossier.instruction.essPractices',
      ]);
    });

    it('the initial persisted snapshot is stable', () => {
      expect(initialPersistedSnapshot()).toEqual(initialPersistedSnapshot());
      expect(stored(initialPersistedSnapshot().snapshot)).toEqual(initialPersistedSnapshot().snapshot);
    });
  });

  describe('migrateSnapshot', () => {
    interface V1Context {
      proposedAmountCents: number | null;
      [field: string]: unknown;
    }

    /** A fake version 2 that renames `proposedAmountCents` to `committeeProposedAmountCents`. */
    const renameProposedAmount: SnapshotMigration = (snapshot) => {
      const { proposedAmountCents, ...rest } = snapshot.context as V1Context;
      return { ...snapshot, context: { ...rest, committeeProposedAmountCents: proposedAmountCents } };
    };
    const addVersion3Marker: SnapshotMigration = (snapshot) => ({
      ...snapshot,
      context: { ...(snapshot.context as object), v3: true },
    });
    const FAKE_MIGRATIONS: Record<number, SnapshotMigration> = { 1: renameProposedAmount };

    it('upgrades a version-1 snapshot with the version-2 migration', () => {
      const v1 = run(TO_DELIBERATION).snapshot;
      const copy = stored(v1);
      const v2 = migrateSnapshot(v1, 1, 2, FAKE_MIGRATIONS);
      expect(v2.context).toEqual({
        opinion: 'FAVOURABLE',
        committeeProposedAmountCents: 5_000_000,
        decisionOutcome: null,
        decidedAmountCents: null,
      });
      expect(v2.value).toEqual(v1.value);
      expect(v2.historyValue).toEqual(v1.historyValue);
      expect(v1).toEqual(copy);
    });

    it('applies the migrations one version at a time, in order', () => {
      const v1 = run(TO_DELIBERATION).snapshot;
      const v3 = migrateSnapshot(v1, 1, 3, { 1: renameProposedAmount, 2: addVersion3Marker });
      expect(v3.context).toMatchObject({ committeeProposedAmountCents: 5_000_000, v3: true });
    });

    it('leaves a snapshot of the current version as it is', () => {
      const snapshot = run(TO_DELIBERATION).snapshot;
      expect(migrateSnapshot(snapshot, DOSSIER_MACHINE_VERSION)).toBe(snapshot);
      expect(migrateSnapshot(snapshot, 2, 2, FAKE_MIGRATIONS)).toBe(snapshot);
    });

    it('refuses a snapshot newer than the machine', () => {
      expect(() => migrateSnapshot(initialPersistedSnapshot().snapshot, 3, 2, FAKE_MIGRATIONS)).toThrow(
        'Snapshot version 3 is newer than the machine (2).',
      );
      expect(() => migrateSnapshot(initialPersistedSnapshot().snapshot, DOSSIER_MACHINE_VERSION + 1)).toThrow(/newer/);
    });

    it('refuses when a step of the chain is missing', () => {
      expect(() => migrateSnapshot(initialPersistedSnapshot().snapshot, 1, 3, FAKE_MIGRATIONS)).toThrow(
        'No snapshot migration from machine version 2.',
      );
    });

    it('the shipped table has a migration for every version before the current one', () => {
      for (let version = 1; version < DOSSIER_MACHINE_VERSION; version++) {
        expect(SNAPSHOT_MIGRATIONS[version]).toBeInstanceOf(Function);
      }
      const migrated = migrateSnapshot(initialPersistedSnapshot().snapshot, 1);
      expect(stateName(revive(migrated))).toBe('draft');
    });
  });
});
