import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Query parameter of every read: wait until the read models include this position. */
export class ConsistencyQuery {
  @ApiPropertyOptional({
    description: 'A global position returned by a command ("commit-prepare"); the query waits (bounded) until projections have applied it',
    example: '742-1031',
  })
  @IsOptional()
  @Matches(/^\d{1,20}-\d{1,20}$/, { message: 'waitFor must be a position like 742-1031, as a command returned it' })
  waitFor?: string;
}
