import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@banenpool/domain';
import { IsLocalDate } from '../common/is-local-date.js';
import { PeriodDto } from '../common/period.dto.js';

const ID = /^[a-z0-9][a-z0-9_.-]{0,59}$/;

export class ProposePlacementDto {
  @ApiProperty({ example: 'pl-anna-visschedijk-winter' })
  @Matches(ID, { message: 'placementId must be 1-60 lowercase letters, digits or _.-' })
  placementId: string;

  @ApiProperty({ example: 'w-anna' })
  @Matches(ID, { message: 'workerId must be a worker id' })
  workerId: string;

  @ApiProperty({ example: 'visschedijk' })
  @Matches(ID, { message: 'employerId must be an employer id' })
  employerId: string;

  @ApiPropertyOptional({ example: 'visschedijk-winter-2026', description: 'The capacity request this fills, if any' })
  @IsOptional()
  @Matches(ID, { message: 'capacityRequestId must be a capacity request id' })
  capacityRequestId?: string;

  @ApiProperty({ example: 'hengelo' })
  @Matches(ID, { message: 'siteId must be a site id' })
  siteId: string;

  @ApiProperty({ example: 'schoonmaker' })
  @IsString()
  @Length(1, 100)
  functionName: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS)
  legalForm: LegalForm;

  @ApiProperty({ example: 24 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(60)
  hoursPerWeek: number;

  @ApiProperty({ type: PeriodDto })
  @ValidateNested()
  @Type(() => PeriodDto)
  period: PeriodDto;

  @ApiPropertyOptional({ example: 3150, description: 'What the pool charges the hirer per hour, in cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  billRateCents?: number;
}

export class ConfirmPlacementDto {
  @ApiPropertyOptional({ example: 0, description: 'Step within the function’s CAO scale (default 0)' })
  @IsOptional()
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
