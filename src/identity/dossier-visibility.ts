/**
 * Which dossiers a role may see (issue: per-dossier visibility). Instructors, the
 * administrator and viewers see every dossier; elected officials and the committee
 * secretary see dossiers from the committee step on; committee members see the dossiers
 * on the agenda of a session they sit on — PROVISIONAL: there are no sessions before the
 * committee module, so they see none yet.
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

/** The same rule as `visibilityCondition`, on one state name (for tests and the interface). */
export function roleSeesState(role: Role, state: string): boolean {
  switch (role) {
    case 'instructor':
    case 'admin':
    case 'viewer':
      return true;
    case 'elected_official':
    case 'committee_secretary':
      return LATER_PARENTS.some((parent) => state.startsWith(`${parent}.`)) || LATER_FINALS.includes(state);
    case 'committee_member':
      return false;
  }
}

/** A SQL condition on the dossier table (aliased `alias`), or null when the role sees all. */
export function visibilityCondition(role: Role, alias = 'd'): string | null {
  switch (role) {
    case 'instructor':
    case 'admin':
    case 'viewer':
      return null;
    case 'elected_official':
    case 'committee_secretary':
      return FROM_COMMITTEE_ON(alias);
    case 'committee_member':
      return 'FALSE';
  }
}

@Injectable()
export class DossierVisibility {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 404 (not 403) for a dossier the caller may not see: its existence is not disclosed. */
  async assertVisible(dossierId: string, actor: Actor): Promise<void> {
    const condition = visibilityCondition(actor.role);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT d.id FROM dossier d WHERE d.id = $1${condition ? ` AND ${condition}` : ''}`,
      [dossierId],
    );
    if (!row) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
  }
}
