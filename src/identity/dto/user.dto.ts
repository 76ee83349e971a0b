import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  MinLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '../../common/actor.js';
import { IsCleanText, IsNotBlank } from '../../common/validation.js';
import { MIN_PASSWORD_LENGTH } from '../password.js';

const ROLE_MESSAGE = `role doit être l'un de : ${ROLES.join(', ')}.`;
const PASSWORD_MESSAGE = `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`;

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;
}

export class CreateUserDto {
  @ApiProperty({ example: 'marie.dupont@departement.fr' })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  @IsCleanText(254)
  email!: string;

  @ApiProperty({ example: 'Marie Dupont' })
  @IsCleanText(120)
  @IsNotBlank('Le nom est obligatoire.')
  displayName!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsCleanText(200)
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  password!: string;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray({ message: 'roles doit être une liste.' })
  @ArrayMinSize(1, { message: 'Au moins un rôle est requis.' })
  @ArrayMaxSize(6, { message: 'Six rôles au plus.' })
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles!: RoleGrantDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsCleanText(120)
  @IsNotBlank('Le nom ne peut pas être vide.')
  displayName?: string;

  @ApiPropertyOptional({ type: [RoleGrantDto], description: 'Replaces the roles.' })
  @IsOptional()
  @IsArray({ message: 'roles doit être une liste.' })
  @ArrayMinSize(1, { message: 'Au moins un rôle est requis.' })
  @ArrayMaxSize(6, { message: 'Six rôles au plus.' })
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles?: RoleGrantDto[];

  @ApiPropertyOptional({ description: 'false deactivates the account and ends its sessions and tokens.' })
  @IsOptional()
  @IsBoolean({ message: '$property doit valoir true ou false.' })
  active?: boolean;

  @ApiPropertyOptional({ description: 'Why: required to change the roles or to deactivate the account.' })
  @IsOptional()
  @IsCleanText(500)
  @IsNotBlank('Le motif ne peut pas être vide.')
  reason?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'Why the password is reset (journaled).' })
  @IsCleanText(500)
  @IsNotBlank('Le motif est obligatoire.')
  reason!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsCleanText(200)
  @IsNotBlank('Le mot de passe actuel est obligatoire.')
  currentPassword!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsCleanText(200)
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  newPassword!: string;
}

export class LoginDto {
  @ApiProperty()
  @IsCleanText(254)
  @IsNotBlank("L'adresse e-mail est obligatoire.")
  email!: string;

  @ApiProperty()
  @IsCleanText(200)
  @IsNotBlank('Le mot de passe est obligatoire.')
  password!: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'The role to act under, for a user holding several.' })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;
}

export class SwitchRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'Export tableur' })
  @IsCleanText(100)
  @IsNotBlank('Le nom du jeton est obligatoire.')
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'The role the token acts under (one the user holds).' })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 90 })
  @IsOptional()
  @IsInt({ message: 'La durée de validité (expiresInDays) doit être un nombre entier de jours.' })
  @Min(1, { message: 'La durée de validité (expiresInDays) doit valoir au moins 1 jour.' })
  @Max(365, { message: 'La durée de validité (expiresInDays) ne doit pas dépasser 365 jours.' })
  expiresInDays?: number;

  @ApiPropertyOptional({
    description: 'The caller’s password, when the session’s last authentication is five minutes old or more.',
  })
  @IsOptional()
  @IsCleanText(200)
  @IsNotBlank('Le mot de passe de confirmation ne peut pas être vide.')
  password?: string;
}

/** Confirms the signatory's identity (signing a correction). */
export class SignatureConfirmationDto {
  @ApiPropertyOptional({
    description: 'The signatory’s password, when the session’s last authentication is five minutes old or more.',
  })
  @IsOptional()
  @IsCleanText(200)
  @IsNotBlank('Le mot de passe de confirmation ne peut pas être vide.')
  password?: string;
}
