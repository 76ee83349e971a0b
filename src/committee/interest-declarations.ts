/**
 * Declarations of interest per SCIC (DOMAIN rule 8), for the committee's members
 * (committee_interest_declaration) and the signing élus (signatory_declaration) alike.
 *
 * A declaration concerns the SCIC — its SIREN, every dossier of it — not the dossier or
 * the session it was made through (kept as `dossier_id` / `session_id`: where it was
 * made). Each act inserts a row and marks the one it replaces `superseded_at`: the row
 * with `superseded_at IS NULL` is the declaration in force (one per person and SCIC, a
 * partial unique index), the others are its history; nothing is deleted.
 *
 * Withdrawing a declared interest (back to « no interest ») needs a reason, kept on the
 * new row, and is refused once the interest has been relied on: an opinion of the
 * committee or a decision of the élus recorded on any dossier of the SCIC since the
 * interest was declared. The act is journaled by the caller in the journal of the dossier
 * it was made through (one entry, under that dossier's lock; the payload names the SCIC):
 * writing it into every dossier of the SIREN would lock several dossiers at once.
 */
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed, type FieldError } from '../common/validation.js';
import { firstRelianceSince } from '../read-models/interest-reliance.js';
import type { InterestNature } from './seats.js';

export type DeclarationTable = 'committee_interest_declaration' | 'signatory_declaration';

export interface DeclarationInput {
  hasInterest: boolean;
  nature?: InterestNature;
  details?: string;
  withdrawalReason?: string;
}

export interface DeclarationRow {
  id: string;
  dossier_id: string;
  has_interest: boolean;
  nature: InterestNature | null;
  details: string | null;
  withdrawal_reason: string | null;
  declared_at: Date;
}

export interface DeclarationRecorded {
  id: string;
  scicId: string;
  siren: string;
  /** The declaration it replaces, if any. */
  replaced: DeclarationRow | null;
  /** An interest was withdrawn (back to « no interest »), with `reason`. */
  withdrawn: boolean;
  details: string | null;
  withdrawalReason: string | null;
}

/** The SCIC of a dossier (read model rm_agenda_dossier: the decisions module calls this with a bare manager). */
export async function scicOfDossier(manager: EntityManager, dossierId: string): Promise<{ id: string; siren: string }> {
  const [row] = await manager.query<{ id: string; siren: string }[]>(
    'SELECT scic_id AS id, siren FROM rm_agenda_dossier WHERE id = $1',
    [dossierId],
  );
  if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
  return row;
}

/** The declaration in force of `userId` for the SCIC, `lock` taking it FOR UPDATE. */
export async function currentDeclaration(
  manager: EntityManager,
  table: DeclarationTable,
  scicId: string,
  userId: string,
  lock = false,
): Promise<DeclarationRow | null> {
  const [row] = await manager.query<DeclarationRow[]>(
    `SELECT id, dossier_id, has_interest, nature, details, withdrawal_reason, declared_at FROM ${table}
      WHERE scic_id = $1 AND user_id = $2 AND superseded_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [scicId, userId],
  );
  return row ?? null;
}

/**
 * What relied on `userId`'s interest standing since `since`: the first opinion or
 * decision recorded on a dossier of the SCIC after it was declared — or at that very
 * instant when it names the person among the déportés (the opinion's composition, the
 * decision's élus who withdrew) — or null.
 */
export async function reliedOn(
  manager: EntityManager,
  scicId: string,
  userId: string,
  since: Date,
): Promise<{ kind: 'opinion' | 'decision'; reference: string; recordedAt: Date } | null> {
  const row = await firstRelianceSince(manager, scicId, userId, since);
  return row ? { kind: row.kind, reference: row.reference, recordedAt: new Date(row.recorded_at) } : null;
}

/** Since when the interest in force has stood: the first of the interest rows after the last « no interest ». */
async function interestSince(
  manager: EntityManager,
  table: DeclarationTable,
  scicId: string,
  userId: string,
  current: DeclarationRow,
): Promise<Date> {
  const [row] = await manager.query<{ since: Date | null }[]>(
    `SELECT min(declared_at) AS since FROM ${table}
      WHERE scic_id = $1 AND user_id = $2 AND has_interest
        AND declared_at > COALESCE(
          (SELECT max(declared_at) FROM ${table} WHERE scic_id = $1 AND user_id = $2 AND NOT has_interest),
          '-infinity')`,
    [scicId, userId],
  );
  const since = row?.since ? new Date(row.since) : current.declared_at;
  return since < current.declared_at ? since : new Date(current.declared_at);
}

/** The declaration's own consistency (422), each field named by its French label. */
export function declarationFieldErrors(input: DeclarationInput): FieldError[] {
  const fields: FieldError[] = [];
  if (input.hasInterest && !input.nature) {
    fields.push({ field: 'nature', messages: ['Précisez la nature de l’intérêt déclaré.'] });
  }
  if (!input.hasInterest && input.nature) {
    fields.push({ field: 'nature', messages: ['Une nature d’intérêt ne s’indique qu’avec un intérêt déclaré.'] });
  }
  if (input.nature === 'OTHER' && !input.details?.trim()) {
    fields.push({ field: 'details', messages: ['Décrivez l’intérêt déclaré (nature « autre »).'] });
  }
  if (input.hasInterest && input.withdrawalReason !== undefined) {
    fields.push({
      field: 'withdrawalReason',
      messages: ['« Motif du retrait » ne s’indique qu’en retirant un intérêt déclaré.'],
    });
  }
  return fields;
}

/**
 * Records `userId`'s declaration for the SCIC of `where.dossierId` in `table`: checks a
 * withdrawal (reason, not relied on), supersedes the declaration in force, inserts the
 * new one. The caller holds the dossier's lock and journals the act.
 */
export async function recordDeclaration(
  manager: EntityManager,
  table: DeclarationTable,
  where: { dossierId: string; sessionId?: string },
  userId: string,
  input: DeclarationInput,
  now: Date,
): Promise<DeclarationRecorded> {
  const fields = declarationFieldErrors(input);
  if (fields.length) throw validationFailed(fields);
  const scic = await scicOfDossier(manager, where.dossierId);
  const replaced = await currentDeclaration(manager, table, scic.id, userId, true);
  const withdrawn = replaced?.has_interest === true && !input.hasInterest;
  const withdrawalReason = input.withdrawalReason?.trim() || null;
  await assertWithdrawable(manager, table, scic, userId, replaced, withdrawn, withdrawalReason);
  if (replaced) await manager.query(`UPDATE ${table} SET superseded_at = $2 WHERE id = $1`, [replaced.id, now]);
  const details = input.details?.trim() || null;
  const inserted = await insertDeclaration(
    manager,
    table,
    { ...where, scicId: scic.id },
    userId,
    { hasInterest: input.hasInterest, nature: input.nature ?? null, details, withdrawalReason },
    now,
  );
  return { id: inserted.id, scicId: scic.id, siren: scic.siren, replaced, withdrawn, details, withdrawalReason };
}

/**
 * A withdrawal reason comes only with a withdrawal, and a withdrawal always has one; an
 * interest that founded an opinion or a decision since it was declared is never withdrawn
 * (that act would lose its ground).
 */
async function assertWithdrawable(
  manager: EntityManager,
  table: DeclarationTable,
  scic: { id: string; siren: string },
  userId: string,
  replaced: DeclarationRow | null,
  withdrawn: boolean,
  withdrawalReason: string | null,
): Promise<void> {
  if (!withdrawn && withdrawalReason) {
    throw validationFailed([
      { field: 'withdrawalReason', messages: ['« Motif du retrait » ne s’indique qu’en retirant un intérêt déclaré.'] },
    ]);
  }
  // `withdrawn` implies a replaced declaration; the second test only tells the compiler.
  if (withdrawn && replaced) {
    if (!withdrawalReason) {
      throw validationFailed([
        {
          field: 'withdrawalReason',
          messages: [
            '« Motif du retrait » est obligatoire : dites pourquoi l’intérêt déclaré dans cette SCIC ne tient plus.',
          ],
        },
      ]);
    }
    const since = await interestSince(manager, table, scic.id, userId, replaced);
    const relied = await reliedOn(manager, scic.id, userId, since);
    if (relied) {
      const what = relied.kind === 'opinion' ? 'l’avis du comité rendu' : 'la décision des élus enregistrée';
      throw new DomainError(
        ErrorCode.InterestDeclarationReliedOn,
        { scicId: scic.id, siren: scic.siren, reliedOn: relied.kind, reference: relied.reference },
        `L’intérêt déclaré dans la SCIC (SIREN ${scic.siren}) a fondé ${what} depuis sur le dossier ${relied.reference} : la déclaration ne peut plus être retirée.`,
      );
    }
  }
}

/** Inserts the new declaration row; a concurrent declaration of the same person loses (409). */
async function insertDeclaration(
  manager: EntityManager,
  table: DeclarationTable,
  where: { scicId: string; dossierId: string; sessionId?: string },
  userId: string,
  input: {
    hasInterest: boolean;
    nature: InterestNature | null;
    details: string | null;
    withdrawalReason: string | null;
  },
  now: Date,
): Promise<{ id: string }> {
  const columns = ['scic_id', 'dossier_id', 'user_id', 'has_interest', 'nature', 'details', 'withdrawal_reason'];
  const values: unknown[] = [where.scicId, where.dossierId, userId, input.hasInterest, input.nature, input.details];
  values.push(input.withdrawalReason);
  if (table === 'committee_interest_declaration') {
    columns.push('session_id');
    values.push(where.sessionId);
  }
  columns.push('declared_at');
  values.push(now);
  try {
    const [inserted] = await manager.query<{ id: string }[]>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map((_v, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values,
    );
    return inserted;
  } catch (error) {
    // The same person declaring at once through two dossiers of the SCIC: one wins.
    if ((error as { code?: string }).code === '23505') {
      throw new DomainError(ErrorCode.ConcurrentUpdate, { scicId: where.scicId });
    }
    throw error;
  }
}

export interface MemberDeclarationRow {
  user_id: string;
  display_name: string;
  has_interest: boolean | null;
  nature: InterestNature | null;
  details: string | null;
  withdrawal_reason: string | null;
  declared_at: Date | null;
  /** The dossier the declaration was made through (another dossier of the SCIC, possibly). */
  declared_through: string | null;
}

/**
 * Each member convoked to the session with their declaration for the dossier's SCIC as it
 * stood at `at` (the opinion's time once given, so that the record does not move), or
 * the one in force when `at` is null.
 */
export async function sessionDeclarations(
  manager: EntityManager,
  sessionId: string,
  dossierId: string,
  at: Date | null,
): Promise<MemberDeclarationRow[]> {
  return manager.query<MemberDeclarationRow[]>(
    `SELECT c.user_id, u.display_name, dcl.has_interest, dcl.nature, dcl.details, dcl.withdrawal_reason,
            dcl.declared_at, dcl.reference AS declared_through
       FROM committee_convocation c
       JOIN rm_committee_account u ON u.id = c.user_id
       LEFT JOIN LATERAL (
         SELECT x.has_interest, x.nature, x.details, x.withdrawal_reason, x.declared_at, xd.reference
           FROM committee_interest_declaration x JOIN rm_agenda_dossier xd ON xd.id = x.dossier_id
          WHERE x.scic_id = (SELECT scic_id FROM rm_agenda_dossier WHERE id = $2) AND x.user_id = c.user_id
            AND ($3::timestamptz IS NULL AND x.superseded_at IS NULL
                 OR x.declared_at <= $3 AND (x.superseded_at IS NULL OR x.superseded_at > $3))
          ORDER BY x.declared_at DESC LIMIT 1
       ) dcl ON TRUE
      WHERE c.session_id = $1
      ORDER BY u.display_name, c.user_id`,
    [sessionId, dossierId, at],
  );
}

/** When the opinion on the dossier at the session was recorded, or null (not given yet). */
export async function opinionRecordedAt(
  manager: EntityManager,
  sessionId: string,
  dossierId: string,
): Promise<Date | null> {
  const [row] = await manager.query<{ recorded_at: Date }[]>(
    'SELECT recorded_at FROM committee_opinion WHERE session_id = $1 AND dossier_id = $2',
    [sessionId, dossierId],
  );
  return row ? new Date(row.recorded_at) : null;
}
