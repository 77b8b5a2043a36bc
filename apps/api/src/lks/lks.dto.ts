import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { DATE_RANGE_TEXT, inDateRange } from '../common/date-range.js';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { Optional } from '../common/validators.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { QUERY_ID, QueryInteger } from '../read-model-queries/query-params.js';

/** Bounds that catch typing errors only: no municipality pays a worker's month ten billion euros. */
const MAX_CENTS = 1_000_000_000_000;

const CLAIM_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CLAIM_MONTH_TEXT = `a calendar month as YYYY-MM (e.g. 2027-03), ${DATE_RANGE_TEXT}`;

export function IsClaimMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isClaimMonth',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CLAIM_MONTH.test(value) && inDateRange(value),
        defaultMessage: (args) => `${args?.property ?? 'month'} must be ${CLAIM_MONTH_TEXT}`,
      },
    },
    options,
  );
}

export class WorkerParams {
  @ApiProperty({ example: 'sem' })
  @Matches(QUERY_ID, { message: 'workerId must be an id: 1-100 letters, digits or _.:@-' })
  workerId: string;
}

export class LksClaimParams {
  @ApiProperty({
    example: 'sem.2027-03.1',
    description: 'The claim’s id: <workerId>.<month>.<n>, n counting the worker’s claims of the month',
  })
  @Matches(QUERY_ID, { message: 'claimId must be an id: 1-100 letters, digits or _.:@-' })
  claimId: string;
}

export class RecordWageValueDecisionDto {
  @ApiProperty({
    example: 'hof-van-twente',
    description: 'The municipality that decided (and pays the subsidy), as a code: its name in lower case, words joined by -',
  })
  @IsResourceId()
  municipality: string;

  @ApiProperty({ example: 6000, description: 'The assessed wage value (loonwaarde) in basis points: 1 to 10000 (100 %)' })
  @IsInt()
  @Min(1)
  @Max(10000)
  wageValueBp: number;

  @ApiProperty({ example: '2027-01-01', description: 'The first day the decision holds' })
  @IsLocalDate()
  from: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Its last day; left out: until the worker’s next decision starts' })
  @Optional()
  @IsLocalDate()
  to?: string;

  @ApiProperty({ example: '2027-10-01', description: 'When the municipality reassesses the wage value (not before `from`)' })
  @IsLocalDate()
  reassessOn: string;

  @ApiPropertyOptional({ example: 'Beschikking 2027/0412', maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'reference must not be blank' })
  reference?: string;
}

export class CalculateLksClaimsDto {
  @ApiProperty({ example: '2027-03', description: 'The month claimed; its pay runs must be finalized' })
  @IsClaimMonth()
  month: string;

  @ApiPropertyOptional({ example: 'hengelo', description: 'One municipality (its code); left out: every municipality' })
  @Optional()
  @IsResourceId()
  municipality?: string;
}

export class LksClaimsQuery extends ConsistencyQuery {
  @ApiProperty({ example: '2027-03' })
  @IsClaimMonth()
  month: string;

  @ApiPropertyOptional({ example: 'hengelo', description: 'One municipality (its code)' })
  @IsOptional()
  @IsResourceId()
  municipality?: string;
}

export class SubmitLksClaimDto {
  @ApiPropertyOptional({ example: '2027-04-03', description: 'The day it was submitted, after its month; today when left out' })
  @Optional()
  @IsLocalDate()
  submittedOn?: string;
}

export class LksClaimPaymentDto {
  @ApiProperty({ example: 41250, description: 'The amount the municipality paid, in cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty({ example: '2027-04-20' })
  @IsLocalDate()
  paidOn: string;
}

export class ReassessmentsDueParams extends ConsistencyQuery {
  @ApiPropertyOptional({ example: '2027-03-01', description: 'The day to look ahead from (default: today in Europe/Amsterdam)' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 52, default: 8, description: 'How many weeks ahead to look' })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(52)
  weeks = 8;
}
