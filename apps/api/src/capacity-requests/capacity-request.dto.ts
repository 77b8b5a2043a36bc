import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { PeriodDto } from '../common/period.dto.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { NestedObject, IsHours } from '../common/validators.js';

export class CapacityTermsDto {
  @ApiProperty({ type: PeriodDto })
  @NestedObject(() => PeriodDto)
  period: PeriodDto;

  @ApiProperty({ example: 24, description: 'Hours a week per person (quarter hours)' })
  @IsHours(0.25, 60)
  hoursPerWeek: number;

  @ApiProperty({ example: 6 })
  @IsInt()
  @Min(1)
  @Max(1000)
  headcount: number;
}

export class RequestCapacityDto extends CapacityTermsDto {
  @ApiProperty({ example: 'visschedijk-winter-2026' })
  @IsResourceId()
  requestId: string;

  @ApiProperty({ example: 'visschedijk' })
  @IsResourceId()
  employerId: string;

  @ApiProperty({ example: 'hengelo' })
  @IsResourceId()
  siteId: string;

  @ApiProperty({ example: 'schoonmaker' })
  @IsString()
  @Length(1, 100)
  functionName: string;

  @ApiProperty({ example: 'cleaning' })
  @IsString()
  @Length(1, 100)
  requiredSkill: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'The contract with the client fell through' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
