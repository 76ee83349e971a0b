import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { SEAT_CATEGORIES, type SeatCategory } from '../seats.js';

export class GiveSeatDto {
  @ApiProperty({ format: 'uuid', description: 'A user holding the committee_member role.' })
  @IsUUID('all', { message: 'userId doit être l’identifiant (UUID) d’un utilisateur.' })
  userId!: string;

  @ApiProperty({ enum: SEAT_CATEGORIES })
  @IsIn(SEAT_CATEGORIES, { message: `seatCategory doit être l'un de : ${SEAT_CATEGORIES.join(', ')}.` })
  seatCategory!: SeatCategory;

  @ApiPropertyOptional({ description: 'Departmental service code (referential), for a DEPARTMENTAL_SERVICE seat.' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: 'serviceCode doit être le code d’un service départemental (ex. DIE).' })
  serviceCode?: string;
}

export class SeatViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SEAT_CATEGORIES }) seatCategory!: SeatCategory;
  @ApiProperty() seatLabel!: string;
  @ApiPropertyOptional({ nullable: true }) serviceCode!: string | null;
  @ApiPropertyOptional({ nullable: true }) serviceLabel!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional({ nullable: true }) endedAt!: string | null;
}

export class MemberViewDto {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'The account is active.' }) active!: boolean;
  @ApiProperty({ description: 'The user still holds the committee_member role.' }) holdsRole!: boolean;
  @ApiProperty({ type: [SeatViewDto] }) seats!: SeatViewDto[];
}
