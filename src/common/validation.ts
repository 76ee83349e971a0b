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

export interface FieldError {
  field: string;
  messages: string[];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [
          {
            field,
            // class-validator's own text for an unknown field is English: say it in French.
            messages: Object.entries(error.constraints).map(([constraint, message]) =>
              constraint === 'whitelistValidation' ? `Champ inconnu : ${field}.` : message,
            ),
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationFailed(fields: FieldError[]): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, { fields });
}

export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
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
