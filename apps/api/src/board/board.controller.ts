import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListBoardQuery, minimised, type RequestContext } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { DataAccess, PersonalDataRead, type RequestDataAccess } from '../audit/personal-data-read.js';
import { Context } from '../http/request-context.decorator.js';
import { scopedEmployerId } from '../read-model-queries/employer-scope.js';
import { weekRange } from '../read-model-queries/query-params.js';
import { BoardQuery } from './board.query.dto.js';

/** The allocation board: per ISO week and worker, where they work, how long, under which CAO and wage. */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor', 'employer')
@Controller('board')
export class BoardController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PersonalDataRead({ fields: ['name'], answer: 'minimised' })
  @ApiOperation({
    summary: 'The allocation board, one item per (ISO week, worker) with its confirmed placements; paginated',
    description: 'A placement counts in full in every ISO week its worked period touches. Employers see only their own placements.',
  })
  @ApiOkResponse({ description: '{ items: [{ week, weekStart, workerId, workerName, hours, placements: [...] }], total, limit, offset }' })
  async list(@Query() query: BoardQuery, @Context() context: RequestContext, @DataAccess() access: RequestDataAccess) {
    const { fromWeek, toWeek } = weekRange(query.fromWeek, query.toWeek);
    const page = await this.queries.execute(
      new ListBoardQuery({
        employerId: scopedEmployerId(context.caller, query.employerId),
        siteId: query.siteId,
        skill: query.skill,
        workerId: query.workerId,
        fromWeek,
        toWeek,
        limit: query.limit,
        offset: query.offset,
      }),
    );
    // One record for the page, naming every worker on it (a page is at most 500 rows).
    return { ...page, items: page.items.map((item) => minimised(item, access.fields)) };
  }
}
