import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsQueryId, PageQuery } from '../read-model-queries/query-params.js';

export class ConflictsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk', description: 'Only placements with this employer (an employer always sees only its own)' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;

  @ApiPropertyOptional({ example: 'hengelo' })
  @IsOptional()
  @IsQueryId()
  siteId?: string;

  @ApiPropertyOptional({ example: 'anna' })
  @IsOptional()
  @IsQueryId()
  workerId?: string;
}
