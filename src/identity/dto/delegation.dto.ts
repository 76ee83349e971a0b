import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsCleanText, IsNotBlank } from '../../common/validation.js';
import { DELEGATION_SCOPES, type DelegationScope } from '../signing-delegation.entity.js';

/** An administrator records the arrêté that delegates signature to an élu. */
export class RecordDelegationDto {
  @ApiProperty({ example: 'Arrêté n° 2026-001 portant délégation de signature' })
  @IsCleanText(120)
  @IsNotBlank('La référence de l’arrêté est obligatoire.')
  arreteReference!: string;

  @ApiProperty({ example: '2026-01-15', description: 'Date of the arrêté (not after today).' })
  @IsCalendarDate()
  arreteDate!: string;

  @ApiProperty({
    enum: DELEGATION_SCOPES,
    description:
      'Which decisions the élu may sign: ALL, or only those of one deciding body (COMMISSION_PERMANENTE, CONSEIL_DEPARTEMENTAL).',
  })
  @IsIn(DELEGATION_SCOPES, { message: `La portée doit être l'une de : ${DELEGATION_SCOPES.join(', ')}.` })
  scope!: DelegationScope;

  @ApiProperty({ example: '2026-01-16' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiPropertyOptional({ example: '2028-03-31', description: 'Last day in force; none: until revoked.' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;
}

/** A reason, required where an administrator withdraws or changes something. */
export class ReasonDto {
  @ApiProperty({ example: 'Fin du mandat de vice-présidente' })
  @IsCleanText(500)
  @IsNotBlank('Le motif est obligatoire.')
  reason!: string;
}
