import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { IsIsoWeek, IsQuarter, IsQueryId, PageQuery } from '../read-model-queries/query-params.js';

export class BanenafspraakWeeksQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk', description: 'The hirer (inlener) where the hours count' })
  @IsOptional()
  @IsQueryId()
  hirerId?: string;

  @ApiPropertyOptional({ example: '2026-W40' })
  @IsOptional()
  @IsIsoWeek()
  fromWeek?: string;

  @ApiPropertyOptional({ example: '2026-W53' })
  @IsOptional()
  @IsIsoWeek()
  toWeek?: string;
}

export class BanenafspraakQuartersQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk' })
  @IsOptional()
  @IsQueryId()
  hirerId?: string;

  @ApiPropertyOptional({ example: '2026-Q4' })
  @IsOptional()
  @IsQuarter()
  fromQuarter?: string;

  @ApiPropertyOptional({ example: '2027-Q1' })
  @IsOptional()
  @IsQuarter()
  toQuarter?: string;
}

export class BanenafspraakStatementParams extends ConsistencyQuery {
  @ApiProperty({ example: '2027-Q1', description: 'The calendar quarter; its ISO weeks are those whose Thursday falls in it' })
  @IsQuarter()
  quarter: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'csv: a row per worker and week, then the totals, as a file',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
