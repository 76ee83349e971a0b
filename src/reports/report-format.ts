/** French wording and number formats of the note de synthèse. Pure. */
import type { FitConclusion, StatementKind } from '../analyses/analysis.types.js';
import type { RatioResult } from '../analyses/rules/ratios.js';
import { NBSP } from '../common/french-format.js';

/** The conclusion of an analysis, as the form words it (analyses/rules/problem-helpers.ts). */
export const CONCLUSION_LABELS: Readonly<Record<FitConclusion, string>> = {
  FITS: 'S’inscrit dans les orientations du Département',
  FITS_WITH_RESERVATIONS: 'S’inscrit dans les orientations du Département, avec réserves',
  DOES_NOT_FIT: 'Ne s’inscrit pas dans les orientations du Département',
};

export const STATEMENT_KIND_LABELS: Readonly<Record<StatementKind, string>> = {
  ACTUAL: 'réel',
  FORECAST: 'prévisionnel',
};

export const NOT_FILLED = 'non renseigné';

const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A decimal number the French way (`3.75` → « 3,75 »), thousands with a no-break space. */
export function formatDecimal(value: number): string {
  return DECIMAL.format(value).replace(/[\u202f ]/g, NBSP);
}

/** `812345678` → « 812 345 678 », the way a SIREN is printed. */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)}${NBSP}${siren.slice(3, 6)}${NBSP}${siren.slice(6)}` : siren;
}

/** A ratio's value with its unit: « 37,5 % », « 0,5 », « 3,75 ans », « 62,93 jours »; « n. c. » when not computable. */
export function formatRatio(ratio: RatioResult): string {
  if (ratio.value === null) return ratio.status === 'ALERT' ? 'alerte' : 'n.\u00a0c.';
  const value = formatDecimal(ratio.value);
  switch (ratio.unit) {
    case 'PERCENT':
      return `${value}${NBSP}%`;
    case 'RATIO':
      return value;
    case 'YEARS':
      return `${value}${NBSP}${ratio.value < 2 ? 'an' : 'ans'}`;
    case 'DAYS':
      return `${value}${NBSP}${ratio.value < 2 ? 'jour' : 'jours'}`;
  }
}

/** « oui » / « non » / « non vérifiable » for a check that may not be decidable. */
export function yesNo(value: boolean | null, unknown = 'non vérifiable'): string {
  return value === null ? unknown : value ? 'oui' : 'non';
}

/** The first letter in capitals (seat labels read « la Mission ESS » inside a sentence). */
export function capitalised(text: string): string {
  return text ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}
