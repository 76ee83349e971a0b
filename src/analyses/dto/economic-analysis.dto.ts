/**
 * The body of PUT /dossiers/:id/analyses/economic: narrative sections, financial
 * statements, financing plan and need, recommended instruments. Amounts are whole cents
 * (a decimal is a 422); balance and completeness are checked by the step's rules.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsBasisPoints, IsCleanText, IsNotBlank, IsWholeCents } from '../../common/validation.js';
import { OptionalCents, OptionalConclusion, OptionalText } from './fields.js';
import {
  FINANCING_RESOURCE_CATEGORIES,
  FINANCING_USE_CATEGORIES,
  MEMBER_CATEGORY_KINDS,
  STATEMENT_KINDS,
  type FinancingResourceCategory,
  type FinancingUseCategory,
  type FitConclusion,
  type MemberCategoryKind,
  type StatementKind,
} from '../analysis.types.js';

export class EconomicNarrativeDto {
  @OptionalText(20_000)
  environment?: string | null;

  @OptionalText(20_000)
  positioning?: string | null;

  @OptionalText(20_000)
  means?: string | null;

  @OptionalText(20_000)
  economicAndFinancial?: string | null;

  @OptionalText(20_000)
  risks?: string | null;
}

/** A figure of the statements: whole cents, negative allowed (a loss, negative equity), or null until known. */
function Figure(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ nullable: true, type: Number, description: 'Cents.' })(target, key);
    IsOptional()(target, key);
    IsWholeCents({ allowNegative: true })(target, key);
  };
}

export class FinancialYearDto {
  @ApiProperty({ example: 2025 })
  @IsInt({ message: 'year doit être une année.' })
  @Min(1900, { message: 'year doit être une année entre 1900 et 2200.' })
  @Max(2200, { message: 'year doit être une année entre 1900 et 2200.' })
  year!: number;

  @ApiProperty({ enum: STATEMENT_KINDS })
  @IsIn(STATEMENT_KINDS, { message: `kind doit être l'un de : ${STATEMENT_KINDS.join(', ')}.` })
  kind!: StatementKind;

  @Figure() turnoverCents?: number | null;
  @Figure() operatingSubsidiesCents?: number | null;
  @Figure() netResultCents?: number | null;
  @Figure() cafCents?: number | null;
  @Figure() equityCents?: number | null;
  @Figure() balanceSheetTotalCents?: number | null;
  @Figure() financialDebtCents?: number | null;
  @Figure() workingCapitalNeedCents?: number | null;
  @Figure() cashCents?: number | null;
  @Figure() annualExpensesCents?: number | null;
}

export class FinancingUseDto {
  @ApiProperty({ enum: FINANCING_USE_CATEGORIES })
  @IsIn(FINANCING_USE_CATEGORIES, { message: `category doit être l'une de : ${FINANCING_USE_CATEGORIES.join(', ')}.` })
  category!: FinancingUseCategory;

  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  amountCents!: number;
}

export class FinancingResourceDto {
  @ApiProperty({ enum: FINANCING_RESOURCE_CATEGORIES })
  @IsIn(FINANCING_RESOURCE_CATEGORIES, {
    message: `category doit être l'une de : ${FINANCING_RESOURCE_CATEGORIES.join(', ')}.`,
  })
  category!: FinancingResourceCategory;

  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  @IsNotBlank('label est obligatoire.')
  label!: string;

  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  amountCents!: number;

  @ApiPropertyOptional({ nullable: true, enum: MEMBER_CATEGORY_KINDS })
  @IsOptional()
  @IsIn(MEMBER_CATEGORY_KINDS, { message: `memberCategory doit être l'une de : ${MEMBER_CATEGORY_KINDS.join(', ')}.` })
  memberCategory?: MemberCategoryKind | null;
}

export class FinancingPlanDto {
  @ApiProperty({ type: [FinancingUseDto] })
  @IsArray({ message: 'uses doit être une liste.' })
  @ArrayMaxSize(100, { message: 'uses : 100 lignes au plus.' })
  @ValidateNested({ each: true })
  @Type(() => FinancingUseDto)
  uses!: FinancingUseDto[];

  @ApiProperty({ type: [FinancingResourceDto] })
  @IsArray({ message: 'resources doit être une liste.' })
  @ArrayMaxSize(100, { message: 'resources : 100 lignes au plus.' })
  @ValidateNested({ each: true })
  @Type(() => FinancingResourceDto)
  resources!: FinancingResourceDto[];
}

export class BankGuaranteeDto {
  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  partner!: string;

  @ApiProperty({ description: 'Share of the loan guaranteed, basis points.' })
  @IsBasisPoints()
  percentBasisPoints!: number;

  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  amountCents!: number;
}

export class SolidarityLoanDto {
  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  partner!: string;

  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  amountCents!: number;

  @ApiProperty()
  @IsInt({ message: 'termMonths doit être un nombre entier de mois.' })
  @Min(0, { message: 'termMonths ne peut pas être négatif.' })
  @Max(600, { message: 'termMonths est trop grand.' })
  termMonths!: number;

  @ApiProperty({ description: 'Basis points.' })
  @IsBasisPoints()
  rateBasisPoints!: number;
}

export class CurrentAccountAdvanceDto {
  @ApiProperty({ description: 'Cents.' })
  @IsWholeCents()
  amountCents!: number;

  @ApiProperty()
  @IsInt({ message: 'durationMonths doit être un nombre entier de mois.' })
  @Min(0, { message: 'durationMonths ne peut pas être négatif.' })
  @Max(600, { message: 'durationMonths est trop grand.' })
  durationMonths!: number;

  @ApiProperty({ maxLength: 200 })
  @IsCleanText(200)
  conventionReference!: string;

  @ApiProperty()
  @IsBoolean({ message: 'renewal doit valoir true ou false.' })
  renewal!: boolean;
}

export class RecommendedInstrumentsDto {
  @OptionalCents()
  capitalStakeCents?: number | null;

  @ApiPropertyOptional({ nullable: true, type: BankGuaranteeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankGuaranteeDto)
  bankGuarantee?: BankGuaranteeDto | null;

  @ApiPropertyOptional({ nullable: true, type: SolidarityLoanDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SolidarityLoanDto)
  solidarityLoan?: SolidarityLoanDto | null;

  @ApiPropertyOptional({ nullable: true, type: CurrentAccountAdvanceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CurrentAccountAdvanceDto)
  currentAccountAdvance?: CurrentAccountAdvanceDto | null;
}

export class EconomicAnalysisDto {
  @ApiPropertyOptional({ type: EconomicNarrativeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EconomicNarrativeDto)
  narrative?: EconomicNarrativeDto;

  @ApiPropertyOptional({ type: [FinancialYearDto] })
  @IsOptional()
  @IsArray({ message: 'statements doit être une liste.' })
  @ArrayMaxSize(12, { message: 'statements : 12 exercices au plus.' })
  @ValidateNested({ each: true })
  @Type(() => FinancialYearDto)
  statements?: FinancialYearDto[];

  @ApiPropertyOptional({ type: FinancingPlanDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FinancingPlanDto)
  financingPlan?: FinancingPlanDto;

  @OptionalCents()
  financingNeedCents?: number | null;

  @ApiPropertyOptional({ type: RecommendedInstrumentsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendedInstrumentsDto)
  instruments?: RecommendedInstrumentsDto;

  @OptionalConclusion()
  conclusion?: FitConclusion | null;

  @OptionalText(10_000)
  comments?: string | null;
}
