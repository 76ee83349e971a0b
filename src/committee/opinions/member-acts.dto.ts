import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCleanText } from '../../common/validation.js';
import { INTEREST_NATURES, VOTE_POSITIONS, type InterestNature, type VotePosition } from '../seats.js';

/**
 * The caller's own declaration of interests in the SCIC of the dossier (every dossier of
 * its SIREN, until replaced). Going back from a declared interest to none is a
 * withdrawal: it needs `withdrawalReason`.
 */
export class DeclareInterestDto {
  @ApiProperty({ description: 'Whether the member has an interest in the SCIC.' })
  @IsBoolean({ message: 'hasInterest doit valoir true ou false.' })
  hasInterest!: boolean;

  @ApiPropertyOptional({ enum: INTEREST_NATURES, description: 'Required when hasInterest is true.' })
  @IsOptional()
  @IsIn(INTEREST_NATURES, { message: `nature doit être l'une de : ${INTEREST_NATURES.join(', ')}.` })
  nature?: InterestNature;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Details (required for OTHER).' })
  @IsOptional()
  @IsCleanText(2000)
  details?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Why a declared interest is withdrawn (required to go back from an interest to none; refused otherwise). 409 INTEREST_DECLARATION_RELIED_ON once an opinion or a decision was recorded on a dossier of the SCIC while it stood.',
  })
  @IsOptional()
  @IsCleanText(2000)
  withdrawalReason?: string;
}

/** The caller's own vote: there is no field naming another member. */
export class CastVoteDto {
  @ApiProperty({ enum: VOTE_POSITIONS })
  @IsIn(VOTE_POSITIONS, { message: `position doit être l'une de : ${VOTE_POSITIONS.join(', ')}.` })
  position!: VotePosition;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsCleanText(5000)
  comment?: string;
}
