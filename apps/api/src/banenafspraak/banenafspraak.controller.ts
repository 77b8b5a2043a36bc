import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BanenafspraakByQuarterQuery, BanenafspraakByWeekQuery } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { weekRange } from '../read-model-queries/query-params.js';
import { BanenafspraakQuartersQuery, BanenafspraakWeeksQuery } from './banenafspraak.query.dto.js';

/**
 * Banenafspraak attribution: hours of target-group workers counted at the hirer and the jobs they
 * make (25.5 h a week = 1 job). A week counts the hours the hirer approved on the worker's
 * timesheets (paid hours: sick and leave too; a re-approval replaces a sheet's hours) on the days the
 * worker is in the register by the status that holds that day. It reveals who is in the target
 * group: operators and auditors only.
 */
@ApiTags('read models')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('banenafspraak')
export class BanenafspraakController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Per hirer and ISO week: target-group hours and jobs (decimals as strings, two places, half up); paginated',
    description:
      'Hours are those the hirer approved on the timesheets of the week (every hour type: they are paid hours), on the days the worker is in the register. Hours not (yet) approved do not count.',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ hirerId, period: "2026-W45", weekStart, weeks: 1, hours: "24.00", jobs: "0.94", workers }], total, limit, offset }',
  })
  weeks(@Query() query: BanenafspraakWeeksQuery) {
    const { fromWeek, toWeek } = weekRange(query.fromWeek, query.toWeek);
    const { hirerId, limit, offset } = query;
    return this.queries.execute(new BanenafspraakByWeekQuery({ hirerId, fromWeek, toWeek, limit, offset }));
  }

  @Get('quarters')
  @ApiOperation({
    summary: 'Per hirer and calendar quarter: target-group hours and the average jobs over the quarter’s ISO weeks; paginated',
    description: 'An ISO week belongs to the quarter of its Thursday, so a quarter has 12 to 14 weeks and no week is split.',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ hirerId, period: "2026-Q4", weekStart, weeks: 14, hours: "216.00", jobs: "0.61", workers }], total, limit, offset }',
  })
  quarters(@Query() query: BanenafspraakQuartersQuery) {
    if (query.fromQuarter && query.toQuarter && query.fromQuarter > query.toQuarter)
      throw new BadRequestException('fromQuarter must not be after toQuarter');
    return this.queries.execute(new BanenafspraakByQuarterQuery(query));
  }
}
