/**
 * Due dates, as pure functions of the transition (table-driven tests beside). A step's
 * clock starts when the dossier enters it; a request for complements pauses it — the
 * step's remaining days are kept and given back when the complements arrive.
 */
import type { DossierCommand } from '../workflow/dossier.events.js';

export interface Deadline {
  state: string;
  dueDate: string | null;
  remainingDays: number | null;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function nextDeadline(
  current: Deadline | null,
  transition: { fromState: string; toState: string; command: DossierCommand; today: string },
  durationsDays: Readonly<Record<string, number>>,
): Deadline {
  const { fromState, toState, command, today } = transition;
  if (command.type === 'REQUEST_COMPLEMENTS') {
    const remaining = current?.dueDate ? Math.max(0, daysBetween(today, current.dueDate)) : null;
    return { state: toState, dueDate: command.dueDate, remainingDays: remaining };
  }
  if (fromState === 'awaitingComplements' && current?.remainingDays !== null && current?.remainingDays !== undefined) {
    return { state: toState, dueDate: addDays(today, current.remainingDays), remainingDays: null };
  }
  const duration = durationsDays[toState];
  return { state: toState, dueDate: duration === undefined ? null : addDays(today, duration), remainingDays: null };
}
