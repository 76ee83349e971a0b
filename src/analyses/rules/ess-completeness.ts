/**
 * Step 2 — ESS practices: what the instructor must fill before the step completes (every
 * field, the six markers each scored once 0–3 with a comment, the conclusion). The legal
 * compliance checks are in `ess-compliance.ts`, which adds their failures to these. Pure.
 */
import { MARKER_CODES, type EssPracticesData, type MarkerCode } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import { formatBasisPoints } from '../../dossiers/amount-rules.js';
import { conclusionProblems, isNonNegative, requireText, required } from './problem-helpers.js';
import { MARKER_DEFINITIONS } from './thresholds.js';

const MARKER_LABELS = new Map<string, string>(MARKER_DEFINITIONS.map((marker) => [marker.code, marker.label]));

/** Completeness of the six markers: each exactly once, an integer 0–3, a comment. */
function markerProblems(data: EssPracticesData): Problem[] {
  const problems: Problem[] = [];
  const counts = new Map<string, number>();
  for (const score of data.markers) counts.set(score.marker, (counts.get(score.marker) ?? 0) + 1);
  for (const code of MARKER_CODES) {
    const label = MARKER_LABELS.get(code) ?? code;
    const count = counts.get(code) ?? 0;
    if (count === 0) {
      problems.push({
        field: `markers.${code}`,
        code: 'MARKER_MISSING',
        message: `Marqueur « ${label} » : à noter de 0 à 3, avec un commentaire.`,
      });
    } else if (count > 1) {
      problems.push({
        field: `markers.${code}`,
        code: 'MARKER_DUPLICATE',
        message: `Marqueur « ${label} » : noté ${count} fois, il doit l’être une seule fois.`,
      });
    }
  }
  const seen = new Set<string>();
  for (const score of data.markers) {
    if (!(MARKER_CODES as readonly string[]).includes(score.marker)) {
      problems.push({
        field: 'markers',
        code: 'UNKNOWN_MARKER',
        message: `Le marqueur « ${score.marker} » n’existe pas.`,
      });
      continue;
    }
    if (seen.has(score.marker)) continue;
    seen.add(score.marker);
    const label = MARKER_LABELS.get(score.marker as MarkerCode) ?? score.marker;
    if (!Number.isInteger(score.score) || score.score < 0 || score.score > 3) {
      problems.push({
        field: `markers.${score.marker}.score`,
        code: 'INVALID_SCORE',
        message: `Marqueur « ${label} » : la note doit être un entier de 0 à 3.`,
      });
    }
    requireText(problems, `markers.${score.marker}.comment`, score.comment, `Marqueur « ${label} » : commentaire`);
  }
  return problems;
}

/** Everything step 2 needs filled, in form order. */
export function essCompletenessProblems(data: EssPracticesData): Problem[] {
  const problems: Problem[] = [];
  if (data.memberCategories.length === 0) {
    problems.push(
      required(
        'memberCategories',
        'Catégories d’associés : à renseigner (nombre d’associés et capital détenu par catégorie).',
      ),
    );
  }
  data.memberCategories.forEach((category, index) => {
    requireText(
      problems,
      `memberCategories[${index}].label`,
      category.label,
      `Catégorie d’associés n° ${index + 1} : libellé`,
    );
  });
  if (data.hasVotingColleges === null) {
    problems.push(required('hasVotingColleges', 'Indiquez si les statuts organisent des collèges de vote.'));
  }
  const numbers: [keyof EssPracticesData, number | null, string][] = [
    ['currentCapitalCents', data.currentCapitalCents, 'Capital actuel'],
    ['numberOfShares', data.numberOfShares, 'Nombre de parts sociales'],
    [
      'indivisibleReservesBasisPoints',
      data.indivisibleReservesBasisPoints,
      'Part des excédents en réserves impartageables',
    ],
    ['legalReserveBasisPoints', data.legalReserveBasisPoints, 'Part des excédents en réserve légale'],
    [
      'interestOnSharesBasisPoints',
      data.interestOnSharesBasisPoints,
      'Taux d’intérêt servi aux parts sociales (0 si aucun)',
    ],
    ['wageScaleRatio', data.wageScaleRatio, 'Échelle des salaires (écart entre le plus haut et le plus bas salaire)'],
  ];
  for (const [field, value, what] of numbers) {
    if (value === null) problems.push(required(field, `${what} : à renseigner.`));
  }
  if (
    isNonNegative(data.indivisibleReservesBasisPoints) &&
    isNonNegative(data.legalReserveBasisPoints) &&
    data.legalReserveBasisPoints > data.indivisibleReservesBasisPoints
  ) {
    problems.push({
      field: 'legalReserveBasisPoints',
      code: 'INCONSISTENT',
      message: `La réserve légale (${formatBasisPoints(data.legalReserveBasisPoints)}) fait partie des réserves impartageables (${formatBasisPoints(data.indivisibleReservesBasisPoints)}) : elle ne peut pas les dépasser.`,
    });
  }
  requireText(problems, 'governance', data.governance, 'Pratiques de gouvernance');
  requireText(problems, 'cooperativeProject', data.cooperativeProject, 'Projet coopératif');
  problems.push(...markerProblems(data));
  problems.push(...conclusionProblems(data.conclusion, data.comments));
  return problems;
}
