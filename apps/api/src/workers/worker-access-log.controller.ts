import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ACCESS_LOG_MAX_DAYS, GetWorkerAccessLogQuery } from '@banenpool/application';
import { addDays, daysBetween } from '@banenpool/domain';
import { Roles } from '@banenpool/platform';
import { IsOptional } from 'class-validator';
import { PersonalDataRead } from '../audit/personal-data-read.js';
import { IsLocalDate } from '../common/is-local-date.js';
import { PageQuery, QUERY_ID, today } from '../read-model-queries/query-params.js';

/** The default period: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

export class AccessLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: `First day (default: ${DEFAULT_DAYS - 1} days before to)` })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day, inclusive (default: today)' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

/**
 * The worker's right of access (GDPR art. 15): who read their data, when, what and why. It is
 * itself a read about the worker, so it is recorded like any other; its answer holds the reads
 * before it, never its own record (written after the answer was made), so reading it does not
 * feed on itself.
 */
@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers')
export class WorkerAccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':workerId/access-log')
  @Roles('operator')
  @PersonalDataRead({ fields: [], answer: 'whole' })
  @ApiOperation({
    summary: 'Who read the worker’s personal or target-group data, when, what and why; newest first, paginated',
    description: `A period of at most ${ACCESS_LOG_MAX_DAYS} days (default the last ${DEFAULT_DAYS}); 400 for a longer one, 404 for an unknown worker.`,
  })
  @ApiOkResponse({
    description:
      '{ workerId, from, to, items: [{ at, actor, role, what, target, parameters, categories, purpose, workerCount }], total, limit, offset }',
  })
  accessLog(@Param('workerId') workerId: string, @Query() query: AccessLogQuery) {
    if (!QUERY_ID.test(workerId)) throw new BadRequestException('workerId must be an id: 1-100 letters, digits or _.:@-');
    const to = query.to ?? today();
    const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    const days = daysBetween(from, to) + 1;
    if (days < 1) throw new BadRequestException(`from (${from}) must not be after to (${to})`);
    if (days > ACCESS_LOG_MAX_DAYS)
      throw new BadRequestException(`The period may cover at most ${ACCESS_LOG_MAX_DAYS} days, not ${days}: ask for it in parts`);
    return this.queries.execute(new GetWorkerAccessLogQuery(workerId, from, to, { limit: query.limit, offset: query.offset }));
  }
}
