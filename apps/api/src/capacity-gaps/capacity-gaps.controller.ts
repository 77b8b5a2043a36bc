import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListCapacityGapsQuery, type RequestContext } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { scopedEmployerId } from '../read-model-queries/employer-scope.js';
import { weekRange } from '../read-model-queries/query-params.js';
import { CapacityGapsQuery } from './capacity-gaps.query.dto.js';

/** Capacity gaps: per capacity request and week, places and hours asked against those filled. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor', 'employer')
@Controller('capacity-gaps')
export class CapacityGapsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Places and hours asked vs. filled, per capacity request and ISO week; paginated',
    description:
      'Filled: placements that reserved a place of the request, confirmed and worked that week. Employers see only their own requests.',
  })
  @ApiOkResponse({ description: '{ items: [{ requestId, week, weekStart, status, asked, filled, open, ... }], total, limit, offset }' })
  list(@Query() query: CapacityGapsQuery, @Context() context: RequestContext) {
    const { fromWeek, toWeek } = weekRange(query.fromWeek, query.toWeek);
    return this.queries.execute(
      new ListCapacityGapsQuery({
        requestId: query.requestId,
        employerId: scopedEmployerId(context.caller, query.employerId),
        siteId: query.siteId,
        fromWeek,
        toWeek,
        openOnly: query.openOnly,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }
}
