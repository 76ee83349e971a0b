/**
 * What each role may do, as far as the interface needs to know to offer it: a copy of the
 * API's map (`src/access/permissions.ts`), which still decides — a button shown by
 * mistake would only meet a 403.
 */
import type { Role } from './api/views';

/** `export.read`: the exports and the portfolio (not the committee, who see only their sessions' dossiers). */
export function canExport(role: Role): boolean {
  return role === 'instructor' || role === 'elected_official' || role === 'admin' || role === 'viewer';
}

/** `participation.manage`: the Mission ESS records the subscription and the payments. */
export function canManageParticipation(role: Role): boolean {
  return role === 'instructor';
}

/** `decision.correct`: an élu records and signs the correction of a signed decision. */
export function canCorrectDecision(role: Role): boolean {
  return role === 'elected_official';
}
