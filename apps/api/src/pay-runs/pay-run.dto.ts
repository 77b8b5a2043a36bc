import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { DATE_RANGE_TEXT, FIRST_YEAR, inDateRange, LAST_YEAR } from '../common/date-range.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { QUERY_ID, QueryInteger } from '../read-model-queries/query-params.js';

/**
 * The shape of a pay period's id, of either kind: `2027-P03` (four weeks) or `2027-03` (a month).
 * Whether it names a period of this pool (its kind, a number in range) is the domain's to say (422).
 */
const PAY_PERIOD_ID = /^\d{4}-(P\d{2}|\d{2})$/;
const PAY_PERIOD_ID_TEXT = `a pay period as YYYY-Pnn (four weeks, e.g. 2027-P03) or YYYY-MM (a month, e.g. 2027-03), ${DATE_RANGE_TEXT}`;

const isPayPeriodId = (value: unknown): value is string => typeof value === 'string' && PAY_PERIOD_ID.test(value) && inDateRange(value);

export function IsPayPeriodId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPayPeriodId',
      validator: { validate: isPayPeriodId, defaultMessage: (args) => `${args?.property ?? 'period'} must be ${PAY_PERIOD_ID_TEXT}` },
    },
    options,
  );
}

/** A run's id in a path: the id of its period. */
export function payRunIdOf(value: string): string {
  if (!isPayPeriodId(value)) throw new BadRequestException(`The pay run id must be ${PAY_PERIOD_ID_TEXT}`);
  return value;
}

/** A worker's id in a path, as ids are in stream ids. */
export function workerIdOf(value: string): string {
  if (!QUERY_ID.test(value)) throw new BadRequestException('workerId must be an id: 1-100 letters, digits or _.:@-');
  return value;
}

export class StartPayRunDto {
  @ApiProperty({
    example: '2027-P03',
    description:
      'The pay period: four ISO weeks (YYYY-Pnn, 13 a year) or a calendar month (YYYY-MM), as the pool’s PAY_PERIOD setting says',
  })
  @IsPayPeriodId()
  period: string;
}

export class PayPeriodsQuery extends ConsistencyQuery {
  @ApiProperty({ example: 2027, description: 'The year (for four-week periods: the ISO year)' })
  @QueryInteger()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year: number;
}

export class ExportFormatQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the same rows as a file (Content-Disposition)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
