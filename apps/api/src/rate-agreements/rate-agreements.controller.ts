import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgreeRateCommand,
  EndRateAgreementCommand,
  ListRateAgreementsQuery,
  RateWarningsQuery,
  requireEmployerAccess,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { Context } from '../http/request-context.decorator.js';
import { AgreeRateDto, EndRateAgreementDto, RateWarningsQueryDto, rateTermsOf } from './rate-agreement.dto.js';

const ACCEPTED = '{ streamId, version, position, events }';

/**
 * What a hirer pays for an hour, effective-dated: a factor on the gross wage of the day, or a fixed
 * amount, for every placement, a function or one placement (the most specific one of a day applies),
 * never below the cost price. Operators agree and end them; auditors read; an employer reads its own.
 */
@ApiTags('rate agreements')
@ApiBearerAuth()
@Controller('employers/:employerId/rate-agreements')
export class RateAgreementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary: 'Agree a rate with the hirer from a day, checked against the cost price of an hour',
    description:
      'Cost price: gross wage + holiday allowance (the CAO’s, at least the statutory) + the employer’s pension premium + employer charges ' +
      '(rule table, on wage + holiday allowance). A factor is checked against that cost as a factor of the wage on its first day; a fixed ' +
      'rate against the cost of an hour of each covered confirmed placement on its first day in the agreement. 422 rate_below_cost, ' +
      '422 rate_overlaps when an agreement of the same scope runs on one of its days (end that first), 404 for an unknown employer.',
  })
  @ApiCreatedResponse({ description: `{ agreementId, ${ACCEPTED.slice(2)}` })
  agree(@Param('employerId') employerId: string, @Body() body: AgreeRateDto, @Context() context: RequestContext) {
    return this.commands.execute(new AgreeRateCommand(employerId, rateTermsOf(body), context));
  }

  @Post(':agreementId/end')
  @Roles('operator')
  @ApiOperation({ summary: 'End an agreement after its last day (from its first day to before its own end), so a new rate can follow' })
  @ApiCreatedResponse({ description: ACCEPTED })
  end(
    @Param('employerId') employerId: string,
    @Param('agreementId') agreementId: string,
    @Body() body: EndRateAgreementDto,
    @Context() context: RequestContext,
  ) {
    return this.commands.execute(new EndRateAgreementCommand(employerId, agreementId, body.lastDay, body.reason, context));
  }

  @Get()
  @Roles('operator', 'auditor', 'employer')
  @ApiOperation({
    summary: 'The hirer’s rate agreements, ended ones with their last day as `to`',
    description: 'An employer key reads its own only, without the cost price each was checked against.',
  })
  @ApiOkResponse({
    description:
      '{ employerId, version?, agreements: [{ agreementId, scope, from, to?, rate, surchargesBp, gAccountShareBp, check, agreedBy, reason?, ended? }] }',
  })
  list(@Param('employerId') employerId: string, @Query() _query: ConsistencyQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    return this.queries.execute(new ListRateAgreementsQuery(employerId, context.caller));
  }
}

/** The fixed rates a wage rise has put below the cost of an hour: an operator renegotiates them. */
@ApiTags('rate agreements')
@ApiBearerAuth()
@Controller('rate-warnings')
export class RateWarningsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('operator', 'auditor')
  @ApiOperation({
    summary: 'Per fixed-rate agreement and placement it prices, the first day an hour costs more than the rate',
    description:
      'Wage rises on birthdays, new minimum-wage rows (1 January, 1 July) and new CAO versions are found on their day, as far as the ' +
      'rule tables are published. A factor rate follows the wage and never appears. kind cost_unknown: a day whose cost cannot be ' +
      'worked out (the reason says why). Waits for the read models to reach the head of the feed.',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ kind: "below_cost" | "cost_unknown", employerId, agreementId, placementId, workerId, day, rateHourlyCents, ' +
      'costHourlyCents?, cost?: { wage, holidayAllowanceBp, pensionEmployerBp, employerChargesBp, rules, hourlyCents }, reason? }] }',
  })
  list(@Query() query: RateWarningsQueryDto) {
    return this.queries.execute(new RateWarningsQuery(query.employerId));
  }
}
