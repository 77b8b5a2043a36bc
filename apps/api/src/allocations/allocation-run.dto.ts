import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@banenpool/domain';
import { IsResourceId } from '../common/is-resource-id.js';
import { NestedObject, Optional } from '../common/validators.js';
import { IsIsoWeek, PageQuery } from '../read-model-queries/query-params.js';

/** An optional nested object: left out, or an object that is valid itself. */
const OptionalNested =
  (type: () => new () => object): PropertyDecorator =>
  (target, property) => {
    Optional()(target, property);
    IsObject()(target, property);
    ValidateNested()(target, property);
    Type(type)(target, property);
  };

const IdList = (): PropertyDecorator => (target, property) => {
  Optional()(target, property);
  IsArray()(target, property);
  ArrayMaxSize(200)(target, property);
  IsResourceId({ each: true })(target, property);
};

export class AllocationScopeDto {
  @ApiProperty({ example: '2026-W45', description: 'First ISO week to allocate' })
  @IsIsoWeek()
  fromWeek: string;

  @ApiProperty({ example: '2027-W13', description: 'Last ISO week to allocate (at most 53 weeks after the first)' })
  @IsIsoWeek()
  toWeek: string;

  @ApiPropertyOptional({ example: ['visschedijk'], description: 'Only these employers’ capacity requests (default: all)' })
  @IdList()
  employerIds?: string[];

  @ApiPropertyOptional({
    example: ['visschedijk-winter-2026'],
    description: 'Only these capacity requests (default: all of the employers)',
  })
  @IdList()
  requestIds?: string[];
}

const Weight = (): PropertyDecorator => (target, property) => {
  Optional()(target, property);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  Min(0)(target, property);
  Max(1000)(target, property);
};

/** Weights of the objective in hour equivalents (see libs/allocation/README.md); a weight left out keeps its default. */
export class AllocationWeightsDto {
  @ApiPropertyOptional({ example: 1, description: 'Per filled hour' }) @Weight() fill?: number;
  @ApiPropertyOptional({ example: 1, description: 'Per hour of guaranteed-hours shortfall covered' }) @Weight() shortfall?: number;
  @ApiPropertyOptional({ example: 1, description: 'Per hour for a worker in a week the pool released them (placement ended, site closed)' })
  @Weight()
  released?: number;
  @ApiPropertyOptional({ example: 4, description: 'Cost per new worker × employer relationship' }) @Weight() continuity?: number;
  @ApiPropertyOptional({ example: 1, description: 'Per week at an employer the worker worked for' }) @Weight() returning?: number;
  @ApiPropertyOptional({ example: 3, description: 'Cost per extra employer in a worker’s week' }) @Weight() extraEmployer?: number;
  @ApiPropertyOptional({ example: 0.05, description: 'Cost per km home → site per week' }) @Weight() travel?: number;
  @ApiPropertyOptional({ example: 0.1, description: 'Per hour for workers with fewer hours so far' }) @Weight() fairness?: number;
}

export class StartAllocationRunDto {
  @ApiPropertyOptional({ example: 'winter-2026-1', description: 'The run’s id (default: one is made)' })
  @Optional()
  @IsResourceId()
  runId?: string;

  @ApiProperty({ type: AllocationScopeDto })
  @NestedObject(() => AllocationScopeDto)
  scope: AllocationScopeDto;

  @ApiPropertyOptional({ type: AllocationWeightsDto })
  @OptionalNested(() => AllocationWeightsDto)
  weights?: AllocationWeightsDto;

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 60, description: 'Solver time limit in seconds (default 10)' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(60)
  timeLimitSeconds?: number;
}

/**
 * The engine names a proposal `<requestId>:<workerId>:<first Monday>`, all lowercase letters, digits
 * and _.:-. Text of any other characters cannot name one: malformed input (400), not an unknown
 * proposal (404).
 */
export const PROPOSAL_ID = /^[a-z0-9][a-z0-9_.:-]{0,199}$/;

/** Which proposals: `all: true` (every one still open) or a list of ids. */
class ProposalSelectionDto {
  @ApiPropertyOptional({ example: true, description: 'Every proposal of the run still open' })
  @Optional()
  @Equals(true, { message: 'all must be true when given (or give proposalIds)' })
  all?: true;

  @ApiPropertyOptional({ example: ['visschedijk-winter-2026:w-ahmet:2026-11-02'] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @Matches(PROPOSAL_ID, {
    each: true,
    message:
      'each of proposalIds must be a proposal id as a run gives it (<requestId>:<workerId>:<YYYY-MM-DD>): 1-200 lowercase letters, digits or _.:-',
  })
  proposalIds?: string[];
}

export class AcceptProposalsDto extends ProposalSelectionDto {
  @ApiPropertyOptional({ enum: LEGAL_FORMS, description: 'Legal form of the placements (default payroll)' })
  @Optional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiProperty({ example: 0, description: 'Step within the function’s CAO scale for every confirmation, chosen by the operator' })
  @IsInt()
  @Min(0)
  @Max(60)
  step: number;
}

export class RejectProposalsDto extends ProposalSelectionDto {
  @ApiProperty({ example: 'The employer fills these weeks itself' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class AllocationRunQuery extends PageQuery {}
