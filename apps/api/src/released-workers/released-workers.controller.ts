import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListReleasedWorkersQuery } from '@banenpool/application';
import { addMonths } from '@banenpool/domain';
import { Roles } from '@banenpool/platform';
import { today } from '../read-model-queries/query-params.js';
import { ReleasedWorkersQuery } from './released-workers.query.dto.js';

/** Released workers: whose placements ended or whose site closed, with the weeks and hours to cover. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('released-workers')
export class ReleasedWorkersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'Workers released by a placement end or a site closure, with the ISO weeks touching [from, to] in which their guaranteed hours are not covered; paginated over workers',
  })
  @ApiOkResponse({ description: '{ items: [{ workerId, uncoveredHours, releases: [...], weeks: [...] }], total, limit, offset }' })
  list(@Query() query: ReleasedWorkersQuery) {
    const from = query.from ?? today();
    const to = query.to ?? addMonths(from, 6);
    if (from > to) throw new BadRequestException('from must not be after to');
    if (to > addMonths(from, 24)) throw new BadRequestException('At most 2 years at a time');
    const { workerId, employerId, limit, offset } = query;
    return this.queries.execute(new ListReleasedWorkersQuery({ from, to, workerId, employerId, limit, offset }));
  }
}
