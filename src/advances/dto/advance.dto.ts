import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsCalendarDate, IsCents, IsCleanText } from '../../common/validation.js';
import { ADVANCE_CLOSING_REASONS, type AdvanceClosingReason } from '../shareholder-advance.entity.js';

export class RecordAdvanceDto {
  /** Checked by the rule (422 CONVENTION_REQUIRED) rather than here, so that step 3 and recording share one check. */
  @ApiProperty({
    maxLength: 120,
    example: 'Convention CCA-2026-07',
    description: 'Reference of the advance convention.',
  })
  @IsOptional()
  @IsCleanText(120)
  conventionReference?: string;

  @ApiProperty({
    example: '2026-11-20',
    description: 'Date the convention was signed, YYYY-MM-DD, not after the start.',
  })
  @IsCalendarDate()
  conventionDate!: string;

  @ApiProperty({ description: 'Amount advanced, in euro cents.' })
  @IsCents()
  amountCents!: number;

  @ApiProperty({ example: '2026-11-23', description: 'Date the advance starts, YYYY-MM-DD.' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({
    minimum: 1,
    example: 24,
    description: 'Term in months; at most the threshold CURRENT_ACCOUNT_ADVANCE_MAX_MONTHS (24).',
  })
  @IsInt({ message: 'termMonths doit être un nombre entier de mois.' })
  @Min(1, { message: 'termMonths vaut au moins 1 mois.' })
  @Max(1200, { message: 'termMonths est trop grand.' })
  termMonths!: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The advance this one renews (once only).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'renewalOf doit être l’identifiant d’une avance.' })
  renewalOf?: string | null;
}

export class CloseAdvanceDto {
  @ApiProperty({ example: '2027-06-30', description: 'Date the advance was repaid, YYYY-MM-DD, not after today.' })
  @IsCalendarDate()
  closedOn!: string;

  @ApiProperty({ enum: ['REPAID'], description: 'REPAID (a renewal closes the advance it renews by itself).' })
  @IsIn(['REPAID'] satisfies AdvanceClosingReason[], { message: 'reason doit valoir REPAID (remboursée).' })
  reason!: (typeof ADVANCE_CLOSING_REASONS)[number];
}
