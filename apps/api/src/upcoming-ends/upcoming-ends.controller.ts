import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListUpcomingEndsQuery } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { FOLLOW_UP_DAYS } from '@banenpool/read-models';
import { today } from '../read-model-queries/query-params.js';
import { UpcomingEndsQuery } from './upcoming-ends.query.dto.js';

/** Upcoming ends (doorstroom): placements ending soon with no next placement, so the next step is planned in time. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('upcoming-ends')
export class UpcomingEndsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: `Placements whose last day falls within the horizon, without a confirmed follow-up starting within ${FOLLOW_UP_DAYS} days after it; soonest first, paginated`,
  })
  @ApiOkResponse({
    description:
      '{ items: [{ placementId, workerId, employerId, lastDay, daysLeft, followUp, proposedFollowUp, ... }], total, limit, offset }',
  })
  list(@Query() query: UpcomingEndsQuery) {
    return this.queries.execute(
      new ListUpcomingEndsQuery({
        asOf: query.asOf ?? today(),
        horizonMonths: query.horizonMonths,
        employerId: query.employerId,
        workerId: query.workerId,
        includeFollowedUp: query.includeFollowedUp,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }
}
