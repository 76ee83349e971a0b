/**
 * Which dossiers a role may see (issue: per-dossier visibility). Instructors, the
 * administrator and viewers see every dossier; elected officials and the committee
 * secretary see dossiers from the committee step on; a committee member sees the
 * dossiers on the agenda of a session they are convoked to (not those moved away to a
 * session they are not convoked to), whatever their state since.
 *
 * The one source of the rule: the route guard (`RequireDossierPermission`) and every
 * listing that filters by visibility take their condition from `DossierVisibility`. What
 * only a feature module knows (the committee's agendas) it registers here at start, as
 * facts are registered with the workflow: this layer names none of its tables.
 */
import { Injectable } from '@nestjs/common';
import type { Actor, Role } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DossierReader } from '../dossiers/dossier-reader.js';

/** States "from the committee step on": the committee's and decision's, and their outcomes. */
const LATER_PARENTS = ['committee', 'decision'];
const LATER_FINALS = ['approved', 'rejected'];

const FROM_COMMITTEE_ON = (alias: string) =>
  `(${LATER_PARENTS.map((parent) => `${alias}.state LIKE '${parent}.%'`).join(' OR ')} OR ${alias}.state IN (${LATER_FINALS.map((s) => `'${s}'`).join(', ')}))`;

/** A role's rule: every dossier, those from the committee step on, or what a module registered. */
const ROLE_RULES: { readonly [role in Role]: 'all' | 'fromCommitteeOn' | 'registered' } = {
  instructor: 'all',
  admin: 'all',
  viewer: 'all',
  elected_official: 'fromCommitteeOn',
  committee_secretary: 'fromCommitteeOn',
  committee_member: 'registered',
};

/** A feature module's part of the rule, for the roles it registers for. */
export interface VisibilityProvider {
  /**
   * A SQL condition on the dossier table aliased `alias` under which `actor` sees the
   * dossier. Inlined in the callers' SQL (whose parameters it cannot number): it may
   * inline only values it has validated.
   */
  condition(actor: Actor, alias: string): string;
}

/**
 * The same rule as `DossierVisibility.condition`, on one state name (for tests and the
 * interface). A committee member's visibility depends on the agenda, not the state:
 * `onConvokedAgenda` says whether the dossier is on the agenda of a session they are
 * convoked to.
 */
export function roleSeesState(role: Role, state: string, options: { onConvokedAgenda?: boolean } = {}): boolean {
  switch (ROLE_RULES[role]) {
    case 'all':
      return true;
    case 'fromCommitteeOn':
      return LATER_PARENTS.some((parent) => state.startsWith(`${parent}.`)) || LATER_FINALS.includes(state);
    case 'registered':
      return options.onConvokedAgenda === true;
  }
}

@Injectable()
export class DossierVisibility {
  private readonly providers = new Map<Role, VisibilityProvider>();

  constructor(private readonly dossiers: DossierReader) {}

  /** Called by a feature module at start for the roles whose visibility it knows. */
  register(provider: VisibilityProvider, roles: readonly Role[]): void {
    for (const role of roles) {
      if (ROLE_RULES[role] !== 'registered') throw new Error(`The visibility of ${role} is not a module's to give.`);
      this.providers.set(role, provider);
    }
  }

  /**
   * A SQL condition on the dossier table (aliased `alias`), or null when the actor sees
   * all. A role whose module registered nothing sees nothing: never silently everything.
   */
  condition(actor: Actor, alias = 'd'): string | null {
    switch (ROLE_RULES[actor.role]) {
      case 'all':
        return null;
      case 'fromCommitteeOn':
        return FROM_COMMITTEE_ON(alias);
      case 'registered':
        return this.providers.get(actor.role)?.condition(actor, alias) ?? 'FALSE';
    }
  }

  /** 404 (not 403) for a dossier the caller may not see: its existence is not disclosed. */
  async assertVisible(dossierId: string, actor: Actor): Promise<void> {
    if (!(await this.dossiers.exists(dossierId, this.condition(actor)))) {
      throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
    }
  }
}
