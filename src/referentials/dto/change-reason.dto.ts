import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { IsCleanText } from '../../common/validation.js';

/** Fewer characters than this, once trimmed, do not say why (« ok », « maj »). */
export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 1000;

/**
 * Every administrative change of a referential, a threshold or an envelope says why
 * (issue 16): the reason is written with the before and after in the administration
 * journal.
 */
export class ChangeReasonDto {
  @ApiProperty({
    minLength: REASON_MIN_LENGTH,
    maxLength: REASON_MAX_LENGTH,
    description: 'Why the change is made (at least 10 characters once trimmed); kept in the administration journal.',
    example: 'Délibération du conseil départemental du 12 octobre 2026.',
  })
  @IsCleanText(REASON_MAX_LENGTH)
  @ValidateBy({
    name: 'meaningfulReason',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.trim().length >= REASON_MIN_LENGTH,
      defaultMessage: () =>
        `Le motif de la modification est obligatoire : ${REASON_MIN_LENGTH} caractères au moins, qui disent pourquoi.`,
    },
  })
  reason!: string;
}
