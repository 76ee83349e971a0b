/**
 * The body of PUT /dossiers/:id/analyses/activity: the whole step-1 analysis as the
 * instructor has it so far. Every field may be null (saved as written); types and ranges
 * are checked here (422), completeness by the step's rules.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalCents, OptionalConclusion, OptionalText } from './fields.js';
import { IsCalendarDate, IsCleanText, IsDecimal } from '../../common/validation.js';
import type { FitConclusion } from '../analysis.types.js';

export class ActivityAnalysisDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: '2019-05-14' })
  @IsOptional()
  @IsCalendarDate()
  creationDate?: string | null;

  @OptionalText(300)
  registeredAddress?: string | null;

  @OptionalText(300)
  territoryServed?: string | null;

  @OptionalText(200)
  sector?: string | null;

  @OptionalText(10_000)
  activitiesDescription?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Full-time equivalents, two decimals at most.' })
  @IsOptional()
  @IsDecimal(2, 'employeesFte doit être un nombre (deux décimales au plus).')
  @Min(0, { message: 'employeesFte ne peut pas être négatif.' })
  @Max(9_999_999, { message: 'employeesFte est trop grand.' })
  employeesFte?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsInt({ message: 'beneficiariesReached doit être un nombre entier.' })
  @Min(0, { message: 'beneficiariesReached ne peut pas être négatif.' })
  @Max(2_000_000_000, { message: 'beneficiariesReached est trop grand.' })
  beneficiariesReached?: number | null;

  @OptionalCents()
  turnoverCents?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'Codes of the policy orientations (referential).' })
  @IsOptional()
  @IsArray({ message: 'orientationCodes doit être une liste.' })
  @ArrayMaxSize(20, { message: 'orientationCodes : 20 orientations au plus.' })
  @IsCleanText(40, { each: true })
  orientationCodes?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The departmental competence (referential).' })
  @IsOptional()
  @IsCleanText(40)
  competenceCode?: string | null;

  @OptionalText(10_000)
  fitAssessment?: string | null;

  @OptionalConclusion()
  conclusion?: FitConclusion | null;

  @OptionalText(10_000)
  comments?: string | null;
}
