import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { QueryInteger } from '../read-model-queries/query-params.js';

export class ListStreamsQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ description: 'Only streams of this kind (the id before its first "-")', example: 'placement' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:@]{1,100}$/, { message: 'category must be letters, digits or _.:@ (at most 100)' })
  category?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
