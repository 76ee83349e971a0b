import { formatEuros as formatEurosFromAmountRules } from '../dossiers/amount-rules.js';
import {
  NBSP,
  NNBSP,
  formatCount,
  formatEuros,
  formatFrenchDate,
  formatFrenchTime,
  frenchList,
  plural,
} from './french-format.js';

describe('formatEuros', () => {
  it.each([
    [5_000_000, `50${NNBSP}000,00${NBSP}€`],
    [10_000, `100,00${NBSP}€`],
    [1, `0,01${NBSP}€`],
    [123_456_789, `1${NNBSP}234${NNBSP}567,89${NBSP}€`],
    [0, `0,00${NBSP}€`],
  ])('%i cents → %j', (cents, expected) => {
    expect(formatEuros(cents)).toBe(expected);
  });

  it('is the one the amount rules re-export', () => {
    expect(formatEurosFromAmountRules).toBe(formatEuros);
  });
});

describe('formatFrenchDate', () => {
  it.each([
    ['2026-11-22', '22 novembre 2026'],
    ['2026-12-01', '1er décembre 2026'],
    ['2027-02-02', '2 février 2027'],
    ['2026-08-15T10:00:00Z', '15 août 2026'],
  ])('%s → %s', (iso, expected) => {
    expect(formatFrenchDate(iso)).toBe(expected);
  });
});

describe('formatFrenchTime', () => {
  it.each([
    ['14:30', `14${NBSP}h${NBSP}30`],
    ['09:00', `9${NBSP}h`],
    ['18:05', `18${NBSP}h${NBSP}05`],
  ])('%s → %j', (time, expected) => {
    expect(formatFrenchTime(time)).toBe(expected);
  });
});

describe('counts and lists', () => {
  it('groups thousands with a no-break space every font has', () => {
    expect(formatCount(2_000)).toBe(`2${NBSP}000`);
    expect(formatCount(999)).toBe('999');
  });

  it.each([
    [0, `0${NBSP}part`],
    [1, `1${NBSP}part`],
    [2, `2${NBSP}parts`],
    [2_000, `2${NBSP}000${NBSP}parts`],
  ])('plural(%i) → %j', (count, expected) => {
    expect(plural(count, 'part')).toBe(expected);
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a et b'],
    [['a', 'b', 'c'], 'a, b et c'],
  ])('frenchList(%j) → %j', (items, expected) => {
    expect(frenchList(items)).toBe(expected);
  });
});
