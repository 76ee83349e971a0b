/**
 * Seed values of the configurable thresholds and of the transformation markers
 * (DOMAIN: "keep every threshold in configuration with its source, not as a literal in
 * code"). The referential tables are seeded from these; the rules receive the thresholds
 * as a parameter and never read these constants directly, so that an administrator's
 * change takes effect. Re-check the legal values against the consolidated text.
 */
import type { MarkerCode, ThresholdCode, Thresholds } from '../analysis.types.js';
import { atLeast, atMost, within, type ThresholdDefinition } from './threshold-bounds.js';

// The shapes live with the bounds they carry; re-exported for the readers of the seed values.
export type { ThresholdDefinition, ThresholdUnit } from './threshold-bounds.js';

const INTERNAL_FINANCIAL = 'Règle interne du Département (analyse financière)';

export const THRESHOLD_DEFINITIONS: readonly ThresholdDefinition[] = [
  {
    code: 'PUBLIC_CAP_BP',
    label: 'Part maximale du capital détenue par l’ensemble des personnes publiques',
    unit: 'BASIS_POINTS',
    value: 5_000,
    source: 'L47 art. 19 septies al. 4',
    bound: atMost(
      5_000,
      'Le plafond de détention publique ne peut pas dépasser 50 % du capital (loi 47-1775, art. 19 septies).',
    ),
  },
  {
    // Owed until the legal reserve equals the highest capital reached (art. 16).
    code: 'LEGAL_RESERVE_MIN_BP',
    label: 'Part minimale des excédents affectée à la réserve légale',
    unit: 'BASIS_POINTS',
    value: 1_500,
    source: 'loi 47-1775, art. 16',
    bound: atLeast(
      1_500,
      10_000,
      'La part des excédents affectée à la réserve légale ne peut pas être inférieure à 15 % (loi 47-1775, art. 16), ni dépasser 100 %.',
    ),
  },
  {
    // A share of what remains once the legal reserve is served, not of the results.
    code: 'STATUTORY_RESERVE_MIN_OF_REMAINDER_BP',
    label: 'Part minimale du solde (après réserve légale) affectée à la réserve statutaire impartageable',
    unit: 'BASIS_POINTS',
    value: 5_000,
    source: 'loi 47-1775, art. 19 nonies',
    bound: atLeast(
      5_000,
      10_000,
      'La part du solde affectée à la réserve statutaire impartageable ne peut pas être inférieure à 50 % (loi 47-1775, art. 19 nonies), ni dépasser 100 %.',
    ),
  },
  {
    code: 'COOPERATIVE_REVISION_MAX_YEARS',
    label: 'Ancienneté maximale de la dernière révision coopérative',
    unit: 'YEARS',
    value: 5,
    source: 'L47 art. 25-1 ; décret n° 2015-706',
    bound: atMost(
      5,
      'La révision coopérative a lieu au moins tous les cinq ans (loi 47-1775, art. 25-1) : de 1 à 5 ans.',
      1,
    ),
  },
  {
    code: 'INTEREST_ON_SHARES_CAP_BP',
    label:
      'Taux maximal de l’intérêt servi aux parts sociales (TMO moyen des 3 dernières années + 2 points) — valeur à mettre à jour par l’administrateur',
    unit: 'BASIS_POINTS',
    value: 600,
    source: 'L47 art. 14',
    bound: within(
      0,
      10_000,
      'Le taux maximal de l’intérêt servi aux parts sociales doit être compris entre 0 % et 100 %.',
    ),
  },
  {
    code: 'CEILING_PER_SCIC_CENTS',
    label: 'Plafond de la prise de participation du Département par SCIC',
    unit: 'CENTS',
    value: 10_000_000,
    source: 'Règle interne du Département',
    bound: within(1, 100_000_000_000, 'Le plafond par SCIC doit être un montant positif d’au plus 1 milliard d’euros.'),
  },
  {
    code: 'COLLEGE_MIN_BP',
    label: 'Part minimale des droits de vote d’un collège',
    unit: 'BASIS_POINTS',
    value: 1_000,
    source: 'L47 art. 19 octies',
    bound: within(
      1_000,
      5_000,
      'La part minimale des droits de vote d’un collège doit être comprise entre 10 % et 50 % (loi 47-1775, art. 19 octies).',
      { notAbove: 'COLLEGE_MAX_BP' },
    ),
  },
  {
    code: 'COLLEGE_MAX_BP',
    label: 'Part maximale des droits de vote d’un collège',
    unit: 'BASIS_POINTS',
    value: 5_000,
    source: 'L47 art. 19 octies',
    bound: within(
      1_000,
      5_000,
      'La part maximale des droits de vote d’un collège doit être comprise entre 10 % et 50 % (loi 47-1775, art. 19 octies).',
      { notBelow: 'COLLEGE_MIN_BP' },
    ),
  },
  {
    code: 'EQUITY_RATIO_MIN_BP',
    label: 'Seuil d’alerte : fonds propres / total du bilan (minimum)',
    unit: 'BASIS_POINTS',
    value: 2_000,
    source: INTERNAL_FINANCIAL,
    bound: within(
      0,
      10_000,
      'Le seuil d’alerte des fonds propres doit être compris entre 0 % et 100 % du total du bilan.',
    ),
  },
  {
    code: 'GEARING_MAX_BP',
    label: 'Seuil d’alerte : dettes financières / fonds propres (maximum)',
    unit: 'BASIS_POINTS',
    value: 10_000,
    source: INTERNAL_FINANCIAL,
    bound: within(
      0,
      100_000,
      'Le seuil d’alerte de l’endettement doit être compris entre 0 % et 1 000 % des fonds propres.',
    ),
  },
  {
    code: 'DEBT_TO_CAF_MAX_YEARS',
    label: 'Seuil d’alerte : dettes financières / CAF, en années (maximum)',
    unit: 'YEARS',
    value: 5,
    source: INTERNAL_FINANCIAL,
    bound: within(0, 50, 'Le seuil d’alerte dettes financières / CAF doit être compris entre 0 et 50 ans.'),
  },
  {
    code: 'CASH_MIN_DAYS',
    label: 'Seuil d’alerte : trésorerie en jours de charges (minimum)',
    unit: 'DAYS',
    value: 30,
    source: INTERNAL_FINANCIAL,
    bound: within(0, 365, 'Le seuil d’alerte de trésorerie doit être compris entre 0 et 365 jours de charges.'),
  },
  {
    code: 'SUBSIDY_SHARE_MAX_BP',
    label: 'Seuil d’alerte : part des subventions d’exploitation dans les produits (maximum)',
    unit: 'BASIS_POINTS',
    value: 5_000,
    source: INTERNAL_FINANCIAL,
    bound: within(
      0,
      10_000,
      'Le seuil d’alerte de la part des subventions doit être compris entre 0 % et 100 % des produits.',
    ),
  },
  {
    code: 'CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS',
    label: 'Durée maximale d’une avance en compte courant d’associé',
    unit: 'MONTHS',
    value: 24,
    source: 'CGCT art. L1522-5',
    bound: atMost(
      24,
      'Une avance en compte courant d’associé ne peut pas dépasser deux ans, soit 24 mois (CGCT art. L1522-5).',
      1,
    ),
  },
];

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze(
  Object.fromEntries(THRESHOLD_DEFINITIONS.map((definition) => [definition.code, definition.value])) as Record<
    ThresholdCode,
    number
  >,
);

export interface MarkerLevelDefinition {
  level: number;
  label: string;
  example: string;
}

export interface MarkerDefinition {
  code: MarkerCode;
  /** Order on the radar and in forms (1–6). */
  position: number;
  label: string;
  description: string;
  levels: readonly MarkerLevelDefinition[];
}

const TO_BE_COMPLETED = 'À compléter par l’administrateur';

/** Levels the département's grid does not give yet: an administrator fills them in. */
const placeholderLevels = (): MarkerLevelDefinition[] =>
  [0, 1, 2, 3].map((level) => ({ level, label: `Niveau ${level}`, example: TO_BE_COMPLETED }));

/** The six transformation markers of step 2 (DOMAIN step 2, [Seed]). */
export const MARKER_DEFINITIONS: readonly MarkerDefinition[] = [
  {
    code: 'AUTONOMY',
    position: 1,
    label: 'Autonomie',
    description: 'Autonomie vis-à-vis des ressources non renouvelables (naturelles, énergétiques, matérielles).',
    levels: [
      {
        level: 0,
        label: 'Aucune contribution',
        example: 'L’activité ne contribue pas à réduire la dépendance aux ressources non renouvelables.',
      },
      {
        level: 1,
        label: 'Production écologique ou naturelle',
        example: 'L’activité intègre une production écologique ou naturelle.',
      },
      {
        level: 2,
        label: 'Production écologique, naturelle et locale',
        example: 'L’activité intègre une production écologique, naturelle et locale.',
      },
      {
        level: 3,
        label: 'Ensemble de pratiques complémentaires sur le territoire',
        example:
          'Production écologique, naturelle et locale, complétée par un ensemble de pratiques complémentaires développées sur le territoire.',
      },
    ],
  },
  {
    code: 'CAPABILITIES',
    position: 2,
    label: 'Capabilités',
    description: 'Développement des capacités des personnes à choisir, agir et participer ; accès aux droits.',
    levels: placeholderLevels(),
  },
  {
    code: 'SOCIAL_JUSTICE',
    position: 3,
    label: 'Justice sociale',
    description:
      'Justice sociale et lutte contre les inégalités : reconnaissance et prise en compte des diversités présentes sur le territoire.',
    levels: placeholderLevels(),
  },
  {
    code: 'COMMONS',
    position: 4,
    label: 'Patrimonialisation en commun',
    description:
      'Préserver, enrichir et transmettre collectivement des ressources partagées, matérielles ou immatérielles, ainsi que leurs usages.',
    levels: placeholderLevels(),
  },
  {
    code: 'SUSTAINABILITY',
    position: 5,
    label: 'Durabilité',
    description: 'Pratiques et finalités repensées au regard de la soutenabilité forte.',
    levels: placeholderLevels(),
  },
  {
    code: 'RESILIENCE',
    position: 6,
    label: 'Résilience des territoires',
    description: 'Anticiper ou répondre collectivement aux chocs environnementaux, économiques et sociaux.',
    levels: placeholderLevels(),
  },
];
