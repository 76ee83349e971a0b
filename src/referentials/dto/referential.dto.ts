/** Administrator's edits of the referentials: each PUT replaces the editable fields of one entry and says why. */
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { IsCleanText, IsNotBlank } from '../../common/validation.js';
import { ChangeReasonDto } from './change-reason.dto.js';

export class DepartmentalServiceDto extends ChangeReasonDto {
  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty()
  @IsBoolean({ message: 'active doit valoir true ou false.' })
  active!: boolean;
}

export class PolicyOrientationDto extends ChangeReasonDto {
  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty({ maxLength: 40, example: 'AUTONOMIE' })
  @IsCleanText(40)
  @IsNotBlank('competenceCode est obligatoire.')
  competenceCode!: string;

  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('competenceLabel est obligatoire.')
  competenceLabel!: string;

  @ApiProperty({ type: [String], description: 'Codes of the departmental services concerned (at least one).' })
  @IsArray({ message: 'serviceCodes doit être une liste.' })
  @ArrayMinSize(1, { message: 'serviceCodes : au moins un service concerné.' })
  @ArrayMaxSize(10, { message: 'serviceCodes : 10 services au plus.' })
  @IsCleanText(40, { each: true })
  serviceCodes!: string[];

  @ApiProperty()
  @IsBoolean({ message: 'active doit valoir true ou false.' })
  active!: boolean;
}

export class MarkerLevelDto {
  @ApiProperty({ minimum: 0, maximum: 3 })
  @IsInt({ message: 'level doit être un entier de 0 à 3.' })
  @Min(0, { message: 'level doit être compris entre 0 et 3.' })
  @Max(3, { message: 'level doit être compris entre 0 et 3.' })
  level!: number;

  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsCleanText(2000)
  example!: string;
}

export class TransformationMarkerDto extends ChangeReasonDto {
  @ApiProperty({ maxLength: 120 })
  @IsCleanText(120)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty({ maxLength: 4000 })
  @IsCleanText(4000)
  @IsNotBlank('description est obligatoire.')
  description!: string;

  @ApiProperty({ type: [MarkerLevelDto], description: 'Exactly the four levels 0, 1, 2, 3.' })
  @IsArray({ message: 'levels doit être une liste.' })
  @ArrayMinSize(4, { message: 'levels : les quatre niveaux 0 à 3.' })
  @ArrayMaxSize(4, { message: 'levels : les quatre niveaux 0 à 3.' })
  @ValidateNested({ each: true })
  @Type(() => MarkerLevelDto)
  levels!: MarkerLevelDto[];
}

export class ThresholdDto extends ChangeReasonDto {
  @ApiProperty({ description: 'Integer in the unit of the threshold.' })
  @IsInt({ message: 'value doit être un nombre entier.' })
  @Min(0, { message: 'value ne peut pas être négatif.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'value est trop grand.' })
  value!: number;

  @ApiProperty({ maxLength: 300, description: 'Legal source or internal rule the value comes from.' })
  @IsCleanText(300)
  @IsNotBlank('source est obligatoire.')
  source!: string;
}
