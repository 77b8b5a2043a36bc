import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@banenpool/domain';
import { IsLocalDate } from '../common/is-local-date.js';
import { PeriodDto } from '../common/period.dto.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { Optional, NestedObject, IsHours } from '../common/validators.js';
import { WorkPatternDto } from './work-pattern.dto.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';

export class ProposePlacementDto {
  @ApiProperty({ example: 'pl-anna-visschedijk-winter' })
  @IsResourceId()
  placementId: string;

  @ApiProperty({ example: 'w-anna' })
  @IsResourceId()
  workerId: string;

  @ApiProperty({ example: 'visschedijk' })
  @IsResourceId()
  employerId: string;

  @ApiPropertyOptional({ example: 'visschedijk-winter-2026', description: 'The capacity request this fills, if any' })
  @Optional()
  @IsResourceId()
  capacityRequestId?: string;

  @ApiProperty({ example: 'hengelo' })
  @IsResourceId()
  siteId: string;

  @ApiProperty({ example: 'schoonmaker' })
  @IsString()
  @Length(1, 100)
  functionName: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS)
  legalForm: LegalForm;

  @ApiProperty({ example: 24 })
  @IsHours(0.25, 60)
  hoursPerWeek: number;

  @ApiProperty({ type: PeriodDto })
  @NestedObject(() => PeriodDto)
  period: PeriodDto;

  @ApiPropertyOptional({ example: 3150, description: 'What the pool charges the hirer per hour, in cents' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  billRateCents?: number;

  @ApiPropertyOptional({
    type: WorkPatternDto,
    example: { monday: { hours: 8, start: '08:00', end: '16:30' }, wednesday: { hours: 8 }, friday: { hours: 8 } },
    description: 'Hours per weekday, adding up to hoursPerWeek; left out: hoursPerWeek spread evenly over Monday to Friday',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkPatternDto)
  pattern?: WorkPatternDto;
}

export class ConfirmPlacementDto {
  @ApiProperty({
    example: 0,
    description: 'Step within the function’s CAO scale (0 is the first), chosen for this worker: required, there is no default',
  })
  @IsInt()
  @Min(0)
  @Max(60)
  step: number;
}

export class ExtendPlacementDto {
  @ApiProperty({ example: '2027-05-31' })
  @IsLocalDate()
  to: string;
}

export class EndPlacementEarlyDto {
  @ApiProperty({ example: '2027-01-15' })
  @IsLocalDate()
  lastDay: string;

  @ApiProperty({ example: 'The worker starts a job with the employer directly' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class WithdrawPlacementDto {
  @ApiProperty({ example: 'The employer no longer needs the extra hands' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class PayDifferenceQuery extends ConsistencyQuery {
  @ApiProperty({ example: 'anna-park-2026', description: 'The earlier placement to compare with' })
  @IsResourceId()
  from: string;

  @ApiPropertyOptional({
    example: '2026-11-02',
    description: 'The day compared (default: the later of the two first days); a placement that ended before it counts on its last day',
  })
  @Optional()
  @IsLocalDate()
  on?: string;
}

export class PlacementWageQuery extends ConsistencyQuery {
  @ApiProperty({ example: '2026-11-02', description: 'A day of the placement' })
  @IsLocalDate()
  on: string;
}
