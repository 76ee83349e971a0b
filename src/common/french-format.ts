/**
 * French formatting of amounts, dates and counts for messages, screens and generated
 * documents. Pure: the same text wherever it is shown.
 */

/** No-break space (U+00A0): before « € », « % », « : », inside « 14 h 30 ». */
export const NBSP = '\u00a0';
/** Narrow no-break space (U+202F): ICU's thousands separator in fr-FR. */
export const NNBSP = '\u202f';

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/**
 * Cents as euros, the French way: `5000000` → « 50 000,00 € » (ICU puts U+202F between
 * thousands and U+00A0 before the sign). Cents are integers; the division only shapes
 * the display.
 */
export function formatEuros(cents: number): string {
  return EUROS.format(cents / 100);
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** `2026-11-22` → « 22 novembre 2026 »; the first of the month is « 1er ». */
export function formatFrenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}

/** `14:30` → « 14 h 30 », `09:00` → « 9 h ». */
export function formatFrenchTime(hhmm: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return minutes === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(minutes).padStart(2, '0')}`;
}

/** A whole number with French thousands: `2000` → « 2 000 » (U+00A0, which every font has). */
export function formatCount(value: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(value).replace(/[\u202f ]/g, NBSP);
}

/** « 1 part » / « 200 parts »: French plural (0 and 1 singular). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)}${NBSP}${Math.abs(count) < 2 ? singular : pluralForm}`;
}

/** A list in French: « a », « a et b », « a, b et c ». */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
