import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@banenpool/domain';
import { IsLocalDate } from '../common/is-local-date.js';
import { PeriodDto } from '../common/period.dto.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { Optional, NestedObject, IsHours } from '../common/validators.js';

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
}

export class ConfirmPlacementDto {
  @ApiPropertyOptional({ example: 0, description: 'Step within the function’s CAO scale (default 0)' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(60)
  step?: number;
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

export class PayDifferenceQuery {
  @ApiProperty({ example: 'anna-park-2026', description: 'The earlier placement to compare with' })
  @IsResourceId()
  from: string;

  @ApiPropertyOptional({ description: 'Read-your-writes position' })
  @Optional()
  @Matches(/^\d{1,20}-\d{1,20}$/, { message: 'waitFor must be a position like 742-1031' })
  waitFor?: string;
}
