/**
 * The bounds an administrator's change of a threshold must respect (issue 15): the law
 * fixes a ceiling (the public cap), a floor (the reserves) or a range (the colleges'
 * votes), which policy may tighten but never loosen; the other thresholds keep to a sane
 * range. Declared beside each threshold (thresholds.ts), so that a new threshold only
 * declares its bound; checked here, pure.
 */
import type { ThresholdCode } from '../analysis.types.js';

/**
 * How policy may move the value against the law: `AT_MOST` — lowered, never raised above
 * `max`; `AT_LEAST` — raised, never lowered below `min`; `WITHIN` — anywhere in the range.
 */
export type ThresholdUnit = 'BASIS_POINTS' | 'CENTS' | 'YEARS' | 'DAYS' | 'MONTHS';

export type BoundDirection = 'AT_MOST' | 'AT_LEAST' | 'WITHIN';

export interface ThresholdBound {
  direction: BoundDirection;
  /** Smallest value allowed, inclusive. */
  min: number;
  /** Largest value allowed, inclusive. */
  max: number;
  /** The bound in French with its source: the message of a refusal, shown beside the field. */
  rule: string;
  /** The value may not exceed this other threshold's current value. */
  notAbove?: ThresholdCode;
  /** The value may not fall below this other threshold's current value. */
  notBelow?: ThresholdCode;
}

/** A configurable threshold: its seed value, legal source and the bound an administrator must respect. */
export interface ThresholdDefinition {
  code: ThresholdCode;
  label: string;
  unit: ThresholdUnit;
  value: number;
  source: string;
  /** What an administrator may set: the law's ceiling or floor, or a sane range. */
  bound: ThresholdBound;
}

/** A legal ceiling: policy may lower the value, never raise it above `max`. */
export function atMost(max: number, rule: string, min = 0): ThresholdBound {
  return { direction: 'AT_MOST', min, max, rule };
}

/** A legal floor: policy may raise the value (up to `max`), never lower it below `min`. */
export function atLeast(min: number, max: number, rule: string): ThresholdBound {
  return { direction: 'AT_LEAST', min, max, rule };
}

export function within(
  min: number,
  max: number,
  rule: string,
  tie: Pick<ThresholdBound, 'notAbove' | 'notBelow'> = {},
): ThresholdBound {
  return { direction: 'WITHIN', min, max, rule, ...tie };
}

const NBSP = '\u00a0';
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** A value in its unit, in French: 5000 bp → « 50 % », 24 months → « 24 mois ». */
export function formatThresholdValue(unit: ThresholdUnit, value: number): string {
  switch (unit) {
    case 'BASIS_POINTS':
      return `${NUMBER.format(value / 100)}${NBSP}%`;
    case 'CENTS':
      return EUROS.format(value / 100);
    case 'YEARS':
      return `${NUMBER.format(value)}${NBSP}${value < 2 ? 'an' : 'ans'}`;
    case 'DAYS':
      return `${NUMBER.format(value)}${NBSP}${value < 2 ? 'jour' : 'jours'}`;
    case 'MONTHS':
      return `${NUMBER.format(value)}${NBSP}mois`;
  }
}

/**
 * Why `value` cannot be set for `definition`, in French; null when it can. `current`
 * gives the other thresholds' values (for a pair such as the colleges' minimum and
 * maximum, read under lock by the caller).
 */
export function thresholdBoundViolation(
  definition: Pick<ThresholdDefinition, 'label' | 'unit' | 'bound'>,
  value: number,
  current: (code: ThresholdCode) => { label: string; value: number } | undefined,
): string | null {
  const { bound, unit, label } = definition;
  if (!Number.isSafeInteger(value) || value < 0) return `« ${label} » doit être un nombre entier positif ou nul.`;
  if (value < bound.min || value > bound.max) return bound.rule;
  const above = bound.notAbove && current(bound.notAbove);
  if (above && value > above.value) {
    return (
      `« ${label} » (${formatThresholdValue(unit, value)}) ne peut pas dépasser ` +
      `« ${above.label} » (${formatThresholdValue(unit, above.value)}).`
    );
  }
  const below = bound.notBelow && current(bound.notBelow);
  if (below && value < below.value) {
    return (
      `« ${label} » (${formatThresholdValue(unit, value)}) ne peut pas être inférieure à ` +
      `« ${below.label} » (${formatThresholdValue(unit, below.value)}).`
    );
  }
  return null;
}
