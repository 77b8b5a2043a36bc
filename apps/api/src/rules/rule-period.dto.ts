import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, IsUrl, Length } from 'class-validator';
import { IsLocalDate } from '../common/is-local-date.js';
import { NestedObject, Optional } from '../common/validators.js';

export class RuleSourceDto {
  @ApiProperty({ example: 'Rijksoverheid, Bedragen minimumloon 2026' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ example: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon/bedragen-minimumloon/bedragen-minimumloon-2026' })
  @Optional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @Length(1, 500)
  url?: string;
}

/** The shape every table shares; `values` is checked against the table's own schema by the controller. */
export class PublishRulePeriodDto {
  @ApiProperty({ example: '2026-07-01', description: 'An existing start date corrects that period (then `reason` is required)' })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Leave out for "until the next period"; required for minimum-wage, which is indexed every 1 January and 1 July',
  })
  @Optional()
  @IsLocalDate()
  effectiveUntil?: string;

  @ApiProperty({
    description:
      'The table’s figures. minimum-wage: { adultHourlyCents, adultAge, youthBp: { "15": 3000, … "20": 8000 }, bblYouthBp? }; ' +
      'working-time: { bands: [{ minAge, maxAge?, shiftHours, weekHours, fourWeekAverageHours?, sixteenWeekAverageHours?, night?: { from, until }, dailyRestHours?, shortenedDailyRestHours? }] }; ' +
      'chain-rule: { maxContracts, maxMonths, breakingGapMonths, seasonalBreakingGapMonths, caoMaxContracts, caoMaxMonths }; ' +
      'holiday-allowance: { minimumBp }; sick-pay-and-leave: { sickPayBp, leaveAccrualBp }; employer-charges: { chargesBp }; ' +
      'vat: { standardBp }; wage-cost-subsidy: { capBp, employerChargesAllowanceBp }; retention: { fiscalRecordsYears }',
    example: { adultHourlyCents: 1500, adultAge: 21, youthBp: { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 } },
  })
  @IsObject()
  values: Record<string, unknown>;

  @ApiProperty({ type: RuleSourceDto, description: 'Where the figures come from, for an auditor to check' })
  @NestedObject(() => RuleSourceDto)
  source: RuleSourceDto;

  @ApiPropertyOptional({ example: 'Indexation of 1 July 2026', description: 'Required when correcting a published period' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
