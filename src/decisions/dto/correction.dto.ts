import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsCleanText, IsNotBlank } from '../../common/validation.js';
import { RecordDecisionEventDto } from '../../workflow/dto/event.dto.js';

/**
 * A corrective decision: the same fields as RECORD_DECISION (its own délibération
 * number, sitting, amount…) but not the outcome, which stays the corrected decision's,
 * and why it corrects.
 */
export class CorrectionDto extends OmitType(RecordDecisionEventDto, ['type', 'outcome', 'expectedVersion'] as const) {
  @ApiProperty({ maxLength: 2000, description: 'What the correction corrects, and why.' })
  @IsCleanText(2000)
  @IsNotBlank('reason est obligatoire : dites ce que la correction rectifie.')
  reason!: string;
}
