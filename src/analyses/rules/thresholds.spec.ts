import { MARKER_CODES, THRESHOLD_CODES } from '../analysis.types.js';
import { DEFAULT_THRESHOLDS, MARKER_DEFINITIONS, THRESHOLD_DEFINITIONS } from './thresholds.js';

describe('THRESHOLD_DEFINITIONS (seed of the threshold referential)', () => {
  it('defines every threshold code exactly once', () => {
    expect(THRESHOLD_DEFINITIONS.map((definition) => definition.code).sort()).toEqual([...THRESHOLD_CODES].sort());
  });

  it.each<[string, number, string, RegExp]>([
    ['PUBLIC_CAP_BP', 5_000, 'BASIS_POINTS', /L47 art\. 19 septies al\. 4/],
    ['LEGAL_RESERVE_MIN_BP', 1_500, 'BASIS_POINTS', /^loi 47-1775, art\. 16$/],
    ['STATUTORY_RESERVE_MIN_OF_REMAINDER_BP', 5_000, 'BASIS_POINTS', /^loi 47-1775, art\. 19 nonies$/],
    ['COOPERATIVE_REVISION_MAX_YEARS', 5, 'YEARS', /L47 art\. 25-1.*2015-706/],
    ['INTEREST_ON_SHARES_CAP_BP', 600, 'BASIS_POINTS', /L47 art\. 14/],
    ['CEILING_PER_SCIC_CENTS', 10_000_000, 'CENTS', /^Règle interne du Département$/],
    ['COLLEGE_MIN_BP', 1_000, 'BASIS_POINTS', /L47 art\. 19 octies/],
    ['COLLEGE_MAX_BP', 5_000, 'BASIS_POINTS', /L47 art\. 19 octies/],
    ['EQUITY_RATIO_MIN_BP', 2_000, 'BASIS_POINTS', /Règle interne du Département/],
    ['GEARING_MAX_BP', 10_000, 'BASIS_POINTS', /Règle interne du Département/],
    ['DEBT_TO_CAF_MAX_YEARS', 5, 'YEARS', /Règle interne du Département/],
    ['CASH_MIN_DAYS', 30, 'DAYS', /Règle interne du Département/],
    ['SUBSIDY_SHARE_MAX_BP', 5_000, 'BASIS_POINTS', /Règle interne du Département/],
    ['CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS', 24, 'MONTHS', /CGCT art\. L1522-5/],
  ])('%s = %i %s, source %s', (code, value, unit, source) => {
    const definition = THRESHOLD_DEFINITIONS.find((candidate) => candidate.code === code);
    expect(definition).toMatchObject({ value, unit });
    expect(definition?.source).toMatch(source);
    expect(DEFAULT_THRESHOLDS[code as keyof typeof DEFAULT_THRESHOLDS]).toBe(value);
  });

  it('tells the administrator to update the interest cap (TMO + 2 points)', () => {
    const definition = THRESHOLD_DEFINITIONS.find((candidate) => candidate.code === 'INTEREST_ON_SHARES_CAP_BP');
    expect(definition?.label).toMatch(/TMO/);
    expect(definition?.label).toMatch(/mettre à jour par l’administrateur/);
  });

  it('fits the referential columns (label ≤ 200, source ≤ 300) and uses integer values', () => {
    for (const definition of THRESHOLD_DEFINITIONS) {
      expect(definition.label.length).toBeLessThanOrEqual(200);
      expect(definition.source.length).toBeLessThanOrEqual(300);
      expect(Number.isSafeInteger(definition.value)).toBe(true);
    }
  });

  it('DEFAULT_THRESHOLDS is frozen', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
  });
});

describe('MARKER_DEFINITIONS (seed of the six transformation markers)', () => {
  it('lists the six markers once each, in radar order', () => {
    expect(MARKER_DEFINITIONS.map((marker) => marker.code)).toEqual([...MARKER_CODES]);
    expect(MARKER_DEFINITIONS.map((marker) => marker.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['AUTONOMY', 'Autonomie'],
    ['CAPABILITIES', 'Capabilités'],
    ['SOCIAL_JUSTICE', 'Justice sociale'],
    ['COMMONS', 'Patrimonialisation en commun'],
    ['SUSTAINABILITY', 'Durabilité'],
    ['RESILIENCE', 'Résilience des territoires'],
  ])('%s is labelled %s, described, with levels 0–3', (code, label) => {
    const marker = MARKER_DEFINITIONS.find((candidate) => candidate.code === code);
    expect(marker?.label).toBe(label);
    expect(marker?.description.trim().length).toBeGreaterThan(20);
    expect(marker?.levels.map((level) => level.level)).toEqual([0, 1, 2, 3]);
    for (const level of marker?.levels ?? []) {
      expect(level.label.trim()).not.toBe('');
      expect(level.example.trim()).not.toBe('');
    }
  });

  it('seeds the Autonomie levels from the département’s grid', () => {
    const [autonomy] = MARKER_DEFINITIONS;
    expect(autonomy.levels[0].example).toMatch(/ne contribue pas/);
    expect(autonomy.levels[1].example).toMatch(/écologique ou naturelle/);
    expect(autonomy.levels[2].example).toMatch(/écologique, naturelle et locale/);
    expect(autonomy.levels[3].example).toMatch(/pratiques complémentaires.*territoire/);
  });

  it('leaves the other markers’ levels for the administrator', () => {
    for (const marker of MARKER_DEFINITIONS.slice(1)) {
      expect(marker.levels).toEqual(
        [0, 1, 2, 3].map((level) => ({
          level,
          label: `Niveau ${level}`,
          example: 'À compléter par l’administrateur',
        })),
      );
    }
  });
});
