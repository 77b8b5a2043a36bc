import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { AcceptProposalsDto, AllocationRunQuery, RejectProposalsDto, StartAllocationRunDto } from './allocation-run.dto.js';
import { AllocationRuns, type CommandContext } from './allocation-runs.service.js';

/**
 * Allocation runs (issue 4): the engine reads the pool at one position and proposes which worker
 * fills which capacity request in which weeks. Proposals change nothing until an operator accepts
 * them; accepting goes through the same placement commands as a manual placement.
 */
@ApiTags('allocation runs')
@ApiBearerAuth()
@Controller('allocation-runs')
export class AllocationRunsController {
  constructor(private readonly runs: AllocationRuns) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary: 'Start a run: read the open demand and the supply at one position, solve (HiGHS), record the run and its proposals',
    description: 'Scope: ISO weeks from/to and optionally employers and requests. Weights default to the engine’s. Nothing is placed until accepted.',
  })
  @ApiCreatedResponse({ description: '{ runId, streamId, version, position, events, result: { status, objective, bound, gap, solveTimeMs, droppedOverPlaces }, proposals }' })
  start(@Body() body: StartAllocationRunDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.withETag(response, this.runs.start(body, contextOf(actor, request)));
  }

  @Get(':runId')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'A run: its scope, input position and hash, solver, weights and result, and its proposals (paginated) with what became of each' })
  @ApiOkResponse({ description: '{ runId, scope, input, solver, weights, result, version, proposals: { items: [{ proposalId, workerId, requestId, from, to, explanation, decision }], total, limit, offset } }' })
  async get(@Param('runId') runId: string, @Query() query: AllocationRunQuery, @Res({ passthrough: true }) response: Response) {
    const { run, version } = await this.runs.get(runId);
    response.setHeader('ETag', `"${version}"`);
    const { status: _status, decisions, proposals, ...rest } = run;
    const items = proposals.slice(query.offset, query.offset + query.limit).map((p) => ({ ...p, decision: decisions[p.proposalId] ?? { outcome: 'open' } }));
    return { ...rest, version, proposals: { items, total: proposals.length, limit: query.limit, offset: query.offset } };
  }

  @Post(':runId/acceptance')
  @Roles('operator')
  @ApiOperation({
    summary: 'Accept proposals (all or some): each becomes a placement, proposed and confirmed as a manual one',
    description: 'A proposal that no longer holds (hours taken, request filled, site closed, skill gone) is refused with its reason, recorded on the run and listed under refused.',
  })
  @ApiCreatedResponse({ description: '{ runId, accepted: [{ proposalId, placementId }], refused: [{ proposalId, code, reason }], version, position }' })
  accept(@Param('runId') runId: string, @Body() body: AcceptProposalsDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.withETag(response, this.runs.accept(runId, body, contextOf(actor, request)));
  }

  @Post(':runId/rejection')
  @Roles('operator')
  @ApiOperation({ summary: 'Reject proposals (all still open, or some), with the reason; nothing is placed' })
  reject(@Param('runId') runId: string, @Body() body: RejectProposalsDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.withETag(response, this.runs.reject(runId, body, contextOf(actor, request)));
  }

  private async withETag<T extends { version: number }>(response: Response, answer: Promise<T>): Promise<T> {
    const result = await answer;
    response.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}

const contextOf = (actor: Actor, request: Request): CommandContext => ({ actor, correlationId: String(request.id), ifMatch: request.header('if-match') });
