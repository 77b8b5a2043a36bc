import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { isInstant } from '@banenpool/audit';
import { DATE_RANGE_TEXT, inDateRange } from '../common/date-range.js';
import { IsLocalDate } from '../common/is-local-date.js';
import { QueryInteger } from '../read-model-queries/query-params.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';

/** An ISO 8601 instant with a time and a zone (2026-03-04T14:00:00Z or …+01:00) that exists. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value) && inDateRange(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'instant'} must be an ISO 8601 instant with a time and a zone, e.g. 2026-03-04T14:00:00Z, ${DATE_RANGE_TEXT}`,
      },
    },
    options,
  );
}

export class AuditHistoryQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset = 0;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: one row per event (also chosen by Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class AuditAsOfQuery extends ConsistencyQuery {
  @ApiPropertyOptional({
    example: '2026-03-04T14:00:00Z',
    description: 'As known at: replay every event recorded at or before this instant. With `on`, the records as known then; default now.',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({
    example: '2026-02-01',
    description:
      'As applied on: what was in force on this date (effective dates), e.g. a CAO version recorded later that applies from January',
  })
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

export class AuditDiffQuery extends ConsistencyQuery {
  @ApiProperty({ example: '2026-02-01T00:00:00Z', description: 'From this instant (exclusive): the records as known then' })
  @IsInstant()
  from: string;

  @ApiPropertyOptional({ example: '2026-06-30T00:00:00Z', description: 'To this instant (inclusive); default now' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class VerifyQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ example: 'placement-p1', description: 'Verify only this stream; every stream when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:@-]{1,200}$/, { message: 'streamId must be a stream id: 1-200 letters, digits or _.:@-' })
  streamId?: string;
}
