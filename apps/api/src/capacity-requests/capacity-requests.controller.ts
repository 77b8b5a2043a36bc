import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { capacityDecider, capacityStreamId, employerDecider, employerStreamId, openSlots, siteFactsOf, type SiteFacts } from '@banenpool/domain';
import { CurrentActor, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { requireEmployerAccess } from '../common/access.js';
import { CommandRunner } from '../commands/command-runner.service.js';
import { StreamReader } from '../commands/stream-reader.service.js';
import { CapacityTermsDto, RequestCapacityDto, WithdrawDto } from './capacity-request.dto.js';

/** Seasonal capacity requests: inside membership, outside the site's closures, never over-filled. */
@ApiTags('capacity-requests')
@ApiBearerAuth()
@Controller('capacity-requests')
export class CapacityRequestsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly streams: StreamReader,
  ) {}

  @Post()
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Request seasonal capacity at a site' })
  async request(@Body() body: RequestCapacityDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    requireEmployerAccess(actor, body.employerId);
    const site = await this.siteFacts(body.employerId, body.siteId);
    return this.commands.run(capacityDecider, capacityStreamId(body.requestId), { type: 'RequestCapacity', ...body, site }, { actor, request, response });
  }

  @Post(':requestId/amendments')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Change period, hours or headcount (never below what is filled)' })
  async amend(@Param('requestId') id: string, @Body() body: CapacityTermsDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { state } = await this.ownRequest(id, actor);
    const site = await this.siteFacts(state.employerId, state.siteId);
    return this.commands.run(capacityDecider, capacityStreamId(id), { type: 'AmendCapacityRequest', ...body, site }, { actor, request, response });
  }

  @Post(':requestId/withdrawal')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Withdraw the request: no further places are filled' })
  async withdraw(@Param('requestId') id: string, @Body() body: WithdrawDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    await this.ownRequest(id, actor);
    return this.commands.run(capacityDecider, capacityStreamId(id), { type: 'WithdrawCapacityRequest', reason: body.reason }, { actor, request, response });
  }

  @Get(':requestId')
  @ApiOperation({ summary: 'A capacity request with its filled places' })
  async get(@Param('requestId') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const { state, version } = await this.ownRequest(id, actor);
    response.setHeader('ETag', `"${version}"`);
    return { ...state, openSlots: openSlots(state), version };
  }

  private async ownRequest(id: string, actor: Actor) {
    const loaded = await this.streams.existing(capacityDecider, capacityStreamId(id), `capacity request ${id}`);
    requireEmployerAccess(actor, loaded.state.employerId);
    return loaded;
  }

  private async siteFacts(employerId: string, siteId: string): Promise<SiteFacts> {
    const { state } = await this.streams.load(employerDecider, employerStreamId(employerId));
    return siteFactsOf(state, siteId);
  }
}
