/**
 * Seat categories of the comité d'engagement (DOMAIN step 4) and the natures of interest
 * a member may declare for a dossier (DOMAIN rule 8). Pure constants and labels.
 */
export const SEAT_CATEGORIES = [
  'DEPARTMENTAL_SERVICE',
  'MISSION_ESS',
  'CDESS_MEMBER',
  'SOLIDARITY_FINANCE_PARTNER',
  'QUALIFIED_PERSON',
] as const;
export type SeatCategory = (typeof SEAT_CATEGORIES)[number];

/** How a seat is named in the interface and the minutes. */
export const SEAT_LABELS: Record<SeatCategory, string> = {
  DEPARTMENTAL_SERVICE: 'Service départemental',
  MISSION_ESS: 'Mission ESS',
  CDESS_MEMBER: 'Membre du CDESS',
  SOLIDARITY_FINANCE_PARTNER: 'Partenaire de la finance solidaire',
  QUALIFIED_PERSON: 'Personne qualifiée',
};

export const INTEREST_NATURES = [
  'ASSOCIE',
  'OFFICER',
  'EMPLOYEE',
  'FAMILY_TIE',
  'DEPARTEMENT_REPRESENTATIVE',
  'OTHER',
] as const;
export type InterestNature = (typeof INTEREST_NATURES)[number];

/** The CHECK of every declaration table: a nature exactly when an interest is declared, one of the list. */
export const INTEREST_DECLARATION_CHECK = `("has_interest" = ("nature" IS NOT NULL)) AND ("nature" IS NULL OR "nature" IN (${INTEREST_NATURES.map((nature) => `'${nature}'`).join(', ')}))`;

export const INTEREST_LABELS: Record<InterestNature, string> = {
  ASSOCIE: 'associé de la SCIC',
  OFFICER: 'dirigeant ou mandataire social de la SCIC',
  EMPLOYEE: 'salarié de la SCIC',
  FAMILY_TIE: 'lien familial avec un dirigeant ou un associé',
  DEPARTEMENT_REPRESENTATIVE: 'représentant du Département au sein de la SCIC',
  OTHER: 'autre intérêt',
};

export const VOTE_POSITIONS = ['FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ABSTENTION'] as const;
export type VotePosition = (typeof VOTE_POSITIONS)[number];

export const VOTE_LABELS: Record<VotePosition, string> = {
  FAVOURABLE: 'favorable',
  FAVOURABLE_WITH_CONDITIONS: 'favorable sous conditions',
  UNFAVOURABLE: 'défavorable',
  ABSTENTION: 'abstention',
};

export const OPINION_LABELS: Record<string, string> = {
  FAVOURABLE: 'Favorable',
  FAVOURABLE_WITH_CONDITIONS: 'Favorable sous conditions',
  UNFAVOURABLE: 'Défavorable',
  ADJOURNED: 'Ajourné (retour à l’analyse économique)',
};

/** What the API and the minutes say of a member who declared an interest. */
export const RECUSED_LABEL = 'déporté';
