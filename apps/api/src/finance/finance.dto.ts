import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPayPeriodId } from '../pay-runs/pay-run.dto.js';
import { IsQueryId, PageQuery } from '../read-model-queries/query-params.js';

export class FinanceQuery extends PageQuery {
  @ApiProperty({
    example: '2027-P03',
    description: 'The pay period (its id): four ISO weeks (YYYY-Pnn) or a month (YYYY-MM), as the pool pays',
  })
  @IsPayPeriodId()
  period: string;

  @ApiPropertyOptional({ example: 'visschedijk', description: 'One hirer: its figures, and its part of each worker’s' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;
}
