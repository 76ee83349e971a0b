import { ApiProperty } from '@nestjs/swagger';
import { IsCents, IsCleanText, IsNotBlank } from '../../common/validation.js';

/** Administrator's setting of a year's envelope: the voted amount and its programme authorisation. */
export class BudgetEnvelopeDto {
  @ApiProperty({ description: 'Voted amount in euro cents.' })
  @IsCents()
  amountCents!: number;

  @ApiProperty({ maxLength: 100, example: 'AP 2026-SCIC' })
  @IsCleanText(100)
  @IsNotBlank('programmeReference est obligatoire.')
  programmeReference!: string;
}
