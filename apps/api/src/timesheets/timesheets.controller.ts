import { BadRequestException, Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApproveTimesheetCommand,
  ApproveTimesheetWeekCommand,
  CorrectTimesheetCommand,
  GetTimesheetQuery,
  ListTimesheetsQuery,
  RegisterHoursCommand,
  RejectTimesheetCommand,
  SubmitTimesheetCommand,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { daysOfIsoWeek } from '@banenpool/domain';
import { Context } from '../http/request-context.decorator.js';
import { scopedEmployerId } from '../read-model-queries/employer-scope.js';
import {
  ApproveWeekDto,
  CorrectTimesheetDto,
  RegisterHoursDto,
  RejectTimesheetDto,
  TimesheetParams,
  TimesheetsQuery,
} from './timesheet.dto.js';

/**
 * Timesheets: the hours of one placement in one ISO week (`<placementId>-<YYYY-Www>`), registered by
 * an operator or the placement's own hirer, submitted, and approved or rejected by that hirer (or an
 * operator on its behalf). An approved sheet is what pay runs pay; a correction, also after a pay
 * run locked the sheet, goes back to the hirer and the next run settles the difference.
 */
@ApiTags('timesheets')
@ApiBearerAuth()
@Controller('timesheets')
export class TimesheetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':id/hours')
  @Roles('operator', 'employer')
  @ApiOperation({
    summary: 'Register the week’s hours: opens the sheet, or replaces the lines of a draft',
    description:
      'Every day inside the placement’s worked period and outside its site’s closures; the Working Hours Act is checked on the ' +
      'registered hours of all the worker’s sheets at every hirer (422 with the limit’s code).',
  })
  registerHours(@Param() { id }: TimesheetParams, @Body() body: RegisterHoursDto, @Context() context: RequestContext) {
    return this.commands.execute(new RegisterHoursCommand(id, body.lines, context));
  }

  @Post(':id/submission')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Hand the draft to the hirer for approval' })
  submit(@Param() { id }: TimesheetParams, @Context() context: RequestContext) {
    return this.commands.execute(new SubmitTimesheetCommand(id, context));
  }

  @Post(':id/approval')
  @Roles('operator', 'employer')
  @ApiOperation({
    summary: 'Approve the submitted lines: by the placement’s own hirer, or an operator on its behalf (recorded as such)',
  })
  approve(@Param() { id }: TimesheetParams, @Context() context: RequestContext) {
    return this.commands.execute(new ApproveTimesheetCommand(id, context));
  }

  @Post(':id/rejection')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Reject the submitted lines with the reason: by the placement’s own hirer, or an operator on its behalf' })
  reject(@Param() { id }: TimesheetParams, @Body() body: RejectTimesheetDto, @Context() context: RequestContext) {
    return this.commands.execute(new RejectTimesheetCommand(id, body.reason, context));
  }

  @Post(':id/corrections')
  @Roles('operator', 'employer')
  @ApiOperation({
    summary: 'Correct a submitted, rejected or approved sheet, with the reason; it goes back to the hirer for approval',
    description: 'A sheet a pay run locked keeps what was paid; once the correction is approved, the next pay run settles the difference.',
  })
  correct(@Param() { id }: TimesheetParams, @Body() body: CorrectTimesheetDto, @Context() context: RequestContext) {
    return this.commands.execute(new CorrectTimesheetCommand(id, body.lines, body.reason, context));
  }

  @Post('approvals')
  @Roles('operator', 'employer')
  @ApiOperation({
    summary: 'Approve every submitted sheet of one employer’s placements in one ISO week',
    description: 'Answers each sheet approved (with its new version) and each refused with the reason. If-Match does not apply (400).',
  })
  @ApiOkResponse({
    description:
      '{ employerId, week, consistency, accepted: [{ timesheetId, version }], refused: [{ timesheetId, code, reason }], position }',
  })
  approveWeek(@Body() body: ApproveWeekDto, @Context() context: RequestContext) {
    return this.commands.execute(new ApproveTimesheetWeekCommand(body.employerId, body.week, context));
  }

  @Get()
  @ApiOperation({ summary: 'Timesheets, the earliest week first; an employer sees only its own; paginated' })
  @ApiOkResponse({
    description:
      '{ items: [{ timesheetId, placementId, workerId, employerId, week, monday, status, lines, approved, lock, rejectionReason, version }], total, limit, offset }',
  })
  list(@Query() query: TimesheetsQuery, @Context() context: RequestContext) {
    const [fromWeek, toWeek] = [query.weekFrom, query.weekTo].map((week) => (week === undefined ? undefined : daysOfIsoWeek(week).from));
    if (fromWeek !== undefined && toWeek !== undefined && fromWeek > toWeek)
      throw new BadRequestException('weekFrom must not be after weekTo');
    const { workerId, placementId, status, limit, offset } = query;
    const employerId = scopedEmployerId(context.caller, query.employerId);
    return this.queries.execute(new ListTimesheetsQuery({ employerId, workerId, placementId, status, fromWeek, toWeek, limit, offset }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A timesheet with its lines, status, the approval pay runs pay and their lock; an employer sees only its own' })
  get(@Param() { id }: TimesheetParams, @Context() context: RequestContext) {
    return this.queries.execute(new GetTimesheetQuery(id, context.caller));
  }
}
