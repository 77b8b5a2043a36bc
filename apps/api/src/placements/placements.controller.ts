import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, placementDecider, placementStreamId, refuse, wageDifference, type PlacementCommand } from '@banenpool/domain';
import { CurrentActor, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { requireEmployerAccess } from '../common/access.js';
import { CommandRunner } from '../commands/command-runner.service.js';
import { StreamReader } from '../commands/stream-reader.service.js';
import { PlacementFacts } from './placement-facts.service.js';
import { ConfirmPlacementDto, EndPlacementEarlyDto, ExtendPlacementDto, PayDifferenceQuery, ProposePlacementDto, WithdrawPlacementDto } from './placement.dto.js';

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
    private readonly commands: CommandRunner,
    private readonly streams: StreamReader,
    private readonly facts: PlacementFacts,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Propose a placement of a worker with an employer' })
  propose(@Body() body: ProposePlacementDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.commands.run(placementDecider, placementStreamId(body.placementId), { type: 'ProposePlacement', ...body }, { actor, request, response });
  }

  @Post(':placementId/confirmation')
  @Roles('operator')
  @ApiOperation({ summary: 'Confirm: checks hours (contract maximum, 60 h), closures; resolves the wage (CAO scale/step, never below the minimum wage)' })
  async confirm(@Param('placementId') id: string, @Body() body: ConfirmPlacementDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const terms = await this.terms(id, actor);
    const facts = await this.facts.forConfirmation(terms, body.step ?? 0);
    return this.run(id, { type: 'ConfirmPlacement', ...facts }, actor, request, response);
  }

  @Post(':placementId/extension')
  @Roles('operator')
  @ApiOperation({ summary: 'Extend to a later end date (checked for the added days)' })
  async extend(@Param('placementId') id: string, @Body() body: ExtendPlacementDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const terms = await this.terms(id, actor);
    if (body.to <= terms.period.to) refuse('not_later', `An extension must end after ${terms.period.to}.`);
    const facts = await this.facts.forPeriod(terms, { from: addDays(terms.period.to, 1), to: body.to });
    return this.run(id, { type: 'ExtendPlacement', to: body.to, ...facts }, actor, request, response);
  }

  @Post(':placementId/early-end')
  @Roles('operator')
  @ApiOperation({ summary: 'End before the agreed end, with the reason' })
  async endEarly(@Param('placementId') id: string, @Body() body: EndPlacementEarlyDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'EndPlacementEarly', ...body }, actor, request, response);
  }

  @Post(':placementId/end')
  @Roles('operator')
  @ApiOperation({ summary: 'Record that the placement ended at its agreed end' })
  end(@Param('placementId') id: string, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'EndPlacement' }, actor, request, response);
  }

  @Post(':placementId/withdrawal')
  @Roles('operator')
  @ApiOperation({ summary: 'Withdraw a placement that should not take effect' })
  withdraw(@Param('placementId') id: string, @Body() body: WithdrawPlacementDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'WithdrawPlacement', reason: body.reason }, actor, request, response);
  }

  @Get(':placementId')
  @ApiOperation({ summary: 'A placement with its terms, status and resolved pay' })
  async get(@Param('placementId') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const { state, version } = await this.streams.existing(placementDecider, placementStreamId(id), `placement ${id}`);
    requireEmployerAccess(actor, state.employerId);
    response.setHeader('ETag', `"${version}"`);
    return { ...state, version };
  }

  @Get(':placementId/pay-difference')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'What changes per hour from another placement of the worker to this one (e.g. the park’s CAO → the cleaning CAO)' })
  async payDifference(@Param('placementId') id: string, @Query() query: PayDifferenceQuery) {
    const [from, to] = await Promise.all([this.paid(query.from), this.paid(id)]);
    if (from.workerId !== to.workerId) refuse('different_workers', `Placements ${query.from} and ${id} are of different workers.`);
    return wageDifference(from, to);
  }

  /** A placement whose pay was resolved (confirmed or since ended). */
  private async paid(id: string) {
    const { state } = await this.streams.existing(placementDecider, placementStreamId(id), `placement ${id}`);
    if (state.status !== 'confirmed' && state.status !== 'ended') refuse('placement_not_confirmed', `Placement ${id} has no resolved pay (it is ${state.status}).`);
    return { ...state, appliesHirerConditions: state.legalForm === 'payroll' };
  }

  private async terms(id: string, actor: Actor) {
    const { state } = await this.streams.existing(placementDecider, placementStreamId(id), `placement ${id}`);
    requireEmployerAccess(actor, state.employerId);
    return state;
  }

  private run(id: string, command: PlacementCommand, actor: Actor, request: Request, response: Response) {
    return this.commands.run(placementDecider, placementStreamId(id), command, { actor, request, response });
  }
}
