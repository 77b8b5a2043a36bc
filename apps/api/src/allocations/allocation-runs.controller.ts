import { BadRequestException, Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcceptAllocationProposalsCommand,
  GetAllocationRunQuery,
  RejectAllocationProposalsCommand,
  StartAllocationRunCommand,
  type ProposalSelection,
  type RequestContext,
} from '@banenpool/application';
import type { AllocationScope } from '@banenpool/domain';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { weekRange } from '../read-model-queries/query-params.js';
import { AcceptProposalsDto, AllocationRunQuery, RejectProposalsDto, StartAllocationRunDto } from './allocation-run.dto.js';

const MAX_WEEKS = 53;

/**
 * Allocation runs: the engine reads the pool at one position and proposes which worker
 * fills which capacity request in which weeks. Proposals change nothing until an operator accepts
 * them; accepting goes through the same placement commands as a manual placement.
 */
@ApiTags('allocation runs')
@ApiBearerAuth()
@Controller('allocation-runs')
export class AllocationRunsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary: 'Start a run: read the open demand and the supply at one position, solve (HiGHS), record the run and its proposals',
    description:
      'Scope: ISO weeks from/to and optionally employers and requests. Weights default to the engine’s. Nothing is placed until accepted.',
  })
  @ApiCreatedResponse({
    description:
      '{ runId, streamId, version, position, events, result: { status, objective, bound, gap, solveTimeMs }, proposals, ' +
      'unplaceable: [{ kind: worker|site, workerId | employerId+siteId, reason }] (left out: no location known; also in the run’s input) }',
  })
  start(@Body() body: StartAllocationRunDto, @Context() context: RequestContext) {
    const options = { weights: body.weights, timeLimitSeconds: body.timeLimitSeconds };
    return this.commands.execute(new StartAllocationRunCommand(body.runId, scopeOf(body), options, context));
  }

  @Get(':runId')
  @Roles('operator', 'auditor')
  @ApiOperation({
    summary:
      'A run: its scope, input position and hash, solver, weights and result, and its proposals (paginated) with what became of each',
  })
  @ApiOkResponse({
    description:
      '{ runId, scope, input, solver, weights, result, version, proposals: { items: [{ proposalId, workerId, requestId, from, to, explanation, decision }], total, limit, offset } }',
  })
  get(@Param('runId') runId: string, @Query() query: AllocationRunQuery) {
    return this.queries.execute(new GetAllocationRunQuery(runId, { limit: query.limit, offset: query.offset }));
  }

  @Post(':runId/acceptance')
  @Roles('operator')
  @ApiOperation({
    summary: 'Accept proposals (all or some): each becomes a placement, proposed and confirmed as a manual one',
    description:
      'A proposal that no longer holds (hours taken, request filled, site closed, skill gone) is refused with its reason, recorded on the run and listed under refused.',
  })
  @ApiCreatedResponse({
    description: '{ runId, accepted: [{ proposalId, placementId }], refused: [{ proposalId, code, reason }], version, position }',
  })
  accept(@Param('runId') runId: string, @Body() body: AcceptProposalsDto, @Context() context: RequestContext) {
    const placements = { legalForm: body.legalForm, step: body.step };
    return this.commands.execute(new AcceptAllocationProposalsCommand(runId, selectionOf(body), placements, context));
  }

  @Post(':runId/rejection')
  @Roles('operator')
  @ApiOperation({ summary: 'Reject proposals (all still open, or some), with the reason; nothing is placed' })
  reject(@Param('runId') runId: string, @Body() body: RejectProposalsDto, @Context() context: RequestContext) {
    return this.commands.execute(new RejectAllocationProposalsCommand(runId, selectionOf(body), body.reason, context));
  }
}

function scopeOf(body: StartAllocationRunDto): AllocationScope {
  const { fromWeek, toWeek } = weekRange(body.scope.fromWeek, body.scope.toWeek, { maxWeeks: MAX_WEEKS });
  const sorted = (ids: string[] | undefined) => [...new Set(ids ?? [])].sort();
  return { fromWeek: fromWeek!, toWeek: toWeek!, employerIds: sorted(body.scope.employerIds), requestIds: sorted(body.scope.requestIds) };
}

function selectionOf(body: { all?: true; proposalIds?: string[] }): ProposalSelection {
  if ((body.all === undefined) === (body.proposalIds === undefined))
    throw new BadRequestException('Give either all: true or proposalIds, not both or neither');
  return body.proposalIds ? { proposalIds: body.proposalIds } : { all: true };
}
