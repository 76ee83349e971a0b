/**
 * The bodies of POST /dossiers/:id/events, one class per event type. The `type` field
 * picks the class; each class refuses fields it does not know. Shape and types are
 * checked here; meaning (a blank reason, a past due date) by the machine's requirements,
 * so that one place says what each event needs.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDeliberationNumber } from '../../common/deliberation-number.js';
import { IsCents, IsCleanText } from '../../common/validation.js';
import {
  DECISION_BODIES,
  DECISION_OUTCOMES,
  DOSSIER_EVENT_TYPES,
  INSTRUCTION_STEPS,
  OPINIONS,
  type DecisionBody,
  type DecisionOutcome,
  type DossierEventType,
  type InstructionStep,
  type Opinion,
} from '../dossier.events.js';

export class EventBaseDto {
  @ApiProperty({ enum: DOSSIER_EVENT_TYPES })
  @IsIn(DOSSIER_EVENT_TYPES, { message: `type doit être l'un de : ${DOSSIER_EVENT_TYPES.join(', ')}.` })
  type!: DossierEventType;

  @ApiPropertyOptional({ description: 'The version the client last saw (alternative to the If-Match header).' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion doit être un entier.' })
  @Min(1)
  expectedVersion?: number;
}

/**
 * SIGN: the signatory confirms who they are — the password again, unless their session's
 * password was checked less than five minutes ago. Checked before the machine runs and
 * never journaled nor echoed.
 */
export class SignEventDto extends EventBaseDto {
  @ApiPropertyOptional({
    description: 'The signatory’s password, when the session’s last authentication is five minutes old or more.',
  })
  @IsOptional()
  @IsCleanText(200)
  password?: string;
}

export class ReasonEventDto extends EventBaseDto {
  @ApiProperty({ maxLength: 2000 })
  @IsCleanText(2000)
  reason!: string;
}

export class SendBackEventDto extends ReasonEventDto {
  @ApiProperty({ enum: INSTRUCTION_STEPS })
  @IsIn(INSTRUCTION_STEPS, { message: `toStep doit être l'une des étapes : ${INSTRUCTION_STEPS.join(', ')}.` })
  toStep!: InstructionStep;
}

export class RequestComplementsEventDto extends ReasonEventDto {
  @ApiProperty({ example: '2026-12-15', description: 'Due date, YYYY-MM-DD, after today.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate doit être une date AAAA-MM-JJ.' })
  dueDate!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['ANNUAL_ACCOUNTS_N1', 'FINANCING_PLAN'],
    description: 'Document type codes of the pieces to receive (GET /api/document-types).',
  })
  @IsOptional()
  @IsArray({ message: 'pieces doit être une liste de codes de types de pièces.' })
  @ArrayMaxSize(20, { message: 'pieces ne peut pas nommer plus de 20 pièces.' })
  @ArrayUnique({ message: 'pieces ne doit pas nommer deux fois la même pièce.' })
  @Matches(/^[A-Z0-9_]{1,50}$/, {
    each: true,
    message: 'pieces doit contenir des codes de types de pièces (ex. STATUTS).',
  })
  pieces?: string[];
}

export class ScheduleCommitteeEventDto extends EventBaseDto {
  // The shape here; that it is a UUID is the command's requirement (dossier.requirements.ts),
  // so that an event the state does not offer is refused as such whatever its payload.
  @ApiProperty({ format: 'uuid', description: 'A session of the committee (GET /api/committee/sessions).' })
  @IsCleanText(100)
  sessionId!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the dossier comes back to the committee, if it does.' })
  @IsOptional()
  @IsCleanText(2000)
  reason?: string;
}

export class RecordOpinionEventDto extends EventBaseDto {
  @ApiProperty({ enum: OPINIONS })
  @IsIn(OPINIONS, { message: `opinion doit être l'un de : ${OPINIONS.join(', ')}.` })
  opinion!: Opinion;

  @ApiProperty({ maxLength: 10000 })
  @IsCleanText(10000)
  motivation!: string;

  @ApiPropertyOptional({ description: 'Proposed amount in euro cents (required when favourable).' })
  @IsOptional()
  @IsCents()
  proposedAmountCents?: number;

  @ApiPropertyOptional({ description: 'Number of shares of the proposal (× nominal value = proposed amount).' })
  @IsOptional()
  @IsInt({ message: 'proposedShares doit être un nombre entier de parts.' })
  @Min(1, { message: 'proposedShares doit valoir au moins 1.' })
  @Max(1_000_000_000, { message: 'proposedShares est trop grand.' })
  proposedShares?: number;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Conditions (required for FAVOURABLE_WITH_CONDITIONS).' })
  @IsOptional()
  @IsCleanText(5000)
  conditions?: string;
}

export class RecusedElectedOfficialDto {
  @ApiProperty({ maxLength: 200, example: 'Mme Claire Martin' })
  @IsCleanText(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'The élu’s user id, when the élu uses the application.' })
  @IsOptional()
  @IsCleanText(100)
  userId?: string;
}

export class RecordDecisionEventDto extends EventBaseDto {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES, { message: `outcome doit être l'un de : ${DECISION_OUTCOMES.join(', ')}.` })
  outcome!: DecisionOutcome;

  @ApiProperty({ enum: DECISION_BODIES })
  @IsIn(DECISION_BODIES, { message: `body doit être l'un de : ${DECISION_BODIES.join(', ')}.` })
  body!: DecisionBody;

  @ApiPropertyOptional({ maxLength: 200, description: 'Delegation to the standing committee (required for it).' })
  @IsOptional()
  @IsCleanText(200)
  delegationReference?: string;

  @ApiProperty({ example: '2026-11-20', description: 'Date of the sitting, YYYY-MM-DD, not after today.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'sessionDate doit être une date AAAA-MM-JJ.' })
  sessionDate!: string;

  @ApiProperty({
    maxLength: 50,
    description:
      'Délibération number, unique once normalised (NFKC, case folded, dashes unified, trimmed); invisible and control characters refused.',
  })
  @IsDeliberationNumber()
  deliberation!: string;

  @ApiPropertyOptional({ description: 'Decided amount in euro cents (required when approved).' })
  @IsOptional()
  @IsCents()
  amountCents?: number;

  @ApiPropertyOptional({ description: 'Number of shares of the decision (× nominal value = amount).' })
  @IsOptional()
  @IsInt({ message: 'shares doit être un nombre entier de parts.' })
  @Min(1, { message: 'shares doit valoir au moins 1.' })
  @Max(1_000_000_000, { message: 'shares est trop grand.' })
  shares?: number;

  @ApiPropertyOptional({ description: 'Why the amount differs from the proposal.' })
  @IsOptional()
  @IsCleanText(5000)
  justification?: string;

  @ApiPropertyOptional({ type: [RecusedElectedOfficialDto], description: 'Élus who withdrew (déport).' })
  @IsOptional()
  @IsArray({ message: 'recusedElectedOfficials doit être une liste.' })
  @ArrayMaxSize(100, { message: 'recusedElectedOfficials ne peut pas dépasser 100 élus.' })
  @ValidateNested({ each: true })
  @Type(() => RecusedElectedOfficialDto)
  recusedElectedOfficials?: RecusedElectedOfficialDto[];
}

export const EVENT_DTOS: { readonly [type in DossierEventType]: new () => EventBaseDto } = {
  SUBMIT: EventBaseDto,
  COMPLETE_ACTIVITY: EventBaseDto,
  COMPLETE_ESS_PRACTICES: EventBaseDto,
  COMPLETE_ECONOMIC: EventBaseDto,
  SEND_BACK: SendBackEventDto,
  REQUEST_COMPLEMENTS: RequestComplementsEventDto,
  RECEIVE_COMPLEMENTS: EventBaseDto,
  SCHEDULE_COMMITTEE: ScheduleCommitteeEventDto,
  RECORD_OPINION: RecordOpinionEventDto,
  RECORD_DECISION: RecordDecisionEventDto,
  SIGN: SignEventDto,
  WITHDRAW: ReasonEventDto,
  CLOSE: ReasonEventDto,
};

export class TransitionResultDto {
  @ApiProperty() dossierId!: string;
  @ApiProperty({ enum: DOSSIER_EVENT_TYPES }) event!: string;
  @ApiProperty() fromState!: string;
  @ApiProperty() state!: string;
  @ApiProperty() stateLabel!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: DOSSIER_EVENT_TYPES, isArray: true }) allowedEvents!: string[];
  @ApiProperty() journalSeq!: number;
}
