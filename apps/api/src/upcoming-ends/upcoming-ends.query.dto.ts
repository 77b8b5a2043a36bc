import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsQueryId, PageQuery, QueryBoolean, QueryInteger } from '../read-model-queries/query-params.js';

export class UpcomingEndsQuery extends PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 36, default: 6, description: 'How many months ahead of asOf to look' })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(36)
  horizonMonths = 6;

  @ApiPropertyOptional({ example: '2026-11-23', description: 'The day to look ahead from (default: today in Europe/Amsterdam)' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ example: 'visschedijk' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;

  @ApiPropertyOptional({ example: 'cem' })
  @IsOptional()
  @IsQueryId()
  workerId?: string;

  @ApiPropertyOptional({ default: false, description: 'Also placements whose worker already has a confirmed follow-up' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeFollowedUp?: boolean;
}
