/**
 * One validation policy for every body: unknown fields are refused, types are not
 * coerced, and a refusal names each failing field with its messages (422).
 */
import { applyDecorators, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, ValidateBy, validate } from 'class-validator';
import { isCalendarDate } from './calendar-date.js';
import { DomainError } from './errors/domain-error.js';
import { ErrorCode } from './errors/error-code.js';
import { FIELD_LABELS } from './field-labels.js';

export interface FieldError {
  field: string;
  messages: string[];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = '', parentLabel?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const label = /^\d+$/.test(error.property) && parentLabel ? parentLabel : fieldLabel(error);
    const own = error.constraints
      ? [
          {
            field,
            messages: Object.entries(error.constraints).map(([constraint, message]) =>
              constraint === 'whitelistValidation'
                ? // class-validator's own text for an unknown field is English: say it in French.
                  `Champ inconnu : ${field}.`
                : frenchMessage(error, label, constraint, message),
            ),
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field, label)];
  });
}

/** The French label of a failing property (an item of a list takes its list's label). */
export function fieldLabel(error: ValidationError): string {
  const owner = (error.target as object | undefined)?.constructor?.name;
  const property = error.property;
  const labelOf = (name: string): string | undefined =>
    (owner && FIELD_LABELS[`${owner}.${name}`]) || FIELD_LABELS[name];
  return labelOf(property) ?? 'Ce champ';
}

const NUMBER_CONSTRAINTS = new Set(['min', 'max', 'isPositive', 'isNegative', 'isInt', 'isNumber', 'decimal']);
const LIST_CONSTRAINTS = new Set(['isArray', 'arrayUnique', 'arrayMaxSize', 'arrayMinSize', 'arrayNotEmpty']);
const CHOICE_CONSTRAINTS = new Set(['isIn', 'isEnum']);
/** A property name (camelCase) or a code (SCREAMING_CASE) that a person should never read. */
export const IDENTIFIER =
  /(?<!U\+)\b(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+|(?!AAAA\b|SIRET\b|SIREN\b|IBAN\b|SCIC\b|TTC\b|UUID\b)[A-Z]{4,})\b/;

/**
 * A DTO's message said with the field's label: types are checked before ranges (a string
 * given for a number, or a text for a list, is told so), a list of codes becomes « choisissez
 * une valeur dans la liste », amounts speak of euros, and no property or code name remains.
 */
function frenchMessage(error: ValidationError, label: string, constraint: string, message: string): string {
  if (constraint === 'nestedValidation') return `${label} : chaque élément doit être un ensemble de champs.`;
  const value: unknown = error.value;
  const isEach = message.includes('$each') || /\.\d+$/.test(error.property);
  if (LIST_CONSTRAINTS.has(constraint) && !Array.isArray(value)) return `${label} : une liste est attendue.`;
  if (NUMBER_CONSTRAINTS.has(constraint) && !isEach && (typeof value !== 'number' || Number.isNaN(value)))
    return `${label} : saisissez un nombre.`;
  // A DTO's own French sentence (« La nature de la personne publique doit être : … ») says
  // more than a generic one: it is kept whole.
  if (isOwnSentence(error.property, message)) return message.trim();
  if (CHOICE_CONSTRAINTS.has(constraint) || /doit être l['’]une? (?:de|des)/.test(message))
    return `${label} : choisissez une valeur dans la liste.`;
  let text = message.trim();
  const property = error.property;
  // A message already written as a sentence (« La durée de validité ne doit pas… ») is kept.
  const named = text.startsWith(`${property} `) || text.startsWith('$property');
  if (text.startsWith(`${property} `)) text = text.slice(property.length + 1);
  text = text.replace(/ \([a-z]+[A-Z][A-Za-z0-9]*\)/g, '');
  text = text
    .replace(/^\$property\s+/, '')
    .replace(/\$property/g, label)
    // Said as the person sees the field: euros and percents, not cents nor basis points.
    .replace(/^doit être un nombre entier de centimes/, 'saisissez un montant en euros, avec deux décimales au plus')
    .replace(
      /^doit être un nombre entier de points de base \(1 % = 100\)/,
      'saisissez un pourcentage, avec deux décimales au plus',
    )
    .replace(/^ne peut pas dépasser 10 000 \(100 %\)/, 'ne peut pas dépasser 100 %')
    .replace(/^doit être une chaîne de caractères/, 'saisissez un texte')
    .replace(/^est trop grand\b/, 'la valeur est trop grande')
    .replace(/^est trop petit\b/, 'la valeur est trop petite')
    .replace(/^doit être positif\b/, 'saisissez une valeur supérieure à zéro')
    .replace(/^ne peut pas être négatif\b/, 'saisissez une valeur positive ou nulle')
    .replace(/ \(ex\. [^)]*\)/g, '');
  if (IDENTIFIER.test(text) || /\bmust\b|\bshould\b/.test(text)) return `${label} : valeur invalide.`;
  return named ? `${label} : ${text}` : text;
}

/** A message the DTO wrote as a French sentence of its own: no property, code or English in it. */
function isOwnSentence(property: string, message: string): boolean {
  const text = message.trim();
  return (
    /^[A-ZÀ-Ý]/.test(text) &&
    !text.startsWith(`${property} `) &&
    !text.includes('$') &&
    !IDENTIFIER.test(text) &&
    !/\bmust\b|\bshould\b/.test(text)
  );
}

export function validationFailed(fields: FieldError[]): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, { fields });
}

export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  // Kept for the messages (the owner class picks the label, the value's type the wording),
  // never echoed: a refusal carries only `field` and `messages`.
  validationError: { target: true, value: true },
} as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

/** Validates a plain object against a DTO class with the same policy as the global pipe. */
export async function validateBody<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ field: '(body)', messages: ['Le corps de la requête doit être un objet JSON.'] }]);
  }
  const instance = plainToInstance(cls, body, { enableImplicitConversion: false });
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length) throw validationFailed(flattenValidationErrors(errors));
  return instance;
}

/** Control characters other than tab and newlines: refused in free text (PostgreSQL rejects NUL). */
const CLEAN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * A free-text field: a string of at most `maxLength` characters, without control
 * characters (`each: true` for every item of a list).
 */
export function IsCleanText(maxLength: number, options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  return applyDecorators(
    IsString({ each, message: '$property doit être une chaîne de caractères.' }),
    MaxLength(maxLength, { each, message: `$property ne doit pas dépasser ${maxLength} caractères.` }),
    Matches(CLEAN_TEXT, { each, message: '$property contient des caractères de contrôle interdits.' }),
    // A lone UTF-16 surrogate cannot be stored in jsonb: refused here rather than a 500 there.
    ValidateBy(
      {
        name: 'wellFormedText',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' && (value as string & { isWellFormed(): boolean }).isWellFormed(),
          defaultMessage: () => '$property contient un caractère Unicode invalide.',
        },
      },
      { each },
    ),
  );
}

/** Refuses an empty or whitespace-only string (IsNotEmpty lets "   " through). */
export function IsNotBlank(message: string): PropertyDecorator {
  return Matches(/\S/, { message });
}

/** An amount in euro cents: a positive whole number (never a decimal, never a string). */
export function IsCents(): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: '$property doit être un nombre entier de centimes.' }),
    Min(1, { message: '$property doit être positif.' }),
    Max(Number.MAX_SAFE_INTEGER, { message: '$property est trop grand.' }),
  );
}

/**
 * An amount in euro cents that may be zero (a reserve, a holding) or, with
 * `allowNegative`, below zero (a loss, negative equity): always a whole number.
 */
export function IsWholeCents(options: { allowNegative?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: '$property doit être un nombre entier de centimes.' }),
    Min(options.allowNegative ? -Number.MAX_SAFE_INTEGER : 0, {
      message: options.allowNegative ? '$property est trop petit.' : '$property ne peut pas être négatif.',
    }),
    Max(Number.MAX_SAFE_INTEGER, { message: '$property est trop grand.' }),
  );
}

/** A rate or share in basis points, 0 to 10 000 (100 %). */
export function IsBasisPoints(): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: '$property doit être un nombre entier de points de base (1 % = 100).' }),
    Min(0, { message: '$property ne peut pas être négatif.' }),
    Max(10_000, { message: '$property ne peut pas dépasser 10 000 (100 %).' }),
  );
}

/**
 * A finite number with at most `places` decimals. Not class-validator's IsNumber with
 * `maxDecimalPlaces`: it throws a TypeError (a 500) on a number JavaScript writes with an
 * exponent and no point, such as 5e-324 or 1e-7.
 */
export function IsDecimal(places: number, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'decimal',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= places,
      defaultMessage: () => message,
    },
  });
}

/** How many decimals a number has as JavaScript writes it (`1.5e-7` has 8, `1e+21` none). */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = Math.abs(value).toString().split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'calendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => '$property doit être une date valide au format AAAA-MM-JJ.',
    },
  });
}
