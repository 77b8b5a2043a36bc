import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CalculateLksClaimsCommand,
  GetLksClaimQuery,
  ListLksClaimsQuery,
  ReassessmentsDueQuery,
  RecordLksClaimPaymentCommand,
  RecordWageValueDecisionCommand,
  SubmitLksClaimCommand,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { PersonalDataRead } from '../audit/personal-data-read.js';
import { Context } from '../http/request-context.decorator.js';
import { today } from '../read-model-queries/query-params.js';
import {
  CalculateLksClaimsDto,
  LksClaimParams,
  LksClaimPaymentDto,
  LksClaimsQuery,
  ReassessmentsDueParams,
  RecordWageValueDecisionDto,
  SubmitLksClaimDto,
  WorkerParams,
} from './lks.dto.js';

const ACCEPTED = '{ streamId, version, position, events }';

// Wage value and subsidy are sensitive target-group data: operators record and read them, auditors
// read them, employers never reach them (403), not even about their own workers.

/** The municipality's wage-value decisions, on the worker's `lks-<workerId>` stream. */

/** A wage value (and a claim resting on one) says something about a worker's health: target-group data, whole. */
const WageValueRead = () => PersonalDataRead({ fields: ['targetGroup'], answer: 'whole' });

@ApiTags('wage-cost subsidy')
@ApiBearerAuth()
@Controller('workers')
export class WageValueDecisionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':workerId/wage-value-decisions')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record the municipality’s wage-value decision for a worker: wage value, from (to), reassessment date',
    description:
      'A worker’s decisions never share a day (422 decisions_overlap); one without `to` runs until the next one starts. ' +
      '404 for an unknown worker; 409 decision_exists for a second decision from the same day.',
  })
  @ApiCreatedResponse({ description: `${ACCEPTED.slice(0, -2)}, decisionId }` })
  record(@Param() { workerId }: WorkerParams, @Body() body: RecordWageValueDecisionDto, @Context() context: RequestContext) {
    return this.commands.execute(new RecordWageValueDecisionCommand(workerId, body, context));
  }
}

/**
 * Wage-cost subsidy (LKS) claims: per month and municipality a claim per worker from the hours the
 * finalized pay runs paid: (minimum wage + holiday allowance) − wage value × (CAO wage + holiday
 * allowance) an hour, at most 70 % of (minimum wage + holiday allowance), plus the employer-charges
 * allowance. A recalculation that changes a claim records a correction, never an edit.
 */
@ApiTags('wage-cost subsidy')
@ApiBearerAuth()
@Controller('lks-claims')
export class LksClaimsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary: 'Calculate the month’s claims: every worker with a decision in force in it (of one municipality, or all)',
    description:
      'Waits for the read models to reach the head of the feed; 422 month_not_paid until the pay runs reaching the month’s last ' +
      'day are finalized. A month calculated again records nothing unless a claim’s figures changed: then a correction (corrects).',
  })
  @ApiCreatedResponse({
    description:
      '{ month, municipality?, claims: [{ claimId, workerId, municipality, decisionId, totalCents, corrects? }], unchanged, events, position? }',
  })
  calculate(@Body() body: CalculateLksClaimsDto, @Context() context: RequestContext) {
    return this.commands.execute(new CalculateLksClaimsCommand(body.month, body.municipality, context));
  }

  @Get()
  @Roles('operator', 'auditor')
  @WageValueRead()
  @ApiOperation({ summary: 'A month’s claims per municipality: totals over the standing claims, and the per-worker claims behind them' })
  @ApiOkResponse({
    description:
      '{ month, rounding, municipalities: [{ municipality, workers, subsidyCents, employerChargesAllowanceCents, totalCents, paidCents, ' +
      'claims: [{ claimId, workerId, decisionId, status, minutes, hours, totalCents, ... }], corrected: [...] }] }',
  })
  list(@Query() query: LksClaimsQuery) {
    return this.queries.execute(new ListLksClaimsQuery(query.month, query.municipality));
  }

  @Get(':claimId')
  @Roles('operator', 'auditor')
  @WageValueRead()
  @ApiOperation({ summary: 'A claim with its lines: per stretch of days the minutes, the hourly figures, the cap and the rule rows' })
  @ApiOkResponse({
    description:
      '{ claimId, workerId, month, municipality, decisionId, payRunIds, status, minutes, hours, lines: [{ from, to, minutes, ' +
      'minimumWageHourlyCents, statutoryHolidayAllowanceBp, caoWageHourlyCents, holidayAllowanceBp, wageValueBp, subsidyHourlyCents, ' +
      'capped, subsidyCents, rules }], subsidyCents, employerChargesAllowanceCents, totalCents, corrects?, correctedBy?, submittedOn?, ' +
      'payments, paidCents, rounding }',
  })
  get(@Param() { claimId }: LksClaimParams, @Query() _query: ConsistencyQuery) {
    return this.queries.execute(new GetLksClaimQuery(claimId));
  }

  @Post(':claimId/submission')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record that the claim was submitted to its municipality (once; 409 after), on a day after its month',
    description: '422 claim_corrected for a claim a later one corrected: submit that one.',
  })
  @ApiCreatedResponse({ description: ACCEPTED })
  submit(@Param() { claimId }: LksClaimParams, @Body() body: SubmitLksClaimDto, @Context() context: RequestContext) {
    return this.commands.execute(new SubmitLksClaimCommand(claimId, body.submittedOn ?? today(), context));
  }

  @Post(':claimId/payments')
  @Roles('operator')
  @ApiOperation({ summary: 'Record what the municipality paid on a submitted claim (it may pay in parts)' })
  @ApiCreatedResponse({ description: ACCEPTED })
  pay(@Param() { claimId }: LksClaimParams, @Body() body: LksClaimPaymentDto, @Context() context: RequestContext) {
    return this.commands.execute(
      new RecordLksClaimPaymentCommand(claimId, { amountCents: body.amountCents, paidOn: body.paidOn }, context),
    );
  }
}

@ApiTags('wage-cost subsidy')
@ApiBearerAuth()
@Controller('reassessments-due')
export class ReassessmentsDueController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('operator', 'auditor')
  @WageValueRead()
  @ApiOperation({
    summary:
      'Each worker’s current wage-value decision whose reassessment date falls within the coming weeks (8 by default), or has passed',
  })
  @ApiOkResponse({
    description: '{ asOf, weeks, items: [{ decisionId, workerId, municipality, wageValueBp, from, to?, reassessOn, daysLeft, ... }] }',
  })
  list(@Query() query: ReassessmentsDueParams) {
    return this.queries.execute(new ReassessmentsDueQuery(query.asOf ?? today(), query.weeks));
  }
}
