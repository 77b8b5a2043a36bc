import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsIsoWeek, IsQueryId, PageQuery, QueryBoolean } from '../read-model-queries/query-params.js';

export class CapacityGapsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk-winter' })
  @IsOptional()
  @IsQueryId()
  requestId?: string;

  @ApiPropertyOptional({ example: 'visschedijk', description: 'An employer always sees only its own requests' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;

  @ApiPropertyOptional({ example: 'hengelo' })
  @IsOptional()
  @IsQueryId()
  siteId?: string;

  @ApiPropertyOptional({ example: '2026-W45' })
  @IsOptional()
  @IsIsoWeek()
  fromWeek?: string;

  @ApiPropertyOptional({ example: '2027-W13' })
  @IsOptional()
  @IsIsoWeek()
  toWeek?: string;

  @ApiPropertyOptional({ default: false, description: 'Only weeks with places or hours still open' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  openOnly?: boolean;
}
