import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsCleanText, IsNotBlank } from '../../common/validation.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const URL_OPTIONS = { protocols: ['https', 'http'], require_protocol: true };

export class CreateSessionDto {
  @ApiProperty({ example: '2026-12-03', description: 'Day of the session (today or later), YYYY-MM-DD.' })
  @IsCalendarDate()
  sessionDate!: string;

  @ApiPropertyOptional({ example: '14:30', description: 'Local time HH:MM.' })
  @IsOptional()
  @Matches(TIME, { message: 'startTime doit être une heure HH:MM.' })
  startTime?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'Place (or a video link, or both).' })
  @IsOptional()
  @IsCleanText(300)
  @IsNotBlank('Le lieu ne peut pas être vide.')
  place?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Video-conference link (https).' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'videoLink doit être une adresse web (https://…).' })
  @MaxLength(500, { message: 'videoLink ne doit pas dépasser 500 caractères.' })
  videoLink?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who chairs the session (an active user).' })
  @IsOptional()
  @IsUUID('all', { message: 'chairUserId doit être l’identifiant (UUID) d’un utilisateur.' })
  chairUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The session’s secretary (a user holding committee_secretary).' })
  @IsOptional()
  @IsUUID('all', { message: 'secretaryUserId doit être l’identifiant (UUID) d’un utilisateur.' })
  secretaryUserId?: string;
}

/** Changes to an open session; `null` clears an optional field. */
export class UpdateSessionDto {
  @ApiPropertyOptional({ example: '2026-12-10' })
  @IsOptional()
  @IsCalendarDate()
  sessionDate?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @Matches(TIME, { message: 'startTime doit être une heure HH:MM.' })
  startTime?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 300 })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsCleanText(300)
  @IsNotBlank('Le lieu ne peut pas être vide.')
  place?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 500 })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsUrl(URL_OPTIONS, { message: 'videoLink doit être une adresse web (https://…).' })
  @MaxLength(500, { message: 'videoLink ne doit pas dépasser 500 caractères.' })
  videoLink?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsUUID('all', { message: 'chairUserId doit être l’identifiant (UUID) d’un utilisateur.' })
  chairUserId?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsUUID('all', { message: 'secretaryUserId doit être l’identifiant (UUID) d’un utilisateur.' })
  secretaryUserId?: string | null;
}

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId doit être l’identifiant (UUID) d’un membre.' })
  userId!: string;

  @ApiProperty()
  @IsBoolean({ message: 'present doit valoir true ou false.' })
  present!: boolean;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray({ message: 'entries doit être une liste.' })
  @ArrayMinSize(1, { message: 'Au moins un membre.' })
  @ArrayMaxSize(200, { message: '200 membres au plus.' })
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries!: AttendanceEntryDto[];
}

export class RescheduleDto {
  @ApiProperty({ format: 'uuid', description: 'A later, open session.' })
  @IsUUID('all', { message: 'sessionId doit être l’identifiant (UUID) d’une séance.' })
  sessionId!: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the dossier moves (journaled, shown in the minutes).' })
  @IsCleanText(2000)
  @IsNotBlank('Le motif du report est obligatoire.')
  reason!: string;
}

export class ConvokeDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Members to convoke (holding a seat); default: every member holding a seat.',
  })
  @IsOptional()
  @IsArray({ message: 'userIds doit être une liste.' })
  @ArrayMinSize(1, { message: 'userIds, s’il est donné, nomme au moins un membre.' })
  @ArrayMaxSize(200, { message: '200 membres au plus.' })
  @IsUUID('all', { each: true, message: 'userIds doit contenir des identifiants (UUID) de membres.' })
  userIds?: string[];
}
