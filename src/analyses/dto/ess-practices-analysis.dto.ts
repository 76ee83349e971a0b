/**
 * The body of PUT /dossiers/:id/analyses/ess-practices: member categories, voting
 * colleges, cap table, statutory practices and the six markers. Shapes and ranges here
 * (a score outside 0–3 is a 422); the legal checks are computed by the step's rules.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { OptionalCents, OptionalConclusion, OptionalText } from './fields.js';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  IsBasisPoints,
  IsCalendarDate,
  IsCleanText,
  IsDecimal,
  IsNotBlank,
  IsWholeCents,
} from '../../common/validation.js';
import {
  MARKER_CODES,
  MEMBER_CATEGORY_KINDS,
  PUBLIC_HOLDER_KINDS,
  type FitConclusion,
  type MarkerCode,
  type MemberCategoryKind,
  type PublicHolderKind,
} from '../analysis.types.js';

export class MemberCategoryDto {
  @ApiProperty({ enum: MEMBER_CATEGORY_KINDS })
  @IsIn(MEMBER_CATEGORY_KINDS, { message: `kind doit être l'une de : ${MEMBER_CATEGORY_KINDS.join(', ')}.` })
  kind!: MemberCategoryKind;

  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty()
  @IsInt({ message: 'memberCount doit être un nombre entier.' })
  @Min(0, { message: 'memberCount ne peut pas être négatif.' })
  @Max(10_000_000, { message: 'memberCount est trop grand.' })
  memberCount!: number;

  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  capitalHeldCents!: number;
}

export class VotingCollegeDto {
  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('name est obligatoire.')
  name!: string;

  @ApiProperty({ description: 'Basis points (10 % = 1000).' })
  @IsBasisPoints()
  voteShareBasisPoints!: number;
}

export class PublicHolderDto {
  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('name est obligatoire.')
  name!: string;

  @ApiProperty({
    enum: PUBLIC_HOLDER_KINDS,
    description:
      'Collectivité territoriale, groupement de collectivités, établissement public territorial (the three the public cap counts) or another public body.',
  })
  @IsIn(PUBLIC_HOLDER_KINDS, {
    message:
      'La nature de la personne publique doit être : collectivité territoriale, groupement de collectivités, établissement public territorial ou autre personne publique.',
  })
  kind!: PublicHolderKind;

  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  amountCents!: number;
}

export class MarkerScoreDto {
  @ApiProperty({ enum: MARKER_CODES })
  @IsIn(MARKER_CODES, { message: `marker doit être l'un de : ${MARKER_CODES.join(', ')}.` })
  marker!: MarkerCode;

  @ApiProperty({ minimum: 0, maximum: 3 })
  @IsInt({ message: 'score doit être un nombre entier de 0 à 3.' })
  @Min(0, { message: 'score doit être compris entre 0 et 3.' })
  @Max(3, { message: 'score doit être compris entre 0 et 3.' })
  score!: number;

  @ApiProperty({ maxLength: 2000 })
  @IsCleanText(2000)
  comment!: string;
}

export class EssPracticesAnalysisDto {
  @ApiPropertyOptional({ type: [MemberCategoryDto] })
  @IsOptional()
  @IsArray({ message: 'memberCategories doit être une liste.' })
  @ArrayMaxSize(20, { message: 'memberCategories : 20 catégories au plus.' })
  @ValidateNested({ each: true })
  @Type(() => MemberCategoryDto)
  memberCategories?: MemberCategoryDto[];

  @ApiPropertyOptional({ nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean({ message: 'hasVotingColleges doit valoir true ou false.' })
  hasVotingColleges?: boolean | null;

  @ApiPropertyOptional({ type: [VotingCollegeDto] })
  @IsOptional()
  @IsArray({ message: 'votingColleges doit être une liste.' })
  @ArrayMaxSize(20, { message: 'votingColleges : 20 collèges au plus.' })
  @ValidateNested({ each: true })
  @Type(() => VotingCollegeDto)
  votingColleges?: VotingCollegeDto[];

  @OptionalCents()
  currentCapitalCents?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsInt({ message: 'numberOfShares doit être un nombre entier.' })
  @Min(0, { message: 'numberOfShares ne peut pas être négatif.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'numberOfShares est trop grand.' })
  numberOfShares?: number | null;

  @ApiPropertyOptional({ type: [PublicHolderDto] })
  @IsOptional()
  @IsArray({ message: 'publicHolders doit être une liste.' })
  @ArrayMaxSize(50, { message: 'publicHolders : 50 personnes publiques au plus.' })
  @ValidateNested({ each: true })
  @Type(() => PublicHolderDto)
  publicHolders?: PublicHolderDto[];

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Basis points of the results.' })
  @IsOptional()
  @IsBasisPoints()
  indivisibleReservesBasisPoints?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Basis points of the results.' })
  @IsOptional()
  @IsBasisPoints()
  legalReserveBasisPoints?: number | null;

  /** Legal reserve already constituted (art. 16: owed until it equals the highest capital reached). */
  @OptionalCents()
  legalReserveAmountCents?: number | null;

  /** Highest capital the SCIC has reached (art. 16). */
  @OptionalCents()
  highestCapitalCents?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Basis points; 0 when none is paid.' })
  @IsOptional()
  @IsBasisPoints()
  interestOnSharesBasisPoints?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2024-06-30' })
  @IsOptional()
  @IsCalendarDate()
  lastCooperativeRevisionDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Highest to lowest wage, e.g. 3 for "1 to 3".' })
  @IsOptional()
  @IsDecimal(2, 'wageScaleRatio doit être un nombre (deux décimales au plus).')
  @Min(1, { message: 'wageScaleRatio vaut au moins 1.' })
  @Max(1000, { message: 'wageScaleRatio est trop grand.' })
  wageScaleRatio?: number | null;

  @OptionalText(10_000)
  governance?: string | null;

  @OptionalText(10_000)
  cooperativeProject?: string | null;

  @ApiPropertyOptional({ type: [MarkerScoreDto] })
  @IsOptional()
  @IsArray({ message: 'markers doit être une liste.' })
  @ArrayMaxSize(6, { message: 'markers : six marqueurs au plus.' })
  @ValidateNested({ each: true })
  @Type(() => MarkerScoreDto)
  markers?: MarkerScoreDto[];

  @OptionalConclusion()
  conclusion?: FitConclusion | null;

  @OptionalText(10_000)
  comments?: string | null;
}
