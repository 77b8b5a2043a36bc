import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CalculatePayRunCommand,
  FinalizePayRunCommand,
  GetPayRunQuery,
  ListPayPeriodsQuery,
  ListPayRunsQuery,
  payExportCsvText,
  payExportJsonText,
  PayRunExportQuery,
  RecalculatePayRunCommand,
  WorkerStatementQuery,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Readable } from 'node:stream';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { Context } from '../http/request-context.decorator.js';
import { PageQuery } from '../read-model-queries/query-params.js';
import { ExportFormatQuery, payRunIdOf, PayPeriodsQuery, StartPayRunDto, workerIdOf } from './pay-run.dto.js';

const ACCEPTED = '{ payRunId, streamId, version, position, events }';

/** The pool's pay periods: four ISO weeks or calendar months, as its PAY_PERIOD setting says. */
@ApiTags('pay runs')
@ApiBearerAuth()
@Controller('pay-periods')
export class PayPeriodsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'The pay periods of a year, with their first and last day' })
  @ApiOkResponse({ description: '{ kind, periods: [{ id, kind, from, to }] }' })
  list(@Query() query: PayPeriodsQuery) {
    return this.queries.execute(new ListPayPeriodsQuery(query.year));
  }
}

/**
 * Pay runs: per period the gross pay of every worker, per day (hours × the wage of that day, CAO
 * surcharges, holiday allowance reserve, pension, guaranteed-hours top-ups) and the differences for
 * earlier periods; finalized, they lock the timesheets they paid. The export is what the payroll
 * engine computes net pay and the payroll tax return from. Operators run them; auditors read them.
 */
@ApiTags('pay runs')
@ApiBearerAuth()
@Controller('pay-runs')
export class PayRunsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary: 'Calculate the pay run of a period: every worker’s pay lines from the approved timesheets, in one append',
    description:
      'Waits for the read models to reach the head of the feed first. 409 pay_run_exists when the period has a run; ' +
      '422 previous_pay_run_not_final / later_pay_run_exists out of order; 422 with the worker named when a rule refuses a day.',
  })
  @ApiCreatedResponse({ description: ACCEPTED })
  start(@Body() body: StartPayRunDto, @Context() context: RequestContext) {
    return this.commands.execute(new CalculatePayRunCommand(body.period, context));
  }

  @Get()
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'The pay runs by period, with where each stands and its latest attempt’s totals (final once finalized)' })
  @ApiOkResponse({ description: '{ items: [{ payRunId, period, status, attempt, finalizedBy?, totals }], total, limit, offset }' })
  list(@Query() query: PageQuery) {
    return this.queries.execute(new ListPayRunsQuery({ limit: query.limit, offset: query.offset }));
  }

  @Get(':payRunId')
  @Roles('operator', 'auditor')
  @ApiOperation({
    summary: 'A pay run: status, period, attempt, the sheets it did not pay, the run’s totals and a page of per-worker totals',
    description: 'limit and offset page the workers (by worker id); each worker’s lines are on its statement.',
  })
  @ApiOkResponse({
    description:
      '{ payRunId, period, status, attempt, version, rounding, finalizedBy?, lockedTimesheets?, unpaid, totals, ' +
      'workers: { items: [{ workerId, totals }], total, limit, offset } }',
  })
  get(@Param('payRunId') payRunId: string, @Query() query: PageQuery) {
    return this.queries.execute(new GetPayRunQuery(payRunIdOf(payRunId), { limit: query.limit, offset: query.offset }));
  }

  @Post(':payRunId/recalculation')
  @Roles('operator')
  @ApiOperation({ summary: 'Calculate the open run again (late approvals, corrections): a new attempt; refused once finalized (409)' })
  @ApiCreatedResponse({ description: ACCEPTED })
  recalculate(@Param('payRunId') payRunId: string, @Context() context: RequestContext) {
    return this.commands.execute(new RecalculatePayRunCommand(payRunIdOf(payRunId), context));
  }

  @Post(':payRunId/finalization')
  @Roles('operator')
  @ApiOperation({
    summary: 'Finalize the latest attempt: lock every timesheet it paid, then record the run as final',
    description:
      '409 timesheet_changed_since_pay_run when a sheet was approved again after the run paid it: recalculate, then finalize. ' +
      'A retry after a failure carries on where it stopped.',
  })
  @ApiCreatedResponse({ description: `${ACCEPTED.slice(0, -2)}, lockedTimesheets }` })
  finalize(@Param('payRunId') payRunId: string, @Context() context: RequestContext) {
    return this.commands.execute(new FinalizePayRunCommand(payRunIdOf(payRunId), context));
  }

  @Get(':payRunId/export')
  @Roles('operator', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'The export for the payroll engine: one row per worker, cost centre (the hirer; the pool for top-ups) and component',
    description:
      'Components: wage, surcharge, holiday_allowance_reserve, pension_employee, pension_employer, top_up, retro_difference, ' +
      'leave_accrual (hours only). Hours as decimal text with 2 places, amounts in cents and as euros. ' +
      'Written worker by worker (by worker id) as it is read.',
  })
  @ApiOkResponse({
    description:
      '{ payRunId, period, status, attempt, rounding, rows: [{ payRunId, periodId, periodFrom, periodTo, workerId, costCentre, ' +
      'component, minutes, hours, amountCents, amountEuros }] }',
  })
  async export(@Param('payRunId') payRunId: string, @Query() query: ExportFormatQuery) {
    const exported = await this.queries.execute(new PayRunExportQuery(payRunIdOf(payRunId)));
    if (query.format !== 'csv') {
      return new StreamableFile(Readable.from(payExportJsonText(exported)), { type: 'application/json; charset=utf-8' });
    }
    return new StreamableFile(Readable.from(payExportCsvText(exported.rows)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="pay-run-${exported.payRunId}.csv"`,
    });
  }

  @Get(':payRunId/workers/:workerId')
  @Roles('operator', 'auditor')
  @ApiOperation({
    summary:
      'A worker’s statement: per day the hours, the wage and where it came from, surcharges, holiday allowance, pension, ' +
      'top-ups and differences with their reasons, totals in euros',
  })
  statement(@Param('payRunId') payRunId: string, @Param('workerId') workerId: string, @Query() _query: ConsistencyQuery) {
    return this.queries.execute(new WorkerStatementQuery(payRunIdOf(payRunId), workerIdOf(workerId)));
  }
}
