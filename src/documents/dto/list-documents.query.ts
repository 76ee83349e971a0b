import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { INSTRUCTION_STEPS, type InstructionStep } from '../../workflow/dossier.events.js';

export class ListDocumentsQuery {
  @ApiPropertyOptional({ description: 'Only this document type (code).' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,50}$/, { message: 'type doit être un code de type de pièce (ex. STATUTS).' })
  type?: string;

  @ApiPropertyOptional({ enum: INSTRUCTION_STEPS, description: 'Only the types this instruction step requires.' })
  @IsOptional()
  @IsIn(INSTRUCTION_STEPS, { message: `step doit être l'une des étapes : ${INSTRUCTION_STEPS.join(', ')}.` })
  step?: InstructionStep;
}
