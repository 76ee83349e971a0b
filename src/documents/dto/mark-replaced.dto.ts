import { ApiProperty } from '@nestjs/swagger';
import { IsCleanText, IsNotBlank } from '../../common/validation.js';

export class MarkReplacedDto {
  @ApiProperty({ maxLength: 2000, description: 'Why this piece no longer stands (e.g. "Statuts modifiés en AG").' })
  @IsCleanText(2000)
  @IsNotBlank('Le motif du remplacement est obligatoire.')
  reason!: string;
}
