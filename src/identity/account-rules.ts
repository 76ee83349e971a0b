/**
 * Separation of duties on accounts (issue 16): who administers accounts does not decide.
 * Pure rules, checked by the users service before any write (a trigger of the database
 * holds the first one as well).
 */
import type { Actor, Role } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { validationFailed, type FieldError } from '../common/validation.js';

/** Roles whose holder takes part in a decision on public money. */
export const DECIDING_ROLES: readonly Role[] = ['committee_member', 'committee_secretary', 'elected_official'];

/** The system's own acts (installation, demo data, conversions): not a person. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'admin', credential: 'system' };

/** 422 for a role given twice, or `admin` given with a deciding role. */
export function checkGrants(roles: Role[]): void {
  const fields: FieldError[] = [];
  const seen = new Set<Role>();
  roles.forEach((role, index) => {
    if (seen.has(role)) fields.push({ field: `roles.${index}.role`, messages: ['Ce rôle figure deux fois.'] });
    seen.add(role);
  });
  const deciding = roles.findIndex((role) => DECIDING_ROLES.includes(role));
  if (seen.has('admin') && deciding >= 0) {
    fields.push({
      field: `roles.${deciding}.role`,
      messages: [
        'Séparation des fonctions : un compte administrateur ne peut pas être aussi membre du comité, secrétaire du comité ou élu. Créez un compte distinct.',
      ],
    });
  }
  if (fields.length) throw validationFailed(fields);
}

/** 403 when an administrator would give a role to their own account. */
export function refuseSelfGrant(actor: Actor, userId: string, held: Role[], wanted: Role[]): void {
  if (actor.userId !== userId) return;
  const added = wanted.filter((role) => !held.includes(role));
  if (added.length) {
    throw new DomainError(
      ErrorCode.Forbidden,
      { reason: 'SELF_GRANT', roles: added },
      'Nul ne peut s’attribuer un rôle à lui-même : un autre administrateur doit le faire.',
    );
  }
}

/** 422 naming `reason` when an act that needs one comes without. */
export function requireReason(reason: string | undefined, what: string): string {
  const trimmed = reason?.trim();
  if (!trimmed) throw validationFailed([{ field: 'reason', messages: [`Le motif est obligatoire pour ${what}.`] }]);
  return trimmed;
}
