import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { addDays, daysBetween, isoWeekOf, localDateOf, type LocalDate } from '@banenpool/domain';
import { isIsoWeek, isQuarter, mondayOfIsoWeek } from '@banenpool/read-models';
import { parseBooleanText } from '@banenpool/platform';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { DATE_RANGE_TEXT, inDateRange } from '../common/date-range.js';

/** Ids as the event store accepts them in stream ids; a filter on an id that does not exist finds nothing. */
export const QUERY_ID = /^[A-Za-z0-9_.:@-]{1,100}$/;
export const IsQueryId = () =>
  Matches(QUERY_ID, { message: ({ property }) => `${property} must be an id: 1-100 letters, digits or _.:@-` });

/** An ISO week that exists, 'YYYY-Www' (2026-W53 yes, 2025-W53 no). */
export function IsIsoWeek(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoWeek',
      validator: {
        validate: (value: unknown) => isIsoWeek(value) && inDateRange(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'week'} must be an ISO week that exists, as YYYY-Www (e.g. 2026-W45), ${DATE_RANGE_TEXT}`,
      },
    },
    options,
  );
}

export function IsQuarter(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQuarter',
      validator: {
        validate: (value: unknown) => isQuarter(value) && inDateRange(value),
        defaultMessage: (args) => `${args?.property ?? 'quarter'} must be a calendar quarter as YYYY-Qn (e.g. 2026-Q4), ${DATE_RANGE_TEXT}`,
      },
    },
    options,
  );
}

/** A whole number in a query string: decimal digits only, where Number() would also take '', ' 5' and '0x10'. */
export const QueryInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (/^\d{1,15}$/.test(value) ? Number(value) : Number.NaN) : value,
  );

/** A boolean query parameter, read like the configuration's booleans. */
export const QueryBoolean = () => Transform(({ value }: { value: unknown }) => parseBooleanText(value));

/** limit and offset of every paginated read model, and waitFor (read-your-writes). */
export class PageQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}

/** Today in the Netherlands, the default "as of" of date-relative queries. */
export const today = (): LocalDate => localDateOf(new Date());

export interface WeekRange {
  fromWeek: LocalDate;
  toWeek: LocalDate;
}

/**
 * The Mondays of a validated week range. Missing ends are filled from `defaults` (number of weeks
 * from the current week); refuses a reversed range or one longer than `maxWeeks` with a 400.
 */
export function weekRange(
  fromWeek: string | undefined,
  toWeek: string | undefined,
  options: { defaultWeeks: number; maxWeeks?: number },
): WeekRange;
export function weekRange(fromWeek: string | undefined, toWeek: string | undefined, options?: { maxWeeks?: number }): Partial<WeekRange>;
export function weekRange(
  fromWeek: string | undefined,
  toWeek: string | undefined,
  options: { defaultWeeks?: number; maxWeeks?: number } = {},
): Partial<WeekRange> {
  let from = fromWeek === undefined ? undefined : mondayOfIsoWeek(fromWeek);
  let to = toWeek === undefined ? undefined : mondayOfIsoWeek(toWeek);
  if (options.defaultWeeks !== undefined) {
    if (from === undefined && to === undefined) from = mondayOfIsoWeek(isoWeekOf(today()));
    if (from === undefined) from = addDays(to!, -7 * (options.defaultWeeks - 1));
    if (to === undefined) to = addDays(from, 7 * (options.defaultWeeks - 1));
  }
  if (from !== undefined && to !== undefined) {
    if (from > to) throw new BadRequestException('fromWeek must not be after toWeek');
    const weeks = daysBetween(from, to) / 7 + 1;
    if (options.maxWeeks !== undefined && weeks > options.maxWeeks)
      throw new BadRequestException(`At most ${options.maxWeeks} weeks at a time (asked for ${weeks})`);
  }
  return { fromWeek: from, toWeek: to };
}
