/** Where a dossier stands among the five steps, and where it has been (from its journal). */
import type { JournalEntry } from '../api/views';

export const STEP_TABS = ['activite', 'pratiques', 'economique', 'comite', 'decision'] as const;

/** The step (0–4) a state belongs to; 5 when decided and signed; -1 before; null when stopped. */
export function stepOfState(state: string): number | null {
  if (state === 'draft') return -1;
  if (state === 'instruction.activity') return 0;
  if (state === 'instruction.essPractices') return 1;
  if (state === 'instruction.economic') return 2;
  if (state.startsWith('committee')) return 3;
  if (state.startsWith('decision')) return 4;
  if (state === 'approved' || state === 'rejected') return 5;
  return null;
}

export function transitionsOf(journal: JournalEntry[]): { from: string; to: string }[] {
  return journal
    .filter((entry) => entry.type === 'TRANSITION')
    .map((entry) => ({ from: String(entry.payload.fromState ?? ''), to: String(entry.payload.toState ?? '') }));
}

/** The step a dossier waiting for complements (or stopped) left: the last step it was at. */
export function currentStep(state: string, journal: JournalEntry[]): number | null {
  const direct = stepOfState(state);
  if (direct !== null) return direct;
  const transitions = transitionsOf(journal);
  for (let index = transitions.length - 1; index >= 0; index--) {
    const step = stepOfState(transitions[index].from);
    if (step !== null && step >= 0) return step;
  }
  return -1;
}

export function visitedSteps(journal: JournalEntry[]): Set<number> {
  const visited = new Set<number>();
  for (const { from, to } of transitionsOf(journal)) {
    for (const state of [from, to]) {
      const step = stepOfState(state);
      if (step !== null && step >= 0 && step < 5) visited.add(step);
    }
  }
  return visited;
}
