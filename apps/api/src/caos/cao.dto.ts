import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { WEEKDAYS } from '@banenpool/domain';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsRecordOf, isBasisPoints, isCentsList } from '../common/is-record-of.js';
import { Optional, NestedObject, IsHours } from '../common/validators.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';

export class RegisterCaoDto {
  @ApiProperty({ example: 'schoonmaak', description: 'Short code; the CAO stream is cao-<code>' })
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,49}$/, { message: 'code must be 1-50 lowercase letters, digits or _.-' })
  code: string;

  @ApiProperty({ example: 'CAO Schoonmaak- en Glazenwassersbedrijf' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class TimeBandDto {
  @ApiProperty({ enum: WEEKDAYS, example: 'sunday' })
  @IsIn(WEEKDAYS)
  weekday: (typeof WEEKDAYS)[number];

  @ApiProperty({ example: '00:00' })
  @Matches(/^\d{2}:\d{2}$/, { message: 'start must be HH:MM' })
  start: string;

  @ApiProperty({ example: '24:00' })
  @Matches(/^\d{2}:\d{2}$/, { message: 'end must be HH:MM' })
  end: string;

  @ApiProperty({ example: 10000, description: 'Surcharge in basis points (10000 = 100 %)' })
  @IsInt()
  @Min(0)
  @Max(30000)
  surchargeBp: number;
}

export class SurchargesDto {
  @ApiProperty({ type: [TimeBandDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TimeBandDto)
  timeBands: TimeBandDto[];

  @ApiProperty({ example: 10000 })
  @IsInt()
  @Min(0)
  @Max(30000)
  publicHolidayBp: number;

  @ApiPropertyOptional({ example: 2500, description: 'Surcharge on hours beyond the agreed hours, in basis points' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(30000)
  overtimeBp?: number;
}

export class PensionPremiumDto {
  @ApiProperty({ example: 750, description: "The employee's share of the pension premium, in basis points of the wage" })
  @IsInt()
  @Min(0)
  @Max(5000)
  employeeBp: number;

  @ApiProperty({ example: 1500, description: "The employer's share of the pension premium, in basis points of the wage" })
  @IsInt()
  @Min(0)
  @Max(5000)
  employerBp: number;
}

export class CaoVersionContentDto {
  @ApiProperty({
    example: { A: [1471, 1502, 1534], B: [1550, 1590] },
    description: 'Hourly wage in cents per step (step 0 first), per scale',
  })
  @IsRecordOf(isCentsList, 'a list of 1-50 hourly wages in whole cents')
  wageScales: Record<string, number[]>;

  @ApiPropertyOptional({
    example: { 18: 5000, 19: 6000, 20: 8000 },
    description: 'The CAO’s own youth percentages by age, in basis points',
  })
  @Optional()
  @IsRecordOf(isBasisPoints, 'basis points (0-30000)')
  youthBp?: Record<number, number>;

  @ApiProperty({ type: SurchargesDto })
  @NestedObject(() => SurchargesDto)
  surcharges: SurchargesDto;

  @ApiProperty({ example: 800, description: 'Holiday pay in basis points; at least 800 (8 %)' })
  @IsInt()
  @Min(0)
  @Max(10000)
  holidayPayBp: number;

  @ApiPropertyOptional({ type: PensionPremiumDto, description: 'The pension premium; together at most 50 % of the wage' })
  @Optional()
  @NestedObject(() => PensionPremiumDto)
  pensionPremium?: PensionPremiumDto;

  @ApiProperty({ example: 38 })
  @IsHours(1, 60)
  fullTimeHoursPerWeek: number;

  @ApiProperty({ description: 'Seasonal clause: a gap over 3 months (not 6) breaks a chain of fixed-term contracts' })
  @IsBoolean()
  seasonalClause: boolean;

  @ApiProperty({ description: 'True when the figures are made up for a demonstration, not taken from a published CAO' })
  @IsBoolean()
  illustrative: boolean;
}

export class PublishCaoVersionDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Leave out for "until the next version"' })
  @Optional()
  @IsLocalDate()
  effectiveUntil?: string;

  @ApiProperty({ type: CaoVersionContentDto })
  @NestedObject(() => CaoVersionContentDto)
  content: CaoVersionContentDto;
}

export class CorrectCaoVersionDto {
  @ApiProperty({ example: '2026-01-01', description: 'The effective date of the version being corrected' })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiProperty({ type: CaoVersionContentDto })
  @NestedObject(() => CaoVersionContentDto)
  content: CaoVersionContentDto;

  @ApiProperty({ example: 'Scale B step 1 was typed as 15.09; the CAO says 15.90' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class RecordCaoBindingDto {
  @ApiProperty({ example: '2026-01-01', description: 'The first day the CAO binds the pool' })
  @IsLocalDate()
  from: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'The last day it binds the pool; leave out for until further notice' })
  @Optional()
  @IsLocalDate()
  until?: string;

  @ApiProperty({
    example: 'Declared generally binding (AVV), Staatscourant 2026-12345',
    description:
      'Why the CAO binds the pool itself: a declaration of general application, or its membership of the employers’ organisation',
  })
  @IsString()
  @Length(3, 500)
  basis: string;
}

export class CaoOnQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Also show the version that applies on this date' })
  @Optional()
  @IsLocalDate()
  on?: string;
}
