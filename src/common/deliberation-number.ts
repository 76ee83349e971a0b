/**
 * A délibération number as the clerk types it, and the form under which two numbers are
 * the same délibération (DOMAIN step 5: unique). « CP-2026-100 », « cp-2026-100 »,
 * « CP‐2026‐100 » (U+2010) and « ＣＰ－２０２６－１００ » (full width) are one number:
 * - Unicode NFKC (compatibility forms: full width, ligatures, no-break spaces);
 * - every dash variant (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D) becomes '-';
 * - case folded (lower, upper, then lower case, so that « ẞ », « ß » and « SS » meet), NFKC again;
 * - trimmed.
 * Invisible and control characters (Unicode categories Cf and Cc: zero-width spaces and
 * joiners, BOM, bidirectional marks, soft hyphen, tabs, newlines) are refused rather than
 * dropped: a number that looks like another but is not must not be recorded.
 * Pure; shared by the event's validation (workflow DTO), the decisions and the tests.
 */
import { ValidateBy } from 'class-validator';

/** The field's label in messages. */
export const DELIBERATION_NUMBER_LABEL = '« Numéro de délibération »';
export const DELIBERATION_NUMBER_MAX_LENGTH = 50;

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Cf (format: U+200B–U+200F, U+2060–U+2064, U+FEFF, U+00AD…) and Cc (controls). */
const INVISIBLE = /[\p{Cf}\p{Cc}]/u;

export function normalizeDeliberationNumber(raw: string): string {
  return raw.normalize('NFKC').replace(DASHES, '-').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC').trim();
}

/** Why the number cannot be recorded, in French, or null when it can. */
export function deliberationNumberProblem(raw: unknown): string | null {
  if (typeof raw !== 'string') return `${DELIBERATION_NUMBER_LABEL} doit être une chaîne de caractères.`;
  if (!(raw as string & { isWellFormed(): boolean }).isWellFormed())
    return `${DELIBERATION_NUMBER_LABEL} contient un caractère Unicode invalide.`;
  const invisible = INVISIBLE.exec(raw);
  if (invisible) {
    const code = invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `${DELIBERATION_NUMBER_LABEL} contient un caractère invisible ou de contrôle (U+${code}) : saisissez le numéro tel qu’il figure sur la délibération.`;
  }
  if (raw.length > DELIBERATION_NUMBER_MAX_LENGTH) {
    return `${DELIBERATION_NUMBER_LABEL} ne doit pas dépasser ${DELIBERATION_NUMBER_MAX_LENGTH} caractères.`;
  }
  return null;
}

/** Class-validator decorator: a string, at most 50 characters, with no invisible or control character. */
export function IsDeliberationNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'deliberationNumber',
    validator: {
      validate: (value: unknown) => deliberationNumberProblem(value) === null,
      defaultMessage: (args) => deliberationNumberProblem(args?.value) ?? `${DELIBERATION_NUMBER_LABEL} est invalide.`,
    },
  });
}
