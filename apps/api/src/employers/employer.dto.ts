import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsLocalDate } from '../common/is-local-date.js';
import { PeriodDto } from '../common/period.dto.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { NestedObject } from '../common/validators.js';

export class JoinPoolDto {
  @ApiProperty({ example: 'visschedijk', description: 'The employer stream is employer-<employerId>' })
  @IsResourceId()
  employerId: string;

  @ApiProperty({ example: 'Visschedijk Facilitaire Diensten' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  memberFrom: string;
}

export class LeavePoolDto {
  @ApiProperty({ example: '2027-12-31', description: 'The last day of membership' })
  @IsLocalDate()
  memberUntil: string;
}

export class ApplyCaoDto {
  @ApiProperty({ example: 'schoonmaak' })
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,49}$/, { message: 'caoCode must be a CAO code' })
  caoCode: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  from: string;
}

export class AddSiteDto {
  @ApiProperty({ example: 'hengelo' })
  @IsResourceId()
  siteId: string;

  @ApiProperty({ example: 'Hengelo, Industrieplein' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'hengelo', description: 'Home-area code used for travel distance' })
  @IsString()
  @Length(1, 100)
  area: string;
}

export class ClassifyFunctionDto {
  @ApiProperty({ example: 'schoonmaker' })
  @IsString()
  @Length(1, 100)
  functionName: string;

  @ApiProperty({ example: 'A', description: 'A scale of the CAO the employer applies on `from`' })
  @IsString()
  @Length(1, 50)
  scale: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  from: string;
}

export class DeclareClosureDto {
  @ApiProperty({ example: 'park' })
  @IsResourceId()
  siteId: string;

  @ApiProperty({ type: PeriodDto })
  @NestedObject(() => PeriodDto)
  period: PeriodDto;

  @ApiProperty({ example: 'Winter closure of the park' })
  @IsString()
  @Length(1, 500)
  reason: string;
}
