/**
 * The field shapes the analysis DTOs repeat: each may be null while the instructor has
 * not filled it, and carries its OpenAPI description with its validation.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCleanText, IsWholeCents } from '../../common/validation.js';
import { FIT_CONCLUSIONS } from '../analysis.types.js';

/** Free text of at most `maxLength` characters, or null. */
export function OptionalText(maxLength: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ nullable: true, type: String, maxLength }),
    IsOptional(),
    IsCleanText(maxLength),
  );
}

/** Whole euro cents (negative allowed for results and equity), or null. */
export function OptionalCents(options: { allowNegative?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ nullable: true, type: Number, description: 'Cents.' }),
    IsOptional(),
    IsWholeCents(options),
  );
}

/** The analyst's conclusion of a step, or null. */
export function OptionalConclusion(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ nullable: true, enum: FIT_CONCLUSIONS }),
    IsOptional(),
    IsIn(FIT_CONCLUSIONS, { message: `conclusion doit être l'une de : ${FIT_CONCLUSIONS.join(', ')}.` }),
  );
}
