/** Reads and writes of the decision table shared by the facts, the transitions, the corrections and the views. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { normalizeDeliberationNumber } from '../common/deliberation-number.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { formatFrenchDate } from '../common/french-format.js';
import { isCalendarDate } from '../common/calendar-date.js';
import type { DossierReader } from '../dossiers/dossier-reader.js';
import type { Problem } from '../workflow/dossier.events.js';
import type { DossierCommand, RecusedElectedOfficial } from '../workflow/dossier.events.js';
import { Decision, type DecisionProposal } from './decision.entity.js';

export type DecisionCommand = Omit<Extract<DossierCommand, { type: 'RECORD_DECISION' }>, 'type'>;

export interface DecisionOrigin {
  dossierId: string;
  nominalShareValueCents: number;
  envelopeYear: number;
  programmeReference: string | null;
  proposal: DecisionProposal | null;
  recordedAt: Date;
  recordedBy: string;
  /** The élus with a declared interest in the SCIC (DeclaredRecusals.of), listed among those who withdrew. */
  declaredRecusals: readonly RecusedElectedOfficial[];
  supersedesId?: string;
  correctionReason?: string;
}

/**
 * Inserts the decision the command describes, unsigned. The délibération number is
 * checked before; two dossiers recording the same number at once meet the unique index.
 */
export async function insertDecision(
  manager: EntityManager,
  command: DecisionCommand,
  origin: DecisionOrigin,
): Promise<string> {
  const approved = command.outcome === 'APPROVED' && command.amountCents !== undefined;
  const id = randomUUID();
  const deliberationNumber = command.deliberation.trim();
  const deliberationNumberNormalized = normalizeDeliberationNumber(command.deliberation);
  const named = (command.recusedElectedOfficials ?? []).map((official) => ({
    name: official.name.trim(),
    ...(official.userId ? { userId: official.userId } : {}),
  }));
  // An élu with a declared interest in the SCIC is listed among those who withdrew (rule 8).
  const { list: recused } = withRecusals(named, origin.declaredRecusals);
  try {
    await manager.insert(Decision, {
      id,
      dossierId: origin.dossierId,
      outcome: command.outcome,
      body: command.body,
      delegationReference: command.delegationReference?.trim() ?? null,
      sessionDate: command.sessionDate,
      deliberationNumber,
      deliberationNumberNormalized,
      amountCents: approved ? command.amountCents : null,
      // Whole shares are a condition checked before (rule 4): the division is exact.
      shares: approved ? (command.shares ?? (command.amountCents as number) / origin.nominalShareValueCents) : null,
      justification: command.justification?.trim() || null,
      recusedElectedOfficials: recused,
      proposal: origin.proposal,
      envelopeYear: origin.envelopeYear,
      programmeReference: origin.programmeReference,
      supersedesId: origin.supersedesId ?? null,
      correctionReason: origin.correctionReason ?? null,
      recordedAt: origin.recordedAt,
      recordedBy: origin.recordedBy,
      signedAt: null,
      signedBy: null,
      signatoryName: null,
      documentSha256: null,
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'UQ_decision_deliberation_number_normalized') {
      throw new DomainError(ErrorCode.DeliberationNumberTaken, { deliberation: deliberationNumber });
    }
    throw error;
  }
  return id;
}

/**
 * The délibération already holding this number once normalised, with its dossier's
 * reference: a correction cannot reuse the number of the decision it corrects either
 * (a correction is its own délibération, DOMAIN rule 13).
 */
export async function deliberationNumberProblems(
  manager: EntityManager,
  deliberation: string,
  dossiers: DossierReader,
): Promise<Problem[]> {
  const [taken] = await manager.query<{ dossier_id: string; deliberation_number: string }[]>(
    'SELECT dossier_id, deliberation_number FROM decision WHERE deliberation_number_normalized = $1',
    [normalizeDeliberationNumber(deliberation)],
  );
  if (!taken) return [];
  const { reference } = await dossiers.get(taken.dossier_id, manager);
  const same = taken.deliberation_number === deliberation.trim();
  return [
    {
      field: 'deliberation',
      code: 'DELIBERATION_NUMBER_TAKEN',
      message: `« Numéro de délibération » : la délibération n° ${taken.deliberation_number} est déjà enregistrée (dossier ${reference})${same ? '' : ` ; « ${deliberation.trim()} » est le même numéro, à la casse, aux tirets ou à la largeur des caractères près`}.`,
    },
  ];
}

/**
 * The élus deliberate on the committee's opinion: their sitting is not before the date of
 * the committee's session that gave it (the date in the future is the command's own check).
 */
export function sittingProblems(sessionDate: string, committeeDate: string | null): Problem[] {
  if (!committeeDate || !isCalendarDate(sessionDate) || sessionDate >= committeeDate) return [];
  return [
    {
      field: 'sessionDate',
      code: 'SITTING_BEFORE_OPINION',
      message: `« Date de la séance » : la délibération du ${formatFrenchDate(sessionDate)} ne peut pas précéder l’avis du comité d’engagement (séance du ${formatFrenchDate(committeeDate)}).`,
    },
  ];
}

/** `listed` plus the élus of `declared` it does not name yet (by user id). */
export function withRecusals(
  listed: readonly RecusedElectedOfficial[],
  declared: readonly RecusedElectedOfficial[],
): { list: RecusedElectedOfficial[]; added: RecusedElectedOfficial[] } {
  // By user id, or by name for a list typed again without ids (a correction prefilled from the decision).
  const known = new Set(listed.flatMap((official) => [official.userId, official.name.trim()]).filter(Boolean));
  const added = declared.filter((official) => !known.has(official.userId) && !known.has(official.name.trim()));
  return { list: [...listed, ...added], added };
}

/** The signed decision in force: the last signed one that no signed correction replaced. */
export function decisionInForce(manager: EntityManager, dossierId: string): Promise<Decision | null> {
  return (
    manager
      .getRepository(Decision)
      .createQueryBuilder('d')
      .where('d.dossier_id = :dossierId AND d.signed_at IS NOT NULL', { dossierId })
      .andWhere('NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)')
      // A correction is signed after what it corrects; recorded_at breaks a tie of signed_at.
      .orderBy('d.signed_at', 'DESC')
      .addOrderBy('d.recorded_at', 'DESC')
      .getOne()
  );
}

/**
 * The decision waiting for its signature: the last one recorded, unsigned, that is not an
 * adjournment (an adjournment sends the dossier back to the committee and is never signed).
 */
export function pendingDecision(manager: EntityManager, dossierId: string): Promise<Decision | null> {
  return manager
    .getRepository(Decision)
    .createQueryBuilder('d')
    .where(
      'd.dossier_id = :dossierId AND d.signed_at IS NULL AND d.supersedes_id IS NULL AND d.outcome <> :adjourned',
      {
        dossierId,
        adjourned: 'ADJOURNED',
      },
    )
    .orderBy('d.recorded_at', 'DESC')
    .getOne();
}

/**
 * What the signed approvals charged to a year commit: each signed approval, unless a
 * signed correction replaced it (the correction's amount counts instead).
 */
export async function committedCents(manager: EntityManager, year: number): Promise<number> {
  const [row] = await manager.query<{ total: string }[]>(
    `SELECT COALESCE(SUM(d.amount_cents), 0) AS total
       FROM decision d
      WHERE d.envelope_year = $1 AND d.outcome = 'APPROVED' AND d.signed_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM decision c WHERE c.supersedes_id = d.id AND c.signed_at IS NOT NULL)`,
    [year],
  );
  return Number(row.total);
}
