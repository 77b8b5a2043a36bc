import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PeriodDto } from '../common/period.dto.js';

const ID = /^[a-z0-9][a-z0-9_.-]{0,59}$/;

export class CapacityTermsDto {
  @ApiProperty({ type: PeriodDto })
  @ValidateNested()
  @Type(() => PeriodDto)
  period: PeriodDto;

  @ApiProperty({ example: 24, description: 'Hours a week per person (quarter hours)' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(60)
  hoursPerWeek: number;

  @ApiProperty({ example: 6 })
  @IsInt()
  @Min(1)
  @Max(1000)
  headcount: number;
}

export class RequestCapacityDto extends CapacityTermsDto {
  @ApiProperty({ example: 'visschedijk-winter-2026' })
  @Matches(ID, { message: 'requestId must be 1-60 lowercase letters, digits or _.-' })
  requestId: string;

  @ApiProperty({ example: 'visschedijk' })
  @Matches(ID, { message: 'employerId must be an employer id' })
  employerId: string;

  @ApiProperty({ example: 'hengelo' })
  @Matches(ID, { message: 'siteId must be a site id' })
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
