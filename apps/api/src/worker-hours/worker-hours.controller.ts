import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListWorkerHoursQuery } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { MAX_WORKER_HOURS_WEEKS } from '@banenpool/read-models';
import { weekRange } from '../read-model-queries/query-params.js';
import { WorkerHoursQuery } from './worker-hours.query.dto.js';

/**
 * Worker hours: the linked small-hour placements per worker and week against the pool contract, as
 * planned and as the hirers approved them. Spans hirers: pool staff only.
 */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('worker-hours')
export class WorkerHoursController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Per worker and ISO week: placed hours against guaranteed and maximum hours, the shortfall, and the hours approved; paginated',
    description:
      'Every week in the range in which a pool contract runs, a placement is worked or hours were approved. Shortfall = guaranteed − placed (≥ 0): ' +
      'planned hours, what allocation fills. approvedHours: what the hirers approved on the week’s timesheets (every hour type, two decimals; ' +
      'null while none is approved), per week and per placement.',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ workerId, week, weekStart, contractIds, guaranteedHours, maxHours, placedHours, approvedHours, shortfallHours, freeHours, placements: [{ placementId, employerId, siteId, functionName, hours, approvedHours }] }], total, limit, offset }',
  })
  list(@Query() query: WorkerHoursQuery) {
    const range = weekRange(query.fromWeek, query.toWeek, { defaultWeeks: 13, maxWeeks: MAX_WORKER_HOURS_WEEKS });
    const { workerId, shortfallOnly, limit, offset } = query;
    return this.queries.execute(new ListWorkerHoursQuery({ workerId, ...range, shortfallOnly, limit, offset }));
  }
}
