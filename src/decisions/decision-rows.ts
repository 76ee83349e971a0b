/** Reads and writes of the decision table shared by the facts, the transitions, the corrections and the views. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { normalizeDeliberationNumber } from '../common/deliberation-number.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { formatFrenchDate } from '../common/french-format.js';
import { isCalendarDate } from '../common/calendar-date.js';
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
  const { list: recused } = withRecusals(named, await declaredInterestRecusals(manager, origin.dossierId));
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
export async function deliberationNumberProblems(manager: EntityManager, deliberation: string): Promise<Problem[]> {
  const [taken] = await manager.query<{ reference: string; deliberation_number: string }[]>(
    `SELECT d.reference, x.deliberation_number FROM decision x JOIN dossier d ON d.id = x.dossier_id
      WHERE x.deliberation_number_normalized = $1`,
    [normalizeDeliberationNumber(deliberation)],
  );
  if (!taken) return [];
  const same = taken.deliberation_number === deliberation.trim();
  return [
    {
      field: 'deliberation',
      code: 'DELIBERATION_NUMBER_TAKEN',
      message: `« Numéro de délibération » : la délibération n° ${taken.deliberation_number} est déjà enregistrée (dossier ${taken.reference})${same ? '' : ` ; « ${deliberation.trim()} » est le même numéro, à la casse, aux tirets ou à la largeur des caractères près`}.`,
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

/** The date of the committee's session that gave the dossier's last opinion, YYYY-MM-DD. */
export async function lastOpinionDate(manager: EntityManager, dossierId: string): Promise<string | null> {
  const [row] = await manager.query<{ session_date: string }[]>(
    `SELECT to_char(s.session_date, 'YYYY-MM-DD') AS session_date
       FROM committee_opinion o JOIN committee_session s ON s.id = o.session_id
      WHERE o.dossier_id = $1 ORDER BY o.recorded_at DESC LIMIT 1`,
    [dossierId],
  );
  return row?.session_date ?? null;
}

/**
 * The élus who declared an interest in the SCIC of the dossier (declarations in force):
 * they withdrew from the deliberation (DOMAIN rule 8), whether or not the clerk named them.
 */
export async function declaredInterestRecusals(
  manager: EntityManager,
  dossierId: string,
): Promise<RecusedElectedOfficial[]> {
  const rows = await manager.query<{ user_id: string; name: string }[]>(
    `SELECT sd.user_id, COALESCE(u.display_name, sd.user_id) AS name
       FROM signatory_declaration sd JOIN dossier d ON d.scic_id = sd.scic_id
       LEFT JOIN app_user u ON u.id::text = sd.user_id
      WHERE d.id = $1 AND sd.has_interest AND sd.superseded_at IS NULL
      ORDER BY sd.declared_at, sd.user_id`,
    [dossierId],
  );
  return rows.map((row) => ({ name: row.name, userId: row.user_id }));
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

/**
 * Before a decision is signed, adds to its élus who withdrew those who declared an
 * interest in the SCIC since it was recorded (the database lets only this list grow on
 * an unsigned decision). Returns the élus added.
 */
export async function addDeclaredRecusals(
  manager: EntityManager,
  decision: Decision,
): Promise<RecusedElectedOfficial[]> {
  const { list, added } = withRecusals(
    decision.recusedElectedOfficials,
    await declaredInterestRecusals(manager, decision.dossierId),
  );
  if (!added.length || decision.signedAt) return [];
  await manager.query('UPDATE decision SET recused_elected_officials = $2 WHERE id = $1', [
    decision.id,
    JSON.stringify(list),
  ]);
  decision.recusedElectedOfficials = list;
  return added;
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
