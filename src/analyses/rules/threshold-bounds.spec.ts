import type { ThresholdCode } from '../analysis.types.js';
import { formatThresholdValue, thresholdBoundViolation } from './threshold-bounds.js';
import { THRESHOLD_DEFINITIONS } from './thresholds.js';

const byCode = (code: ThresholdCode) => THRESHOLD_DEFINITIONS.find((definition) => definition.code === code)!;
const seeded = (code: ThresholdCode) => ({ label: byCode(code).label, value: byCode(code).value });

describe('threshold bounds', () => {
  it.each(THRESHOLD_DEFINITIONS.map((definition) => [definition.code, definition] as const))(
    '%s: the seed value lies within its own bound, and one unit beyond either end does not',
    (_code, definition) => {
      expect(thresholdBoundViolation(definition, definition.value, seeded)).toBeNull();
      expect(thresholdBoundViolation(definition, definition.bound.max + 1, () => undefined)).toBe(
        definition.bound.rule,
      );
      if (definition.bound.min > 0) {
        expect(thresholdBoundViolation(definition, definition.bound.min - 1, () => undefined)).toBe(
          definition.bound.rule,
        );
      }
    },
  );

  it.each([
    ['PUBLIC_CAP_BP', 5_000, 'AT_MOST'],
    ['LEGAL_RESERVE_MIN_BP', 1_500, 'AT_LEAST'],
    ['CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS', 24, 'AT_MOST'],
  ] as const)('%s: the law’s value %d is the bound, in direction %s', (code, legal, direction) => {
    const { bound } = byCode(code);
    expect(bound.direction).toBe(direction);
    expect(direction === 'AT_MOST' ? bound.max : bound.min).toBe(legal);
  });

  it('refuses what is not a non-negative safe integer', () => {
    const cap = byCode('PUBLIC_CAP_BP');
    for (const value of [-1, 1.5, Number.NaN, 2 ** 53]) {
      expect(thresholdBoundViolation(cap, value, seeded)).toMatch(/entier positif ou nul/);
    }
  });

  it('ties the college minimum to the maximum’s current value, and back', () => {
    const current = { COLLEGE_MIN_BP: 2_000, COLLEGE_MAX_BP: 3_000 } as Record<string, number>;
    const read = (code: ThresholdCode) =>
      current[code] === undefined ? undefined : { label: byCode(code).label, value: current[code] };
    expect(thresholdBoundViolation(byCode('COLLEGE_MIN_BP'), 3_000, read)).toBeNull();
    expect(thresholdBoundViolation(byCode('COLLEGE_MIN_BP'), 3_001, read)).toMatch(/ne peut pas dépasser/);
    expect(thresholdBoundViolation(byCode('COLLEGE_MAX_BP'), 2_000, read)).toBeNull();
    expect(thresholdBoundViolation(byCode('COLLEGE_MAX_BP'), 1_999, read)).toMatch(/ne peut pas être inférieure/);
  });

  it('writes values in their unit, in French', () => {
    expect(formatThresholdValue('BASIS_POINTS', 5_750)).toBe('57,5\u00a0%');
    expect(formatThresholdValue('MONTHS', 24)).toBe('24\u00a0mois');
    expect(formatThresholdValue('YEARS', 1)).toBe('1\u00a0an');
    expect(formatThresholdValue('DAYS', 30)).toBe('30\u00a0jours');
    expect(formatThresholdValue('CENTS', 10_000_000)).toMatch(/^100\s000,00\s€$/);
  });
});
