import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import type { RateAgreementTerms } from '@banenpool/application';
import type { Rate, RateScope, RateSurcharges } from '@banenpool/domain';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { NestedObject, Optional } from '../common/validators.js';
import { IsQueryId } from '../read-model-queries/query-params.js';

const SCOPE_KINDS = ['employer', 'function', 'placement'] as const;
const RATE_KINDS = ['factor', 'fixed'] as const;
// Bounds that catch typing errors only; the domain refuses a rate below the cost price (422).
const MAX_FACTOR_BP = 100_000;
const MAX_HOURLY_CENTS = 100_000;
const MAX_SURCHARGE_BP = 30_000;

/** A field that belongs to one kind of its object: required with that kind, refused with another. */
function ForKind(kind: string): PropertyDecorator {
  return (target, property) => {
    ValidateIf((object: { kind?: unknown }, value: unknown) => object.kind === kind || value !== undefined)(target, property);
    ValidateBy({
      name: 'forKind',
      validator: {
        validate: (_value: unknown, args) => (args?.object as { kind?: unknown }).kind === kind,
        defaultMessage: (args) => `${args?.property} is given with kind ${kind} only`,
      },
    })(target, property);
  };
}

/** Text with something in it: a function name, a reason. */
const Text = (max: number): PropertyDecorator => {
  return (target, property) => {
    IsString()(target, property);
    Length(1, max)(target, property);
    Matches(/\S/, { message: `${String(property)} must not be blank` })(target, property);
  };
};

export class RateScopeDto {
  @ApiProperty({
    enum: SCOPE_KINDS,
    example: 'employer',
    description: 'Every placement of the hirer, those of one function, or one placement',
  })
  @IsIn(SCOPE_KINDS)
  kind: RateScope['kind'];

  @ApiPropertyOptional({ example: 'schoonmaker', description: 'With kind function: the function as the placements name it' })
  @ForKind('function')
  @Text(100)
  functionCode?: string;

  @ApiPropertyOptional({ example: 'pl-anna-winter', description: 'With kind placement' })
  @ForKind('placement')
  @IsResourceId()
  placementId?: string;
}

export class RateDto {
  @ApiProperty({ enum: RATE_KINDS, example: 'factor', description: 'A factor on the gross wage of the day, or a fixed amount an hour' })
  @IsIn(RATE_KINDS)
  kind: Rate['kind'];

  @ApiPropertyOptional({ example: 18_500, description: 'With kind factor: in basis points of the gross wage (18500 = 1.85 ×)' })
  @ForKind('factor')
  @IsInt()
  @Min(1)
  @Max(MAX_FACTOR_BP)
  factorBp?: number;

  @ApiPropertyOptional({ example: 2850, description: 'With kind fixed: cents an hour' })
  @ForKind('fixed')
  @IsInt()
  @Min(1)
  @Max(MAX_HOURLY_CENTS)
  hourlyCents?: number;
}

const Surcharge = (): PropertyDecorator => (target, property) => {
  ApiPropertyOptional({ minimum: 0, maximum: MAX_SURCHARGE_BP, description: 'Basis points on top of the rate' })(target, property);
  IsOptional()(target, property);
  IsInt()(target, property);
  Min(0)(target, property);
  Max(MAX_SURCHARGE_BP)(target, property);
};

/** The extra charged per hour type, in basis points of the rate; a type left out has none. */
export class RateSurchargesDto implements RateSurcharges {
  @Surcharge() normal?: number;
  @Surcharge() overtime?: number;
  @Surcharge() irregular?: number;
  @Surcharge() sick?: number;
  @Surcharge() leave?: number;
  @Surcharge() public_holiday?: number;
}

export class AgreeRateDto {
  @ApiPropertyOptional({ example: 'visschedijk-2027', description: 'Made by the pool when left out' })
  @Optional()
  @IsResourceId()
  agreementId?: string;

  @ApiProperty({ type: RateScopeDto })
  @NestedObject(() => RateScopeDto)
  scope: RateScopeDto;

  @ApiProperty({ example: '2027-01-01', description: 'The first day it prices' })
  @IsLocalDate()
  from: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'The last day it prices; left out: until it is ended' })
  @Optional()
  @IsLocalDate()
  to?: string;

  @ApiProperty({ type: RateDto })
  @NestedObject(() => RateDto)
  rate: RateDto;

  @ApiPropertyOptional({ type: RateSurchargesDto, example: { overtime: 2500, public_holiday: 10_000 } })
  @Optional()
  @NestedObject(() => RateSurchargesDto)
  surchargesBp?: RateSurchargesDto;

  @ApiPropertyOptional({
    example: 2500,
    minimum: 0,
    maximum: 10_000,
    default: 0,
    description: 'The share of each invoice paid to the G-account',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  gAccountShareBp?: number;

  @ApiPropertyOptional({ example: 'Annual rate talks 2027' })
  @Optional()
  @Text(2000)
  reason?: string;
}

export class EndRateAgreementDto {
  @ApiProperty({ example: '2027-06-30', description: 'The last day it prices: from its first day to before its own end' })
  @IsLocalDate()
  lastDay: string;

  @ApiProperty({ example: 'New rate from July' })
  @IsString()
  @Length(3, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class RateWarningsQueryDto extends ConsistencyQuery {
  @ApiPropertyOptional({ example: 'visschedijk', description: 'One hirer; left out: every hirer' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;
}

/** The body as the domain names its terms: the scope and rate by kind, no surcharges and no G-account share when left out. */
export function rateTermsOf(body: AgreeRateDto): RateAgreementTerms {
  const { agreementId, from, to, reason } = body;
  return {
    ...(agreementId !== undefined && { agreementId }),
    scope: scopeOf(body.scope),
    from,
    ...(to !== undefined && { to }),
    rate:
      body.rate.kind === 'factor'
        ? { kind: 'factor', factorBp: body.rate.factorBp! }
        : { kind: 'fixed', hourlyCents: body.rate.hourlyCents! },
    surchargesBp: Object.fromEntries(Object.entries(body.surchargesBp ?? {}).filter(([, bp]) => bp !== undefined)),
    gAccountShareBp: body.gAccountShareBp ?? 0,
    ...(reason !== undefined && { reason }),
  };
}

function scopeOf(scope: RateScopeDto): RateScope {
  switch (scope.kind) {
    case 'employer':
      return { kind: 'employer' };
    case 'function':
      return { kind: 'function', functionCode: scope.functionCode! };
    case 'placement':
      return { kind: 'placement', placementId: scope.placementId! };
  }
}
