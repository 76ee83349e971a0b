import { ApiProperty } from '@nestjs/swagger';
import { IsCents, IsCleanText, IsNotBlank } from '../../common/validation.js';
import { ChangeReasonDto } from './change-reason.dto.js';

/** Administrator's setting of a year's envelope: the voted amount, its programme authorisation, and why. */
export class BudgetEnvelopeDto extends ChangeReasonDto {
  @ApiProperty({ description: 'Voted amount in euro cents.' })
  @IsCents()
  amountCents!: number;

  @ApiProperty({ maxLength: 100, example: 'AP 2026-SCIC' })
  @IsCleanText(100)
  @IsNotBlank('programmeReference est obligatoire.')
  programmeReference!: string;
}
