/**
 * Step 1 — activity analysis (DOMAIN step 1, rule 6): what keeps the step from completing,
 * and which orientation or competence codes the referential does not know. Pure.
 */
import type { ActivityAnalysisData } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import { conclusionProblems, isNonNegative, requireText, required } from './problem-helpers.js';

export interface OrientationRef {
  code: string;
  label: string;
  competenceCode: string;
  competenceLabel: string;
  serviceCodes: string[];
  active: boolean;
}

const TEXT_FIELDS = [
  ['creationDate', 'Date de création'],
  ['registeredAddress', 'Adresse du siège et commune'],
  ['territoryServed', 'Territoire desservi'],
  ['sector', 'Secteur d’activité'],
  ['activitiesDescription', 'Description des activités'],
  ['fitAssessment', 'Appréciation de l’adéquation aux orientations du Département'],
] as const satisfies readonly (readonly [keyof ActivityAnalysisData, string])[];

const NUMBER_FIELDS = [
  ['employeesFte', 'Nombre de salariés (ETP)', false],
  ['beneficiariesReached', 'Nombre de bénéficiaires touchés', true],
  ['turnoverCents', 'Chiffre d’affaires', true],
] as const satisfies readonly (readonly [keyof ActivityAnalysisData, string, boolean])[];

/**
 * Codes the referential does not know or no longer offers, and a competence that belongs
 * to no orientation at all. The service answers 422 at write time with these; completeness
 * repeats them, since an orientation may be deactivated after the analysis was saved.
 */
export function unknownOrientationProblems(
  data: ActivityAnalysisData,
  orientations: readonly OrientationRef[],
): Problem[] {
  const problems: Problem[] = [];
  const byCode = new Map(orientations.map((orientation) => [orientation.code, orientation]));
  const seen = new Set<string>();
  data.orientationCodes.forEach((code, index) => {
    const field = `orientationCodes[${index}]`;
    const orientation = byCode.get(code);
    if (seen.has(code)) {
      problems.push({
        field,
        code: 'DUPLICATE_ORIENTATION',
        message: `L’orientation « ${code} » est choisie plusieurs fois.`,
      });
    } else if (orientation === undefined) {
      problems.push({
        field,
        code: 'UNKNOWN_ORIENTATION',
        message: `L’orientation « ${code} » n’existe pas dans le référentiel des orientations du Département.`,
      });
    } else if (!orientation.active) {
      problems.push({
        field,
        code: 'INACTIVE_ORIENTATION',
        message: `L’orientation « ${orientation.label} » n’est plus proposée par le référentiel : choisissez-en une autre.`,
      });
    }
    seen.add(code);
  });
  const competence = data.competenceCode;
  if (
    competence !== null &&
    competence.trim() !== '' &&
    !orientations.some((orientation) => orientation.competenceCode === competence)
  ) {
    problems.push({
      field: 'competenceCode',
      code: 'UNKNOWN_COMPETENCE',
      message: `La compétence « ${competence} » n’est celle d’aucune orientation du référentiel.`,
    });
  }
  return problems;
}

/** Everything that keeps step 1 from completing, with the field it concerns. */
export function activityCompletenessProblems(
  data: ActivityAnalysisData,
  orientations: readonly OrientationRef[],
): Problem[] {
  const problems: Problem[] = [];
  for (const [field, what] of TEXT_FIELDS) requireText(problems, field, data[field], what);
  for (const [field, what, integer] of NUMBER_FIELDS) {
    const value = data[field];
    if (value === null) problems.push(required(field, `${what} : à renseigner.`));
    else if (!isNonNegative(value, integer)) {
      problems.push({
        field,
        code: 'INVALID_NUMBER',
        message: `${what} : doit être un nombre ${integer ? 'entier ' : ''}positif ou nul.`,
      });
    }
  }

  if (data.orientationCodes.length === 0) {
    problems.push(
      required(
        'orientationCodes',
        'Choisissez au moins une orientation du Département à laquelle se rattache l’objet de la SCIC.',
      ),
    );
  }
  const unknown = unknownOrientationProblems(data, orientations);
  problems.push(...unknown);

  // Rule 6: a département has no general economic competence; the link to one of its own
  // competences — the competence of an orientation chosen above — makes the stake lawful.
  if (data.competenceCode === null || data.competenceCode.trim() === '') {
    problems.push({
      field: 'competenceCode',
      code: 'COMPETENCE_REQUIRED',
      message:
        'Le rattachement à une compétence du Département est obligatoire (le Département n’a pas de compétence économique générale).',
    });
  } else if (!unknown.some((problem) => problem.code === 'UNKNOWN_COMPETENCE')) {
    const chosen = orientations.filter((orientation) => data.orientationCodes.includes(orientation.code));
    if (!chosen.some((orientation) => orientation.competenceCode === data.competenceCode)) {
      const offered = [...new Set(chosen.map((orientation) => `« ${orientation.competenceLabel} »`))];
      problems.push({
        field: 'competenceCode',
        code: 'COMPETENCE_NOT_OF_ORIENTATIONS',
        message:
          offered.length === 0
            ? 'La compétence doit être celle d’une des orientations choisies : choisissez d’abord une orientation.'
            : `La compétence doit être celle d’une des orientations choisies : ${offered.join(', ')}.`,
      });
    }
  }

  problems.push(...conclusionProblems(data.conclusion, data.comments));
  return problems;
}
