import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListConflictsQuery, type RequestContext } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { scopedEmployerId } from '../read-model-queries/employer-scope.js';
import { ConflictsQuery } from './conflicts.query.dto.js';

/** Placement conflicts: a closure declared after placements at its site were confirmed leaves them confirmed inside it. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor', 'employer')
@Controller('conflicts')
export class ConflictsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Confirmed placements whose worked days overlap a seasonal closure of their site, the first closed day first; paginated',
    description:
      'One item per placement and closure, listed until they no longer overlap (the placement ended early before the closure, ' +
      'was withdrawn, or otherwise moved out of it). `releasedWeeks` are the ISO weeks in which every worked day is closed: ' +
      'allocation runs treat the worker as free and released there. `since` is the later of the confirmation and the closure. ' +
      'Employers see only their own placements.',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ placementId, workerId, employerId, siteId, functionName, hours, placement: { from, to, ended }, ' +
      'closure: { from, to, reason }, overlap: { from, to, days }, releasedWeeks, since: { at, position } }], total, limit, offset }',
  })
  list(@Query() query: ConflictsQuery, @Context() context: RequestContext) {
    return this.queries.execute(
      new ListConflictsQuery({
        employerId: scopedEmployerId(context.caller, query.employerId),
        siteId: query.siteId,
        workerId: query.workerId,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }
}
