import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { IsIsoWeek, PageQuery } from '../read-model-queries/query-params.js';

export class EmployerOverviewQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ example: '2026-W45', description: 'First ISO week of hoursByWeek (default: the current week)' })
  @IsOptional()
  @IsIsoWeek()
  fromWeek?: string;

  @ApiPropertyOptional({
    example: '2027-W13',
    description: 'Last ISO week of hoursByWeek (default: 12 weeks after fromWeek; at most 106 weeks)',
  })
  @IsOptional()
  @IsIsoWeek()
  toWeek?: string;
}

export const REQUEST_STATUSES = ['open', 'withdrawn'] as const;
export const PLACEMENT_STATUSES = ['proposed', 'confirmed', 'ended', 'withdrawn'] as const;

export class EmployerRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: (typeof REQUEST_STATUSES)[number];
}

export class EmployerPlacementsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES })
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES)
  status?: (typeof PLACEMENT_STATUSES)[number];
}
