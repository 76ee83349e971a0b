/**
 * The commands a client may send to a dossier (DESIGN §4), and the facts the runner
 * gathers before the machine decides. Pure types and constants: no framework import.
 */
export const INSTRUCTION_STEPS = ['activity', 'essPractices', 'economic'] as const;
export type InstructionStep = (typeof INSTRUCTION_STEPS)[number];

export const OPINIONS = ['FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ADJOURNED'] as const;
export type Opinion = (typeof OPINIONS)[number];

export const DECISION_OUTCOMES = ['APPROVED', 'REJECTED', 'ADJOURNED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The deliberative body: the assembly itself, or its standing committee by delegation. */
export const DECISION_BODIES = ['CONSEIL_DEPARTEMENTAL', 'COMMISSION_PERMANENTE'] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

/** An élu who withdrew from the deliberation (déport); the user id when the élu is a user. */
export interface RecusedElectedOfficial {
  name: string;
  userId?: string;
}

export type DossierCommand =
  | { type: 'SUBMIT' }
  | { type: 'COMPLETE_ACTIVITY' }
  | { type: 'COMPLETE_ESS_PRACTICES' }
  | { type: 'COMPLETE_ECONOMIC' }
  | { type: 'SEND_BACK'; toStep: InstructionStep; reason: string }
  | {
      type: 'REQUEST_COMPLEMENTS';
      reason: string;
      dueDate: string;
      /** Document type codes of the pieces to receive (from the referential). */
      pieces?: string[];
    }
  | { type: 'RECEIVE_COMPLEMENTS' }
  | {
      type: 'SCHEDULE_COMMITTEE';
      /** A session of the committee (UUID). */
      sessionId: string;
      /** Why, when the dossier comes back to the committee (e.g. after the élus adjourned). */
      reason?: string;
    }
  | {
      type: 'RECORD_OPINION';
      opinion: Opinion;
      motivation: string;
      proposedAmountCents?: number;
      /** Number of shares the proposed amount buys; when given, × nominal value = amount. */
      proposedShares?: number;
      /** The conditions of a FAVOURABLE_WITH_CONDITIONS opinion (required then, refused otherwise). */
      conditions?: string;
    }
  | {
      type: 'RECORD_DECISION';
      outcome: DecisionOutcome;
      body: DecisionBody;
      /** The standing committee's delegation (required for COMMISSION_PERMANENTE only). */
      delegationReference?: string;
      /** Date of the sitting, YYYY-MM-DD, not after today. */
      sessionDate: string;
      /** Délibération number, unique across dossiers. */
      deliberation: string;
      amountCents?: number;
      /** Number of shares the amount buys; when given, × nominal value = amount. */
      shares?: number;
      justification?: string;
      recusedElectedOfficials?: RecusedElectedOfficial[];
    }
  | { type: 'SIGN' }
  | { type: 'WITHDRAW'; reason: string }
  | { type: 'CLOSE'; reason: string };

export type DossierEventType = DossierCommand['type'];

export const DOSSIER_EVENT_TYPES = [
  'SUBMIT',
  'COMPLETE_ACTIVITY',
  'COMPLETE_ESS_PRACTICES',
  'COMPLETE_ECONOMIC',
  'SEND_BACK',
  'REQUEST_COMPLEMENTS',
  'RECEIVE_COMPLEMENTS',
  'SCHEDULE_COMMITTEE',
  'RECORD_OPINION',
  'RECORD_DECISION',
  'SIGN',
  'WITHDRAW',
  'CLOSE',
] as const satisfies readonly DossierEventType[];

/** One unmet condition, with the field it concerns and a French message for the user. */
export interface Problem {
  field: string;
  code: string;
  message: string;
}

/**
 * What the feature modules know about the dossier when an event arrives. Each entry is
 * the list of problems that stand in the way (empty = condition met), so that a refusal
 * can say exactly what is missing.
 */
export interface DossierFacts {
  /** Today's date in the département's time zone, YYYY-MM-DD. */
  today: string;
  /** SUBMIT: SCIC identity and request complete and valid. */
  requestValid: Problem[];
  /** COMPLETE_ACTIVITY: step-1 analysis complete with a conclusion. */
  activityComplete: Problem[];
  /** COMPLETE_ESS_PRACTICES: step-2 analysis complete, six markers scored. */
  essPracticesComplete: Problem[];
  /** COMPLETE_ECONOMIC: step-3 analysis complete, plan balanced, instruments given. */
  economicComplete: Problem[];
  /** SCHEDULE_COMMITTEE: the session exists, is today or later, and is not closed. */
  sessionSchedulable: Problem[];
  /** RECORD_OPINION: composition and quorum met for this dossier. */
  committeeQuorum: Problem[];
  /** RECORD_OPINION: when votes were cast, the opinion's direction is the majority's (rule 7). */
  opinionVotes: Problem[];
  /** RECORD_OPINION (favourable): amount rules on the proposed amount. */
  proposedAmount: Problem[];
  /** RECORD_DECISION (approved): amount rules and budget envelope on the decided amount. */
  decidedAmount: Problem[];
  /** RECORD_DECISION: the délibération number is not already another decision's; the sitting is not before the opinion. */
  deliberationAvailable: Problem[];
  /** SIGN: delegation, no declared interest, not recused, envelope still available. */
  signature: Problem[];
  /**
   * REQUEST_COMPLEMENTS: the pieces named are types of the referential. Read as a check
   * of the command (422), but the referential lives in a table, so a module answers it.
   */
  requestedPieces: Problem[];
}

export type FactName = Exclude<keyof DossierFacts, 'today'>;

/**
 * Facts the requirements read as checks of the command (422), not of the dossier (409):
 * a module answers them only because the reference data lives in its tables.
 */
export const PAYLOAD_FACTS: readonly FactName[] = ['requestedPieces'];

/** Facts with every condition met: the neutral element providers start from. */
export function factsAllMet(today: string): DossierFacts {
  return {
    today,
    requestValid: [],
    activityComplete: [],
    essPracticesComplete: [],
    economicComplete: [],
    sessionSchedulable: [],
    committeeQuorum: [],
    opinionVotes: [],
    proposedAmount: [],
    decidedAmount: [],
    deliberationAvailable: [],
    signature: [],
    requestedPieces: [],
  };
}

/** What the machine receives: the client's command plus the facts gathered for it. */
export type DossierEvent = DossierCommand & { facts: DossierFacts };
