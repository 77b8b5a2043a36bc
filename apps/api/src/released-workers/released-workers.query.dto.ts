import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsQueryId, PageQuery } from '../read-model-queries/query-params.js';

export class ReleasedWorkersQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day of interest (default: today in Europe/Amsterdam)' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-03-31',
    description: 'Last day of interest (default: 6 months after from; at most 2 years after it)',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({ example: 'dewi' })
  @IsOptional()
  @IsQueryId()
  workerId?: string;

  @ApiPropertyOptional({
    example: 'waarbeek',
    description: 'Only workers released by this employer (its placement ended or its site closed)',
  })
  @IsOptional()
  @IsQueryId()
  employerId?: string;
}
