import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsLocalDate } from '../common/is-local-date.js';
import { PeriodDto } from '../common/period.dto.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { CoordinatesDto, CoordinatesProperty, LegacyPlaceProperty, PostcodeProperty } from '../common/location.js';
import { NestedObject, Optional } from '../common/validators.js';

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

  @PostcodeProperty('area')
  postcode?: string;

  @CoordinatesProperty()
  coordinates?: CoordinatesDto;

  @LegacyPlaceProperty()
  area?: string;
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

export class PlacementLimitsDto {
  @ApiPropertyOptional({ example: 23, description: 'The longest one placement may last, in months; leave out for no limit' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1200)
  maxPlacementMonths?: number;

  @ApiPropertyOptional({
    example: 36,
    description:
      'The longest one worker may work here over placements that follow one another (no gap over the chain rule’s 6 months), in months',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1200)
  maxWorkerMonths?: number;

  @ApiProperty({ example: '2027-01-01', description: 'The limits hold for placements starting from this day until the next statement' })
  @IsLocalDate()
  from: string;

  @ApiPropertyOptional({ example: 'Our transport CAO lets us take a hired worker for at most 23 months' })
  @Optional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
