import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsIsoWeek, IsQueryId, PageQuery } from '../read-model-queries/query-params.js';

export class BoardQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk', description: 'Only placements with this employer (an employer always sees only its own)' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;

  @ApiPropertyOptional({ example: 'hengelo' })
  @IsOptional()
  @IsQueryId()
  siteId?: string;

  @ApiPropertyOptional({ example: 'cleaning', description: 'Only workers who have this skill now' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  skill?: string;

  @ApiPropertyOptional({ example: 'anna' })
  @IsOptional()
  @IsQueryId()
  workerId?: string;

  @ApiPropertyOptional({ example: '2026-W45', description: 'First ISO week, inclusive' })
  @IsOptional()
  @IsIsoWeek()
  fromWeek?: string;

  @ApiPropertyOptional({ example: '2027-W13', description: 'Last ISO week, inclusive' })
  @IsOptional()
  @IsIsoWeek()
  toWeek?: string;
}
