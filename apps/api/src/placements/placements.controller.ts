import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangePlacementCommand,
  ConfirmPlacementCommand,
  ExtendPlacementCommand,
  GetPlacementQuery,
  GetPlacementWageQuery,
  PayDifferenceQuery,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import {
  ConfirmPlacementDto,
  EndPlacementEarlyDto,
  ExtendPlacementDto,
  PayDifferenceQuery as PayDifferenceParams,
  PlacementWageQuery,
  ProposePlacementDto,
  WithdrawPlacementDto,
} from './placement.dto.js';

/**
 * Placements (the "small-hour contracts"): proposed → confirmed → ended. Confirming checks the
 * worker's linked hours and the site's closures and records the pay; the placement process then
 * commits the worker's hours and fills the capacity request, undoing the confirmation if either is refused.
 */
@ApiTags('placements')
@ApiBearerAuth()
@Controller('placements')
export class PlacementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Propose a placement of a worker with an employer' })
  propose(@Body() body: ProposePlacementDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangePlacementCommand(body.placementId, { type: 'ProposePlacement', ...body }, context));
  }

  @Post(':placementId/confirmation')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Confirm with the step in the function’s CAO scale: checks hours and closures; records the scale and step, ' +
      'that the hirer’s pay terms apply and the first day’s pay (unknown while its minimum wage is not published)',
  })
  confirm(@Param('placementId') id: string, @Body() body: ConfirmPlacementDto, @Context() context: RequestContext) {
    return this.commands.execute(new ConfirmPlacementCommand(id, body.step, context));
  }

  @Post(':placementId/extension')
  @Roles('operator')
  @ApiOperation({ summary: 'Extend to a later end date (checked for the added days)' })
  extend(@Param('placementId') id: string, @Body() body: ExtendPlacementDto, @Context() context: RequestContext) {
    return this.commands.execute(new ExtendPlacementCommand(id, body.to, context));
  }

  @Post(':placementId/early-end')
  @Roles('operator')
  @ApiOperation({ summary: 'End before the agreed end, with the reason' })
  endEarly(@Param('placementId') id: string, @Body() body: EndPlacementEarlyDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangePlacementCommand(id, { type: 'EndPlacementEarly', ...body }, context));
  }

  @Post(':placementId/end')
  @Roles('operator')
  @ApiOperation({ summary: 'Record that the placement ended at its agreed end' })
  end(@Param('placementId') id: string, @Context() context: RequestContext) {
    return this.commands.execute(new ChangePlacementCommand(id, { type: 'EndPlacement' }, context));
  }

  @Post(':placementId/withdrawal')
  @Roles('operator')
  @ApiOperation({ summary: 'Withdraw a placement that should not take effect' })
  withdraw(@Param('placementId') id: string, @Body() body: WithdrawPlacementDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangePlacementCommand(id, { type: 'WithdrawPlacement', reason: body.reason }, context));
  }

  @Get(':placementId')
  @ApiOperation({
    summary: 'A placement with its terms, status and what its confirmation recorded: scale, step, hirer terms, first day’s pay',
  })
  get(@Param('placementId') id: string, @Context() context: RequestContext) {
    return this.queries.execute(new GetPlacementQuery(id, context.caller));
  }

  @Get(':placementId/pay-difference')
  @Roles('operator', 'auditor')
  @ApiOperation({
    summary: 'What changes per hour from another placement of the worker to this one (e.g. the park’s CAO → the cleaning CAO)',
  })
  payDifference(@Param('placementId') id: string, @Query() query: PayDifferenceParams) {
    return this.queries.execute(new PayDifferenceQuery(query.from, id, query.on));
  }

  @Get(':placementId/wage')
  @Roles('operator', 'auditor', 'employer')
  @ApiOperation({
    summary:
      'The hourly wage on a day of the placement: the higher of the CAO scale and step and the minimum wage that day, ' +
      'with the CAO version and minimum-wage row used (422 outside the placement or past the published minimum wage)',
  })
  wage(@Param('placementId') id: string, @Query() query: PlacementWageQuery, @Context() context: RequestContext) {
    return this.queries.execute(new GetPlacementWageQuery(id, query.on, context.caller));
  }
}
