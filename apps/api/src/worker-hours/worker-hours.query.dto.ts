import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsIsoWeek, IsQueryId, PageQuery, QueryBoolean } from '../read-model-queries/query-params.js';

export class WorkerHoursQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'femke' })
  @IsOptional()
  @IsQueryId()
  workerId?: string;

  @ApiPropertyOptional({ example: '2026-W45', description: 'First ISO week, inclusive (default: the current week)' })
  @IsOptional()
  @IsIsoWeek()
  fromWeek?: string;

  @ApiPropertyOptional({
    example: '2027-W13',
    description: 'Last ISO week, inclusive (default: 12 weeks after fromWeek; at most 106 weeks in all)',
  })
  @IsOptional()
  @IsIsoWeek()
  toWeek?: string;

  @ApiPropertyOptional({ default: false, description: 'Only weeks in which the placements fall short of the guaranteed hours' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  shortfallOnly?: boolean;
}
