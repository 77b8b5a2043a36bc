import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsRecordOf } from '../common/is-record-of.js';
import { PeriodDto } from '../common/period.dto.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { CoordinatesDto, CoordinatesProperty, LegacyPlaceProperty, PostcodeProperty } from '../common/location.js';
import { Optional, NestedObject, IsHours } from '../common/validators.js';

const isWeekHours = (value: unknown) => typeof value === 'number' && Number.isInteger(value * 4) && value >= 0 && value <= 24;

export class AvailabilityDto {
  @ApiPropertyOptional({ example: 32, description: 'Hours a week the worker can work (or give hoursByWeekday)' })
  @Optional()
  @IsHours(0, 60)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ example: { monday: 8, tuesday: 8, wednesday: 4 }, description: 'Hours per weekday (quarter hours)' })
  @Optional()
  @IsRecordOf(isWeekHours, 'a number of hours (quarter hours, 0-24) for a weekday')
  hoursByWeekday?: Record<string, number>;

  @ApiPropertyOptional({ type: [PeriodDto], description: 'Periods the worker cannot work' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PeriodDto)
  unavailable?: PeriodDto[];
}

/** What a target-group status says; the two below differ in whether it must say from when it holds. */
abstract class TargetGroupStatusFields {
  @ApiProperty({ description: 'In UWV’s target-group register (doelgroepregister)' })
  @IsBoolean()
  inRegister: boolean;

  @ApiPropertyOptional({ example: 7000, description: 'Assessed wage value (loonwaarde) in basis points; 10000 = full productivity' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  wageValueBp?: number;

  @ApiPropertyOptional({
    example: '2027-12-31',
    description: 'The last day it holds (the register entry ends); left out: until a status from a later date',
  })
  @Optional()
  @IsLocalDate()
  validUntil?: string;
}

/** The status given at registration. */
export class TargetGroupStatusDto extends TargetGroupStatusFields {
  @ApiPropertyOptional({ example: '2026-09-01', description: 'The first day it holds; left out: since registration' })
  @Optional()
  @IsLocalDate()
  validFrom?: string;
}

/** A status recorded later: from a date on, so the weeks before it keep the status they had. */
export class RecordTargetGroupStatusDto extends TargetGroupStatusFields {
  @ApiProperty({ example: '2027-01-04', description: 'The first day it holds; the days before keep the status they had' })
  @IsLocalDate()
  validFrom: string;
}

export class RegisterWorkerDto {
  @ApiProperty({ example: 'w-anna' })
  @IsResourceId()
  workerId: string;

  @ApiProperty({ example: 'Anna de Vries' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '1998-04-12' })
  @IsLocalDate()
  birthDate: string;

  @PostcodeProperty('homeArea')
  postcode?: string;

  @CoordinatesProperty()
  coordinates?: CoordinatesDto;

  @LegacyPlaceProperty()
  homeArea?: string;

  @ApiProperty({ example: ['cleaning', 'catering'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  skills: string[];

  @ApiProperty({ type: AvailabilityDto })
  @NestedObject(() => AvailabilityDto)
  availability: AvailabilityDto;

  @ApiPropertyOptional({ type: TargetGroupStatusDto, description: 'Sensitive: only operators and auditors see it' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetGroupStatusDto)
  targetGroup?: TargetGroupStatusDto;
}

export class SkillDto {
  @ApiProperty({ example: 'forklift' })
  @IsString()
  @Length(1, 100)
  skill: string;
}

export class OfferContractDto {
  @ApiProperty({ example: 'c-2026-1' })
  @IsResourceId()
  contractId: string;

  @ApiProperty({ enum: ['fixed_term', 'indefinite'] })
  @IsIn(['fixed_term', 'indefinite'])
  kind: 'fixed_term' | 'indefinite';

  @ApiProperty({ example: '2026-11-01' })
  @IsLocalDate()
  from: string;

  @ApiPropertyOptional({ example: '2027-10-31', description: 'Required for fixed_term' })
  @Optional()
  @IsLocalDate()
  to?: string;

  @ApiProperty({ example: 16 })
  @IsHours(0, 60)
  guaranteedHoursPerWeek: number;

  @ApiProperty({ example: 32 })
  @IsHours(0, 60)
  maxHoursPerWeek: number;

  @ApiPropertyOptional({
    example: 'recreatie',
    description:
      'The CAO whose seasonal clause (a shorter chain gap) the contract claims: it must bind the pool on the first day ' +
      '(POST /caos/:code/binding) and have the clause then, else 422',
  })
  @Optional()
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,49}$/, { message: 'seasonalClauseCao must be a CAO code' })
  seasonalClauseCao?: string;
}

export class RecordDirectContractDto {
  @ApiProperty({ example: 'tb-2025-017', description: 'The hirer’s own reference for the contract' })
  @IsResourceId()
  contractId: string;

  @ApiProperty({ example: 'transport-bv', description: 'The hirer the worker had the contract with' })
  @IsResourceId()
  employerId: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2025-12-31', description: 'The last day of the contract' })
  @IsLocalDate()
  to: string;

  @ApiPropertyOptional({ enum: ['fixed_term'], description: 'Only fixed-term contracts are links of a chain; the default' })
  @Optional()
  @IsIn(['fixed_term'])
  kind?: 'fixed_term';
}

export class EndContractDto {
  @ApiProperty({ example: '2027-01-31' })
  @IsLocalDate()
  lastDay: string;

  @ApiProperty({ example: 'Worker found a job outside the pool' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
