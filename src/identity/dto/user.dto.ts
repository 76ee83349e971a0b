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
  IsNotEmpty,
  IsOptional,
  Max,
  MinLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '../../common/actor.js';
import { IsCleanText } from '../../common/validation.js';
import { MIN_PASSWORD_LENGTH } from '../password.js';
import { SEAT_CATEGORIES, type SeatCategory } from '../seats.js';

const PASSWORD_MESSAGE = `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`;

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role doit être l'un de : ${ROLES.join(', ')}.` })
  role!: Role;

  @ApiPropertyOptional({ enum: SEAT_CATEGORIES, description: 'Required for committee_member.' })
  @IsOptional()
  @IsIn(SEAT_CATEGORIES, { message: `seatCategory doit être l'un de : ${SEAT_CATEGORIES.join(', ')}.` })
  seatCategory?: SeatCategory;

  @ApiPropertyOptional({ description: 'The service represented, for a DEPARTMENTAL_SERVICE seat.' })
  @IsOptional()
  @IsCleanText(120)
  @IsNotEmpty()
  departmentalService?: string;

  @ApiPropertyOptional({ description: 'Elected officials: holds a signing delegation.' })
  @IsOptional()
  @IsBoolean()
  signingDelegation?: boolean;

  @ApiPropertyOptional({ description: 'Reference of the delegation decree.' })
  @IsOptional()
  @IsCleanText(120)
  delegationReference?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'marie.dupont@departement.fr' })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  @IsCleanText(254)
  email!: string;

  @ApiProperty({ example: 'Marie Dupont' })
  @IsCleanText(120)
  @IsNotEmpty({ message: 'Le nom est obligatoire.' })
  displayName!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsCleanText(200)
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  password!: string;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'Au moins un rôle est requis.' })
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles!: RoleGrantDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsCleanText(120)
  @IsNotEmpty()
  displayName?: string;

  @ApiPropertyOptional({ type: [RoleGrantDto], description: 'Replaces the roles.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'Au moins un rôle est requis.' })
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles?: RoleGrantDto[];

  @ApiPropertyOptional({ description: 'false deactivates the account and ends its sessions and tokens.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsCleanText(200)
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  password!: string;
}

export class LoginDto {
  @ApiProperty()
  @IsCleanText(254)
  @IsNotEmpty()
  email!: string;

  @ApiProperty()
  @IsCleanText(200)
  @IsNotEmpty()
  password!: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'The role to act under, for a user holding several.' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class SwitchRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'Export tableur' })
  @IsCleanText(100)
  @IsNotEmpty()
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'The role the token acts under (one the user holds).' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}
