import { ApiProperty } from '@nestjs/swagger';
import { IsLocalDate } from './is-local-date.js';

/** Both days included. */
export class PeriodDto {
  @ApiProperty({ example: '2026-11-01' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2027-03-31' })
  @IsLocalDate()
  to: string;
}
