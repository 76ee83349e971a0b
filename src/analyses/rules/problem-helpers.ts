/** Small helpers the completeness rules of the three analyses share. Pure. */
import type { FitConclusion } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';

/** Whether a text is missing: null, empty, or only spaces (no-break spaces included). */
export function isBlank(value: string | null | undefined): boolean {
  return (value ?? '').trim() === '';
}

export function required(field: string, message: string): Problem {
  return { field, code: 'REQUIRED', message };
}

/** A required text: one problem when it is blank. */
export function requireText(problems: Problem[], field: string, value: string | null | undefined, what: string): void {
  if (isBlank(value)) problems.push(required(field, `${what} : à renseigner.`));
}

/**
 * The conclusion every analysis ends with. `DOES_NOT_FIT` is a legitimate conclusion but
 * not one the step can complete with: the dossier is then closed instead.
 */
export function conclusionProblems(conclusion: FitConclusion | null, comments: string | null): Problem[] {
  const problems: Problem[] = [];
  if (conclusion === null) {
    problems.push(
      required(
        'conclusion',
        'Conclusion : à renseigner (s’inscrit dans les orientations, avec réserves, ou ne s’inscrit pas).',
      ),
    );
  } else if (conclusion === 'DOES_NOT_FIT') {
    problems.push({
      field: 'conclusion',
      code: 'DOES_NOT_FIT',
      message:
        'Avec la conclusion « ne s’inscrit pas », l’étape ne peut pas être terminée : le dossier peut être classé sans suite.',
    });
  }
  requireText(problems, 'comments', comments, 'Commentaires accompagnant la conclusion');
  return problems;
}

/** Whether a value is a finite number ≥ 0 (and an integer when asked). */
export function isNonNegative(value: number | null, integer = false): value is number {
  return value !== null && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
}
