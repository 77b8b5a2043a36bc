import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, Matches, ValidateNested } from 'class-validator';
import { WEEKDAYS, type PatternDay, type WorkPattern } from '@banenpool/domain';
import { IsHours, Optional } from '../common/validators.js';

const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One weekday of a placement's pattern. Whether the hours add up and fit the times is the decider's 422. */
export class PatternDayDto implements PatternDay {
  @ApiProperty({ example: 8, description: 'Hours worked that day (quarter hours, 0–24)' })
  @IsHours(0, 24)
  hours: number;

  @ApiPropertyOptional({ example: '08:00', description: 'From (HH:MM); give it with `end`' })
  @Optional()
  @Matches(CLOCK_TIME, { message: 'start must be a clock time HH:MM (00:00 to 24:00)' })
  start?: string;

  @ApiPropertyOptional({ example: '16:30', description: 'Until (HH:MM); an end not after the start is on the next day' })
  @Optional()
  @Matches(CLOCK_TIME, { message: 'end must be a clock time HH:MM (00:00 to 24:00)' })
  end?: string;
}

/** Hours per weekday; a weekday left out is not worked. */
export class WorkPatternDto implements WorkPattern {
  monday?: PatternDayDto;
  tuesday?: PatternDayDto;
  wednesday?: PatternDayDto;
  thursday?: PatternDayDto;
  friday?: PatternDayDto;
  saturday?: PatternDayDto;
  sunday?: PatternDayDto;
}

// The same optional nested day on each of the seven weekdays, decorated in one place.
for (const weekday of WEEKDAYS) {
  for (const decorate of [
    ApiPropertyOptional({ type: PatternDayDto }),
    Optional(),
    IsObject(),
    ValidateNested(),
    Type(() => PatternDayDto),
  ]) {
    decorate(WorkPatternDto.prototype, weekday);
  }
}
