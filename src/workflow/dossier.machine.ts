/**
 * The dossier machine, version 1 (DESIGN §4). Pure: it imports nothing from Nest or
 * TypeORM, so unit and model-based tests drive it without a database. Guards read the
 * event (the client's command plus the facts the runner gathered) and the context the
 * machine itself recorded; side effects are declared as `emit` actions that the runner
 * turns into outbox rows after the transition, never executed here.
 */
import { and, assign, setup } from 'xstate';
import type { DecisionOutcome, DossierEvent, Opinion } from './dossier.events.js';
import { isFavourable, requirementsMet } from './dossier.requirements.js';

export const DOSSIER_MACHINE_VERSION = 1;

export interface DossierContext {
  /** Last opinion of the committee, kept to route and to compare the decided amount. */
  opinion: Opinion | null;
  proposedAmountCents: number | null;
  /** Outcome recorded by the élus, which SIGN turns into `approved` or `rejected`. */
  decisionOutcome: Exclude<DecisionOutcome, 'ADJOURNED'> | null;
  decidedAmountCents: number | null;
}

export const initialDossierContext: DossierContext = {
  opinion: null,
  proposedAmountCents: null,
  decisionOutcome: null,
  decidedAmountCents: null,
};

/** Topics of the outbox messages a transition asks for (delivered after commit). */
export type OutboxTopic =
  | 'complements.requested'
  | 'committee.scheduled'
  | 'committee.opinionRecorded'
  | 'decision.recorded'
  | 'decision.signed';

export const dossierMachine = setup({
  types: {
    context: {} as DossierContext,
    events: {} as DossierEvent,
  },
  guards: {
    requirementsMet: ({ event }) => requirementsMet(event),
    sendBackTo: ({ event }, params: { step: string }) => event.type === 'SEND_BACK' && event.toStep === params.step,
    opinionIs: ({ event }, params: { opinion: string }) =>
      event.type === 'RECORD_OPINION' && event.opinion === params.opinion,
    outcomeIs: ({ event }, params: { outcome: string }) =>
      event.type === 'RECORD_DECISION' && event.outcome === params.outcome,
    decidedOutcomeIs: ({ context }, params: { outcome: string }) => context.decisionOutcome === params.outcome,
  },
  actions: {
    // Declared only: the runner reads it from the transition's actions and writes an
    // outbox row in the same database transaction.
    emit: (_args, _params: { topic: OutboxTopic }) => undefined,
    recordOpinion: assign(({ event }) =>
      event.type === 'RECORD_OPINION'
        ? {
            opinion: event.opinion,
            proposedAmountCents: isFavourable(event.opinion) ? (event.proposedAmountCents ?? null) : null,
          }
        : {},
    ),
    recordDecision: assign(({ event }) =>
      event.type === 'RECORD_DECISION' && event.outcome !== 'ADJOURNED'
        ? { decisionOutcome: event.outcome, decidedAmountCents: event.amountCents ?? null }
        : {},
    ),
    clearDecision: assign({ decisionOutcome: null, decidedAmountCents: null }),
  },
}).createMachine({
  id: 'dossier',
  initial: 'draft',
  context: initialDossierContext,
  on: {
    WITHDRAW: { target: '.withdrawn', guard: 'requirementsMet' },
  },
  states: {
    draft: {
      on: {
        SUBMIT: { target: 'instruction', guard: 'requirementsMet' },
        CLOSE: { target: 'closed', guard: 'requirementsMet' },
      },
    },
    instruction: {
      initial: 'activity',
      on: {
        REQUEST_COMPLEMENTS: {
          target: 'awaitingComplements',
          guard: 'requirementsMet',
          actions: { type: 'emit', params: { topic: 'complements.requested' } },
        },
        CLOSE: { target: 'closed', guard: 'requirementsMet' },
      },
      states: {
        activity: {
          on: { COMPLETE_ACTIVITY: { target: 'essPractices', guard: 'requirementsMet' } },
        },
        essPractices: {
          on: {
            COMPLETE_ESS_PRACTICES: { target: 'economic', guard: 'requirementsMet' },
            SEND_BACK: {
              target: 'activity',
              guard: and(['requirementsMet', { type: 'sendBackTo', params: { step: 'activity' } }]),
            },
          },
        },
        economic: {
          on: {
            COMPLETE_ECONOMIC: { target: '#dossier.committee', guard: 'requirementsMet' },
            SEND_BACK: [
              {
                target: 'activity',
                guard: and(['requirementsMet', { type: 'sendBackTo', params: { step: 'activity' } }]),
              },
              {
                target: 'essPractices',
                guard: and(['requirementsMet', { type: 'sendBackTo', params: { step: 'essPractices' } }]),
              },
            ],
          },
        },
        // Where RECEIVE_COMPLEMENTS resumes: the step the dossier left.
        resume: { type: 'history', history: 'deep' },
      },
    },
    awaitingComplements: {
      on: {
        RECEIVE_COMPLEMENTS: { target: 'instruction.resume' },
        CLOSE: { target: 'closed', guard: 'requirementsMet' },
      },
    },
    committee: {
      initial: 'awaitingSession',
      on: {
        CLOSE: { target: 'closed', guard: 'requirementsMet' },
      },
      states: {
        awaitingSession: {
          on: {
            SCHEDULE_COMMITTEE: {
              target: 'scheduled',
              guard: 'requirementsMet',
              actions: { type: 'emit', params: { topic: 'committee.scheduled' } },
            },
          },
        },
        scheduled: {
          on: {
            RECORD_OPINION: [
              {
                target: '#dossier.instruction.economic',
                guard: and(['requirementsMet', { type: 'opinionIs', params: { opinion: 'ADJOURNED' } }]),
                actions: ['recordOpinion', { type: 'emit', params: { topic: 'committee.opinionRecorded' } }],
              },
              {
                target: '#dossier.decision',
                guard: 'requirementsMet',
                actions: ['recordOpinion', { type: 'emit', params: { topic: 'committee.opinionRecorded' } }],
              },
            ],
          },
        },
      },
    },
    decision: {
      initial: 'awaitingDeliberation',
      states: {
        awaitingDeliberation: {
          on: {
            RECORD_DECISION: [
              {
                target: '#dossier.committee.awaitingSession',
                guard: and(['requirementsMet', { type: 'outcomeIs', params: { outcome: 'ADJOURNED' } }]),
                actions: ['clearDecision', { type: 'emit', params: { topic: 'decision.recorded' } }],
              },
              {
                target: 'decided',
                guard: 'requirementsMet',
                actions: ['recordDecision', { type: 'emit', params: { topic: 'decision.recorded' } }],
              },
            ],
          },
        },
        decided: {
          on: {
            SIGN: [
              {
                target: '#dossier.approved',
                guard: and(['requirementsMet', { type: 'decidedOutcomeIs', params: { outcome: 'APPROVED' } }]),
                actions: { type: 'emit', params: { topic: 'decision.signed' } },
              },
              {
                target: '#dossier.rejected',
                guard: and(['requirementsMet', { type: 'decidedOutcomeIs', params: { outcome: 'REJECTED' } }]),
                actions: { type: 'emit', params: { topic: 'decision.signed' } },
              },
            ],
          },
        },
      },
    },
    approved: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
    closed: { type: 'final' },
  },
});

export type DossierMachine = typeof dossierMachine;
