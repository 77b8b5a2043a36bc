import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApplyCaoCommand,
  ChangeEmployerCommand,
  ClassifyFunctionCommand,
  ClosureConflictsQuery,
  GetEmployerQuery,
  type PlainEmployerCommand,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import {
  AddSiteDto,
  ApplyCaoDto,
  ClassifyFunctionDto,
  DeclareClosureDto,
  JoinPoolDto,
  LeavePoolDto,
  PlacementLimitsDto,
} from './employer.dto.js';

/** Member employers: membership, CAO (effective-dated), sites, function scales, seasonal closures. */
@ApiTags('employers')
@ApiBearerAuth()
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'An employer joins the pool' })
  join(@Body() body: JoinPoolDto, @Context() context: RequestContext) {
    return this.run(body.employerId, { type: 'JoinPool', ...body }, context);
  }

  @Post(':employerId/leave')
  @Roles('operator')
  @ApiOperation({ summary: 'The employer leaves the pool after its last day of membership' })
  leave(@Param('employerId') id: string, @Body() body: LeavePoolDto, @Context() context: RequestContext) {
    return this.run(id, { type: 'LeavePool', ...body }, context);
  }

  @Post(':employerId/cao-applications')
  @Roles('operator')
  @ApiOperation({ summary: 'The employer applies a CAO from a date (ends the previous one)' })
  applyCao(@Param('employerId') id: string, @Body() body: ApplyCaoDto, @Context() context: RequestContext) {
    return this.commands.execute(new ApplyCaoCommand(id, body.caoCode, body.from, context));
  }

  @Post(':employerId/sites')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Add a site' })
  addSite(@Param('employerId') id: string, @Body() body: AddSiteDto, @Context() context: RequestContext) {
    return this.run(id, { type: 'AddSite', ...body }, context);
  }

  @Post(':employerId/function-classifications')
  @Roles('operator')
  @ApiOperation({ summary: 'Classify a function to a scale of the employer’s CAO, from a date' })
  classify(@Param('employerId') id: string, @Body() body: ClassifyFunctionDto, @Context() context: RequestContext) {
    return this.commands.execute(new ClassifyFunctionCommand(id, body, context));
  }

  @Post(':employerId/closures')
  @Roles('operator', 'employer')
  @ApiOperation({
    summary: 'Declare a seasonal closure of a site (inside membership, not overlapping another)',
    description:
      'Placements confirmed before it stay confirmed: the answer lists those it overlaps, read once the read models include ' +
      'the closure (waiting at most as long as `waitFor` does). They are also on GET /conflicts until resolved.',
  })
  @ApiCreatedResponse({
    description:
      '{ streamId, version, position, events, overlappingPlacements: { consistency: "reached" | "timeout" | "unavailable", ' +
      'total, items: [as GET /conflicts] } }; "timeout": the read models lagged and the list may miss some; "unavailable": ' +
      'they could not be read (the closure is recorded all the same)',
  })
  async declareClosure(@Param('employerId') id: string, @Body() body: DeclareClosureDto, @Context() context: RequestContext) {
    const accepted = await this.run(id, { type: 'DeclareSeasonalClosure', ...body }, context);
    const closure = { employerId: id, siteId: body.siteId, from: body.period.from };
    return { ...accepted, overlappingPlacements: await this.queries.execute(new ClosureConflictsQuery(closure, accepted.position)) };
  }

  @Put(':employerId/placement-limits')
  @Roles('operator', 'employer')
  @ApiOperation({
    summary: 'State the longest the employer takes one placement and one worker, for placements starting from a date',
    description:
      'Holds until the next statement; one from the same date replaces it, a limit left out is none. Confirming or extending a ' +
      'placement longer than `maxPlacementMonths` is refused (422 max_duration_exceeded), and one that takes the worker’s ' +
      'successive placements here beyond `maxWorkerMonths` too (422 max_successive_duration_exceeded).',
  })
  statePlacementLimits(@Param('employerId') id: string, @Body() body: PlacementLimitsDto, @Context() context: RequestContext) {
    return this.run(id, { type: 'StatePlacementLimits', ...body }, context);
  }

  @Get(':employerId')
  @ApiOperation({ summary: 'An employer as it is now (employers see only themselves)' })
  get(@Param('employerId') id: string, @Context() context: RequestContext) {
    return this.queries.execute(new GetEmployerQuery(id, context.caller));
  }

  private run(id: string, command: PlainEmployerCommand, context: RequestContext) {
    return this.commands.execute(new ChangeEmployerCommand(id, command, context));
  }
}
