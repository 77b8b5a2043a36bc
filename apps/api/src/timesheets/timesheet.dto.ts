import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { parseTimesheetId } from '@banenpool/application';
import { HOUR_TYPES, MAX_TIMESHEET_LINES, type HourType, type TimesheetLine } from '@banenpool/domain';
import { isIsoWeek, TIMESHEET_STATUSES, type TimesheetStatus } from '@banenpool/read-models';
import { DATE_RANGE_TEXT, inDateRange } from '../common/date-range.js';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsResourceId, RESOURCE_ID } from '../common/is-resource-id.js';
import { Optional } from '../common/validators.js';
import { IsIsoWeek, IsQueryId, PageQuery } from '../read-model-queries/query-params.js';

/** A line starts at 00:00 to 23:59 and ends after it, at 24:00 at the latest (a night shift is two lines). */
const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One stretch of a day. That it lies in the week and the placement, ends after its start and fits the law is the decider's 422. */
export class TimesheetLineDto implements TimesheetLine {
  @ApiProperty({ example: '2027-01-18', description: 'A day of the sheet’s ISO week, inside the placement and outside closures' })
  @IsLocalDate()
  day: string;

  @ApiProperty({ example: '08:00', description: 'From (HH:MM, 00:00 to 23:59)' })
  @Matches(START, { message: 'start must be a clock time HH:MM from 00:00 to 23:59' })
  start: string;

  @ApiProperty({ example: '16:30', description: 'Until (HH:MM, after the start; 24:00 for midnight)' })
  @Matches(END, { message: 'end must be a clock time HH:MM from 00:00 to 24:00' })
  end: string;

  @ApiProperty({ example: 30, description: 'Unpaid break in minutes, shorter than the line' })
  @IsInt()
  @Min(0)
  @Max(1440)
  breakMinutes: number;

  @ApiProperty({ enum: HOUR_TYPES, example: 'normal' })
  @IsIn(HOUR_TYPES)
  hourType: HourType;

  @ApiPropertyOptional({ example: 'Covered for a colleague', maxLength: 500 })
  @Optional()
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'remark must not be blank' })
  remark?: string;
}

/** The lines of a week: at most MAX_TIMESHEET_LINES (the body limit stops far larger bodies before they are parsed). */
const Lines = (): PropertyDecorator => (target, property) => {
  ApiProperty({ type: [TimesheetLineDto], maxItems: MAX_TIMESHEET_LINES })(target, property);
  IsArray()(target, property);
  ArrayMaxSize(MAX_TIMESHEET_LINES)(target, property);
  ValidateNested({ each: true })(target, property);
  Type(() => TimesheetLineDto)(target, property);
};

export class RegisterHoursDto {
  @Lines()
  lines: TimesheetLineDto[];
}

export class RejectTimesheetDto {
  @ApiProperty({ example: 'Wednesday was a sick day, not worked' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class CorrectTimesheetDto {
  @Lines()
  lines: TimesheetLineDto[];

  @ApiProperty({ example: 'Wednesday was a sick day' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ApproveWeekDto {
  @ApiProperty({ example: 'visschedijk', description: 'The hirer whose submitted sheets to approve (an employer key: itself)' })
  @IsResourceId()
  employerId: string;

  @ApiProperty({ example: '2027-W03' })
  @IsIsoWeek()
  week: string;
}

/** `<placementId>-<YYYY-Www>`: a placement id and an ISO week that exists. */
function isTimesheetId(value: unknown): boolean {
  const parsed = typeof value === 'string' ? parseTimesheetId(value) : undefined;
  return parsed !== undefined && RESOURCE_ID.test(parsed.placementId) && isIsoWeek(parsed.week) && inDateRange(parsed.week);
}

export class TimesheetParams {
  @ApiProperty({ example: 'pl-anna-winter-2027-W03', description: 'The placement’s id and the ISO week: <placementId>-<YYYY-Www>' })
  @ValidateBy({
    name: 'isTimesheetId',
    validator: {
      validate: isTimesheetId,
      defaultMessage: () => `id must be <placementId>-<YYYY-Www>: a placement id and an ISO week that exists, ${DATE_RANGE_TEXT}`,
    },
  })
  id: string;
}

export class TimesheetsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk', description: 'An employer key sees only its own sheets whatever it asks' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;

  @ApiPropertyOptional({ example: 'w-anna' })
  @IsOptional()
  @IsQueryId()
  workerId?: string;

  @ApiPropertyOptional({ example: 'pl-anna-winter' })
  @IsOptional()
  @IsQueryId()
  placementId?: string;

  @ApiPropertyOptional({ enum: TIMESHEET_STATUSES })
  @IsOptional()
  @IsIn(TIMESHEET_STATUSES)
  status?: TimesheetStatus;

  @ApiPropertyOptional({ example: '2027-W01', description: 'First ISO week, inclusive' })
  @IsOptional()
  @IsIsoWeek()
  weekFrom?: string;

  @ApiPropertyOptional({ example: '2027-W04', description: 'Last ISO week, inclusive' })
  @IsOptional()
  @IsIsoWeek()
  weekTo?: string;
}
