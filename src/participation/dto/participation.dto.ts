import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate, IsCents, IsCleanText, IsNotBlank } from '../../common/validation.js';

export class SubscriptionDto {
  @ApiProperty({ example: '2026-12-01', description: 'Date the subscription form was signed, YYYY-MM-DD.' })
  @IsCalendarDate()
  signedOn!: string;

  @ApiProperty({
    example: '2026-11-30',
    description: 'Date the decision became executory (transmitted for the legality review), YYYY-MM-DD.',
  })
  @IsCalendarDate()
  executoryOn!: string;
}

export class PaymentDto {
  @ApiProperty({ description: 'Amount paid, in euro cents.' })
  @IsCents()
  amountCents!: number;

  @ApiProperty({ example: '2026-12-15', description: 'Payment date, YYYY-MM-DD, not after today.' })
  @IsCalendarDate()
  paidOn!: string;

  @ApiProperty({
    maxLength: 80,
    example: 'Mandat 2026-004512',
    description: 'Accounting reference, unique per dossier.',
  })
  @IsCleanText(80)
  @IsNotBlank('reference est obligatoire (référence comptable du versement).')
  reference!: string;
}
