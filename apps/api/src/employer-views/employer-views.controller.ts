import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requireEmployerAccess, type RequestContext } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { employerOverview, listEmployerPlacements, listEmployerRequests } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { Context } from '../http/request-context.decorator.js';
import { weekRange } from '../read-model-queries/query-params.js';
import { EmployerOverviewQuery, EmployerPlacementsQuery, EmployerRequestsQuery } from './employer-view.query.dto.js';

/** What one employer sees of the pool: its requests, placements and hours. Employers reach only their own. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor', 'employer')
@Controller('employer-views')
export class EmployerViewsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':employerId')
  @ApiOperation({ summary: 'An employer’s overview: membership, sites and closures, request and placement counts, hours per ISO week' })
  @ApiOkResponse({ description: '{ employerId, name, membership, sites, requests, placements, hoursByWeek }' })
  async overview(@Param('employerId') employerId: string, @Query() query: EmployerOverviewQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    const overview = await employerOverview(this.dataSource, employerId, weekRange(query.fromWeek, query.toWeek, { defaultWeeks: 13, maxWeeks: 106 }));
    if (!overview) throw new NotFoundException(`No employer ${employerId}`);
    return overview;
  }

  @Get(':employerId/requests')
  @ApiOperation({ summary: 'The employer’s capacity requests with places filled and open; paginated' })
  @ApiOkResponse({ description: '{ items: [{ requestId, siteId, period, hoursPerWeek, headcount, filled, openPlaces, status, ... }], total, limit, offset }' })
  requests(@Param('employerId') employerId: string, @Query() query: EmployerRequestsQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    return listEmployerRequests(this.dataSource, employerId, query);
  }

  @Get(':employerId/placements')
  @ApiOperation({ summary: 'The employer’s placements of any status, with pay and bill rate; paginated' })
  @ApiOkResponse({ description: '{ items: [{ placementId, workerId, siteId, period, lastDay, status, hoursPerWeek, pay, billRateCents, ... }], total, limit, offset }' })
  placements(@Param('employerId') employerId: string, @Query() query: EmployerPlacementsQuery, @Context() context: RequestContext) {
    requireEmployerAccess(context.caller, employerId);
    return listEmployerPlacements(this.dataSource, employerId, query);
  }
}
