/**
 * French formatting: dates `22 novembre 2026`, amounts `12 500,00 €` (Intl puts the
 * non-breaking spaces), plurals. Amounts travel as integer cents and are typed in euros.
 */
import { PLURALS } from './i18n/fr';

const TIME_ZONE = 'Europe/Paris';
const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const integer = new Intl.NumberFormat('fr-FR');
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});
const pluralRules = new Intl.PluralRules('fr-FR');

export function formatCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : money.format(cents / 100);
}

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** Basis points as a percentage: 5750 → `57,5 %`. */
export function formatBasisPoints(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${integer.format(value / 100)}\u00a0%`;
}

/** A calendar date `2026-11-22` (or an ISO instant) → `22 novembre 2026`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  if (value.length > 10) {
    // An instant: its calendar day in the département's time zone.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
    return longDate.format(new Date(`${day}T00:00:00Z`));
  }
  return longDate.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

/** `3 dossiers`, `1 dossier`, `0 dossier` (French: 0 and 1 take the singular). */
export function plural(count: number, word: keyof typeof PLURALS): string {
  const [one, other] = PLURALS[word];
  return `${integer.format(count)} ${pluralRules.select(count) === 'one' ? one : other}`;
}

/** Euros as typed (`12 500,50`, `12500.5`) → cents; undefined when not a number. */
export function parseEuros(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!cleaned) return undefined;
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

/** Cents → the text an input shows (`12500,5` → `12 500,50`, no currency sign). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** Percent as typed (`57,5`) → basis points (5750). */
export function parsePercent(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  if (!cleaned || !/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

export function basisPointsToInput(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value / 100).replace('.', ',');
}

/** Today in the département (YYYY-MM-DD). */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}
