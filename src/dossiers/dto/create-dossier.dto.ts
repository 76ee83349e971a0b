import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsOptional,
  IsIn,
  IsObject,
  ValidateNested,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsCents, IsCleanText, IsNotBlank } from '../../common/validation.js';
import { LEGAL_FORMS, type LegalForm } from '../scic.entity.js';
import { isValidSiren } from '../siren.js';

@ValidatorConstraint({ name: 'siren' })
class SirenConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidSiren(value);
  }
  defaultMessage(): string {
    return 'Le SIREN doit compter 9 chiffres et avoir une clé de contrôle valide.';
  }
}

export class ScicIdentityDto {
  @ApiProperty({ example: '732829320', description: '9 digits, Luhn-valid.' })
  @Validate(SirenConstraint)
  siren!: string;

  @ApiProperty({ example: 'SCIC Les Jardins du Littoral', maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('Le nom de la SCIC est obligatoire.')
  name!: string;

  @ApiProperty({ enum: LEGAL_FORMS, description: 'SA, SAS or SARL with variable capital (L47 art. 19 quinquies).' })
  @IsIn(LEGAL_FORMS, { message: 'La forme juridique doit être SA, SAS ou SARL.' })
  legalForm!: LegalForm;

  @ApiProperty({ example: 'Boulogne-sur-Mer', maxLength: 120 })
  @IsCleanText(120)
  @IsNotBlank('La commune est obligatoire.')
  commune!: string;
}

export class CreateDossierDto {
  @ApiProperty({ type: ScicIdentityDto })
  @IsDefined({ message: 'L’identité de la SCIC est obligatoire.' })
  @IsObject({ message: 'scic doit être un objet.' })
  @ValidateNested()
  @Type(() => ScicIdentityDto)
  scic!: ScicIdentityDto;

  @ApiProperty({ example: 2000000, description: 'Requested stake in euro cents.' })
  @IsCents()
  requestedAmountCents!: number;

  @ApiProperty({ example: 5000, description: 'Nominal value of one share, in euro cents.' })
  @IsCents()
  nominalShareValueCents!: number;

  @ApiPropertyOptional({
    example: 'contact@scic-exemple.fr',
    description: 'The SCIC contact: complement requests and the decision are sent there.',
  })
  @IsOptional()
  @IsEmail({}, { message: "L'adresse e-mail du contact est invalide." })
  @IsCleanText(254)
  contactEmail?: string;
}
