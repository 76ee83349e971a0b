import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCleanText } from '../../common/validation.js';

export const DOSSIER_SORTS = [
  'createdAt',
  '-createdAt',
  'reference',
  '-reference',
  'name',
  '-name',
  'requestedAmountCents',
  '-requestedAmountCents',
  'updatedAt',
  '-updatedAt',
] as const;
export type DossierSort = (typeof DOSSIER_SORTS)[number];

export class ListDossiersQuery {
  @ApiPropertyOptional({ description: 'A state (instruction.activity) or a parent state (instruction).' })
  @IsOptional()
  @IsCleanText(64)
  state?: string;

  @ApiPropertyOptional({ description: 'Text search on the SCIC name (French), SIREN or reference.' })
  @IsOptional()
  @IsCleanText(200)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page doit être un entier.' })
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize doit être un entier.' })
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'true: only dossiers whose step is past its due date.' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue doit valoir true ou false.' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'The year the request was registered (its reference’s year), e.g. 2026.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year doit être une année (ex. 2026).' })
  @Min(2000, { message: 'year doit être une année (ex. 2026).' })
  @Max(2100, { message: 'year doit être une année (ex. 2026).' })
  year?: number;

  @ApiPropertyOptional({
    description: 'A policy orientation code chosen at step 1 (GET /api/referentials/orientations).',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: 'orientation doit être un code d’orientation (ex. INSERTION_EMPLOI).' })
  orientation?: string;

  @ApiPropertyOptional({ enum: DOSSIER_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(DOSSIER_SORTS, { message: `sort doit être l'un de : ${DOSSIER_SORTS.join(', ')}.` })
  sort?: DossierSort;
}
