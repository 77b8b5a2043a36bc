import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetEmployerOverviewQuery,
  ListEmployerPlacementsQuery,
  ListEmployerRequestsQuery,
  requireEmployerAccess,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { weekRange } from '../read-model-queries/query-params.js';
import { EmployerOverviewQuery, EmployerPlacementsQuery, EmployerRequestsQuery } from './employer-view.query.dto.js';

/** What one employer sees of the pool: its requests, placements and hours. Employers reach only their own. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor', 'employer')
@Controller('employer-views')
export class EmployerViewsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':employerId')
  @ApiOperation({ summary: 'An employer’s overview: membership, sites and closures, request and placement counts, hours per ISO week' })
  @ApiOkResponse({ description: '{ employerId, name, membership, sites, requests, placements, hoursByWeek }' })
  overview(@Param('employerId') employerId: string, @Query() query: EmployerOverviewQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    const weeks = weekRange(query.fromWeek, query.toWeek, { defaultWeeks: 13, maxWeeks: 106 });
    return this.queries.execute(new GetEmployerOverviewQuery(employerId, weeks));
  }

  @Get(':employerId/requests')
  @ApiOperation({ summary: 'The employer’s capacity requests with places filled and open; paginated' })
  @ApiOkResponse({
    description:
      '{ items: [{ requestId, siteId, period, hoursPerWeek, headcount, filled, openPlaces, status, ... }], total, limit, offset }',
  })
  requests(@Param('employerId') employerId: string, @Query() query: EmployerRequestsQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    return this.queries.execute(new ListEmployerRequestsQuery(employerId, query));
  }

  @Get(':employerId/placements')
  @ApiOperation({ summary: 'The employer’s placements of any status, with pay and bill rate; paginated' })
  @ApiOkResponse({
    description:
      '{ items: [{ placementId, workerId, siteId, period, lastDay, status, hoursPerWeek, pay, billRateCents, ... }], total, limit, offset }',
  })
  placements(@Param('employerId') employerId: string, @Query() query: EmployerPlacementsQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    return this.queries.execute(new ListEmployerPlacementsQuery(employerId, query));
  }
}
