import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class JournalQuery {
  @ApiPropertyOptional({ default: 0, description: 'Entries after this sequence number.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'afterSeq doit être un entier.' })
  @Min(0)
  @Max(2_147_483_647)
  afterSeq?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit doit être un entier.' })
  @Min(1)
  @Max(500)
  limit?: number;
}
