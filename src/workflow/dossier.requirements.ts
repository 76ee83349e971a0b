/**
 * The conditions of each event (the "guard" column of DESIGN §4), as pure functions:
 * the machine's guards pass when they return no problem, and the runner returns the same
 * problems in a refusal so the user reads what is missing.
 */
import { INSTRUCTION_STEPS, type DossierEvent, type InstructionStep, type Problem } from './dossier.events.js';
import { isCalendarDate } from '../common/calendar-date.js';

/** A motivation shorter than this is not a reasoned opinion (DOMAIN rule 7). */
export const MIN_MOTIVATION_LENGTH = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STEP_LABELS: Record<InstructionStep, string> = {
  activity: "l'étape 1 (activité)",
  essPractices: "l'étape 2 (pratiques d'ESS)",
  economic: "l'étape 3 (analyse économique)",
};

function required(value: string | undefined, field: string, label: string): Problem[] {
  return value !== undefined && value.trim().length > 0
    ? []
    : [{ field, code: 'REQUIRED', message: `${label} est obligatoire.` }];
}

export function isFavourable(opinion: string): boolean {
  return opinion === 'FAVOURABLE' || opinion === 'FAVOURABLE_WITH_CONDITIONS';
}

/**
 * Problems in what the client sent (blank reason, past due date, send-back target not
 * earlier, short motivation, missing amount): a validation error for the API (422).
 * `currentStep` is the instruction step the dossier is at, used to explain a send-back.
 */
export function payloadProblems(event: DossierEvent, currentStep?: InstructionStep): Problem[] {
  switch (event.type) {
    case 'SEND_BACK':
      return sendBackProblems(event, currentStep);
    case 'REQUEST_COMPLEMENTS':
      return complementRequestProblems(event);
    case 'SCHEDULE_COMMITTEE':
      return schedulingProblems(event);
    case 'RECORD_OPINION':
      return opinionPayloadProblems(event);
    case 'RECORD_DECISION':
      return decisionPayloadProblems(event);
    case 'WITHDRAW':
      return required(event.reason, 'reason', 'Le motif du désistement');
    case 'CLOSE':
      return required(event.reason, 'reason', 'Le motif du classement sans suite');
    default:
      return [];
  }
}

type EventOf<T extends DossierEvent['type']> = Extract<DossierEvent, { type: T }>;

/** A send-back names its reason and a step before the one the dossier is at. */
function sendBackProblems(event: EventOf<'SEND_BACK'>, currentStep?: InstructionStep): Problem[] {
  const problems = required(event.reason, 'reason', 'Le motif du renvoi');
  if (currentStep !== undefined && INSTRUCTION_STEPS.indexOf(event.toStep) >= INSTRUCTION_STEPS.indexOf(currentStep)) {
    problems.push({
      field: 'toStep',
      code: 'SEND_BACK_NOT_EARLIER',
      message: `Le renvoi doit viser une étape antérieure à ${STEP_LABELS[currentStep]}.`,
    });
  }
  return problems;
}

/** A complement request lists what is missing and gives the SCIC a future due date. */
function complementRequestProblems(event: EventOf<'REQUEST_COMPLEMENTS'>): Problem[] {
  const problems = required(event.reason, 'reason', 'La liste des compléments demandés');
  if (!isCalendarDate(event.dueDate ?? '')) {
    problems.push({
      field: 'dueDate',
      code: 'INVALID_DATE',
      message: "La date d'échéance n'est pas une date valide (AAAA-MM-JJ).",
    });
  } else if (event.dueDate <= event.facts.today) {
    problems.push({
      field: 'dueDate',
      code: 'DUE_DATE_NOT_FUTURE',
      message: "La date d'échéance doit être postérieure à aujourd'hui.",
    });
  }
  // Unknown piece codes, as the documents referential reported them.
  return [...problems, ...(event.facts.requestedPieces ?? [])];
}

/** Scheduling names a committee session by its id; an optional reason is not blank. */
function schedulingProblems(event: EventOf<'SCHEDULE_COMMITTEE'>): Problem[] {
  const problems = required(event.sessionId, 'sessionId', 'La séance du comité');
  if (!problems.length && !UUID.test(event.sessionId)) {
    problems.push({
      field: 'sessionId',
      code: 'INVALID_SESSION_ID',
      message: 'La séance doit être désignée par son identifiant (UUID, voir les séances du comité).',
    });
  }
  if (event.reason !== undefined && !event.reason.trim()) {
    problems.push({ field: 'reason', code: 'BLANK', message: 'Le motif, s’il est donné, ne peut pas être vide.' });
  }
  return problems;
}

/** The committee's opinion: motivated, and an amount, shares and conditions only where they fit. */
function opinionPayloadProblems(event: EventOf<'RECORD_OPINION'>): Problem[] {
  const problems: Problem[] = [];
  if ((event.motivation ?? '').trim().length < MIN_MOTIVATION_LENGTH) {
    problems.push({
      field: 'motivation',
      code: 'MOTIVATION_TOO_SHORT',
      message: `L'avis doit être motivé (au moins ${MIN_MOTIVATION_LENGTH} caractères).`,
    });
  }
  if (isFavourable(event.opinion) && event.proposedAmountCents === undefined) {
    problems.push({
      field: 'proposedAmountCents',
      code: 'REQUIRED',
      message: 'Un avis favorable propose un montant.',
    });
  }
  if (!isFavourable(event.opinion) && event.proposedAmountCents !== undefined) {
    // An amount nobody checked must not later frame the élus' decision.
    problems.push({
      field: 'proposedAmountCents',
      code: 'AMOUNT_ONLY_WHEN_FAVOURABLE',
      message: 'Seul un avis favorable propose un montant.',
    });
  }
  if (event.proposedShares !== undefined && event.proposedAmountCents === undefined) {
    problems.push({
      field: 'proposedShares',
      code: 'SHARES_ONLY_WITH_AMOUNT',
      message: 'Un nombre de parts accompagne un montant proposé.',
    });
  }
  if (event.opinion === 'FAVOURABLE_WITH_CONDITIONS') {
    problems.push(...required(event.conditions, 'conditions', 'L’énoncé des conditions'));
  } else if (event.conditions !== undefined) {
    problems.push({
      field: 'conditions',
      code: 'CONDITIONS_ONLY_WHEN_CONDITIONAL',
      message: 'Seul un avis favorable sous conditions énonce des conditions.',
    });
  }
  return problems;
}

/** The élus' decision as the clerk typed it (DOMAIN step 5). */
function decisionPayloadProblems(event: EventOf<'RECORD_DECISION'>): Problem[] {
  const problems = required(event.deliberation, 'deliberation', '« Numéro de délibération »');
  if (event.body === 'COMMISSION_PERMANENTE') {
    problems.push(
      ...required(
        event.delegationReference,
        'delegationReference',
        'La référence de la délégation à la commission permanente',
      ),
    );
  } else if (event.delegationReference !== undefined) {
    problems.push({
      field: 'delegationReference',
      code: 'DELEGATION_ONLY_FOR_STANDING_COMMITTEE',
      message: 'Seule une décision de la commission permanente cite une délégation.',
    });
  }
  if (!isCalendarDate(event.sessionDate ?? '')) {
    problems.push({
      field: 'sessionDate',
      code: 'INVALID_DATE',
      message: '« Date de la séance » n’est pas une date valide (AAAA-MM-JJ).',
    });
  } else if (event.sessionDate > event.facts.today) {
    problems.push({
      field: 'sessionDate',
      code: 'DATE_IN_FUTURE',
      message: '« Date de la séance » ne peut pas être postérieure à aujourd’hui : la décision est prise en séance.',
    });
  }
  if (event.outcome === 'APPROVED') {
    if (event.amountCents === undefined)
      problems.push({ field: 'amountCents', code: 'REQUIRED', message: 'Une décision favorable fixe un montant.' });
  } else {
    for (const field of ['amountCents', 'shares', 'justification'] as const) {
      if (event[field] !== undefined) {
        problems.push({
          field,
          code: 'ONLY_WHEN_APPROVED',
          message: 'Seule une décision favorable fixe un montant, un nombre de parts ou une justification.',
        });
      }
    }
  }
  if (event.shares !== undefined && event.amountCents === undefined) {
    problems.push({
      field: 'shares',
      code: 'SHARES_ONLY_WITH_AMOUNT',
      message: 'Un nombre de parts accompagne un montant.',
    });
  }
  (event.recusedElectedOfficials ?? []).forEach((official, index) => {
    problems.push(...required(official.name, `recusedElectedOfficials[${index}].name`, 'Le nom de l’élu déporté'));
  });
  return problems;
}

/**
 * Problems in the dossier's data, as the feature modules reported them in the facts:
 * the action conflicts with the dossier as it stands (409).
 */
export function factProblems(event: DossierEvent): Problem[] {
  const { facts } = event;
  switch (event.type) {
    case 'SUBMIT':
      return facts.requestValid;
    case 'COMPLETE_ACTIVITY':
      return facts.activityComplete;
    case 'COMPLETE_ESS_PRACTICES':
      return facts.essPracticesComplete;
    case 'COMPLETE_ECONOMIC':
      return facts.economicComplete;
    case 'SCHEDULE_COMMITTEE':
      return facts.sessionSchedulable;
    case 'RECORD_OPINION':
      return [
        ...facts.committeeQuorum,
        ...facts.opinionVotes,
        ...(isFavourable(event.opinion) ? facts.proposedAmount : []),
      ];
    case 'RECORD_DECISION':
      return event.outcome === 'APPROVED'
        ? [...facts.deliberationAvailable, ...facts.decidedAmount]
        : facts.deliberationAvailable;
    case 'SIGN':
      return facts.signature;
    default:
      return [];
  }
}

/** The guard of every transition: nothing wrong in the command nor in the dossier. */
export function requirementsMet(event: DossierEvent): boolean {
  return payloadProblems(event).length === 0 && factProblems(event).length === 0;
}
