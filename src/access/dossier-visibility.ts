/**
 * Which dossiers a role may see (issue: per-dossier visibility). Instructors, the
 * administrator and viewers see every dossier; elected officials and the committee
 * secretary see dossiers from the committee step on; a committee member sees the
 * dossiers on the agenda of a session they are convoked to (not those moved away to a
 * session they are not convoked to), whatever their state since.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** States "from the committee step on": the committee's and decision's, and their outcomes. */
const LATER_PARENTS = ['committee', 'decision'];
const LATER_FINALS = ['approved', 'rejected'];

const FROM_COMMITTEE_ON = (alias: string) =>
  `(${LATER_PARENTS.map((parent) => `${alias}.state LIKE '${parent}.%'`).join(' OR ')} OR ${alias}.state IN (${LATER_FINALS.map((s) => `'${s}'`).join(', ')}))`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A committee member's condition: the dossier is on the agenda of a session they are
 * convoked to (committee module's tables). The id is inlined, and only a UUID is: a
 * caller whose id is not one (development identities) sees nothing.
 */
const ON_CONVOKED_AGENDA = (alias: string, userId: string) =>
  UUID.test(userId)
    ? `EXISTS (SELECT 1 FROM committee_agenda_item vai JOIN committee_convocation vcc ON vcc.session_id = vai.session_id
               WHERE vai.dossier_id = ${alias}.id AND vai.status <> 'MOVED' AND vcc.user_id = '${userId.toLowerCase()}')`
    : 'FALSE';

/**
 * The same rule as `visibilityCondition`, on one state name (for tests and the
 * interface). A committee member's visibility depends on the agenda, not the state:
 * `onConvokedAgenda` says whether the dossier is on the agenda of a session they are
 * convoked to.
 */
export function roleSeesState(role: Role, state: string, options: { onConvokedAgenda?: boolean } = {}): boolean {
  switch (role) {
    case 'instructor':
    case 'admin':
    case 'viewer':
      return true;
    case 'elected_official':
    case 'committee_secretary':
      return LATER_PARENTS.some((parent) => state.startsWith(`${parent}.`)) || LATER_FINALS.includes(state);
    case 'committee_member':
      return options.onConvokedAgenda === true;
  }
}

/**
 * A SQL condition on the dossier table (aliased `alias`), or null when the role sees all.
 * Pass the actor: a committee member's visibility depends on who they are (a bare role
 * gives them nothing).
 */
export function visibilityCondition(who: Role | Actor, alias = 'd'): string | null {
  const role = typeof who === 'string' ? who : who.role;
  switch (role) {
    case 'instructor':
    case 'admin':
    case 'viewer':
      return null;
    case 'elected_official':
    case 'committee_secretary':
      return FROM_COMMITTEE_ON(alias);
    case 'committee_member':
      return typeof who === 'string' ? 'FALSE' : ON_CONVOKED_AGENDA(alias, who.userId);
  }
}

@Injectable()
export class DossierVisibility {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 404 (not 403) for a dossier the caller may not see: its existence is not disclosed. */
  async assertVisible(dossierId: string, actor: Actor): Promise<void> {
    const condition = visibilityCondition(actor);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT d.id FROM dossier d WHERE d.id = $1${condition ? ` AND ${condition}` : ''}`,
      [dossierId],
    );
    if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
  }
}
