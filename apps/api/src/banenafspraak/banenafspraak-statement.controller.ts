import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  banenafspraakStatementCsv,
  BanenafspraakStatementQuery,
  type BanenafspraakStatement,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import type { Request } from 'express';
import { PersonalDataRead, showsWorkers } from '../audit/personal-data-read.js';
import { Context } from '../http/request-context.decorator.js';
import { BanenafspraakStatementParams } from './banenafspraak.query.dto.js';

/**
 * A hirer's banenafspraak statement: the jobs its target-group workers count for in a quarter, and
 * the workers and weeks behind every figure. The hirer reports these jobs, so unlike the pool-wide
 * banenafspraak lists an employer key reads its own statement (and only its own: 403).
 */
@ApiTags('banenafspraak')
@ApiBearerAuth()
@Roles('operator', 'auditor', 'employer')
@Controller('employers')
export class BanenafspraakStatementController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':employerId/banenafspraak-statement')
  // Names of workers counted as target group. The hirer reports these jobs, so its own key sees them too.
  @PersonalDataRead({ fields: ['name', 'targetGroup'], answer: 'whole', employerSees: ['name', 'targetGroup'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'A hirer’s banenafspraak statement for a quarter: approved hours of target-group workers per ISO week, the jobs, and who',
    description:
      'A week belongs to the quarter of its Thursday (2027-Q1: 2027-W01 to W12). Hours are those the hirer approved (paid hours: ' +
      'sick and leave too) on the days the worker is in the register by the status that holds that day; rejected and draft sheets ' +
      'count nothing. jobs = minutes / (1530 × weeks) (25.5 h a week = 1 job), from exact minutes, two decimals half up. ' +
      '400 for a quarter not as YYYY-Qn, 403 for another employer’s key, 404 for an unknown hirer.',
  })
  @ApiOkResponse({
    description:
      '{ employerId, employerName, quarter, from, to, weekCount, rules, totals: { minutes, hours, jobs, workers }, ' +
      'weeks: [{ week, weekStart, minutes, hours, jobs, workers }], ' +
      'workers: [{ workerId, name, minutes, hours, jobs, weeks: [{ week, weekStart, minutes, hours, jobs }] }] }; ' +
      'csv: row (worker_week, worker_total, week_total, quarter_total), employer_id, quarter, week, week_start, worker_id, ' +
      'worker_name, minutes, hours, jobs',
  })
  async statement(
    @Param('employerId') employerId: string,
    @Query() query: BanenafspraakStatementParams,
    @Context() context: RequestContext,
    @Req() request: Request,
  ): Promise<BanenafspraakStatement | StreamableFile> {
    const statement: BanenafspraakStatement = await this.queries.execute(
      new BanenafspraakStatementQuery(employerId, query.quarter, context.caller),
    );
    if (query.format !== 'csv') return statement;
    showsWorkers(
      request,
      statement.workers.map((worker) => worker.workerId),
    );
    return new StreamableFile(Buffer.from(banenafspraakStatementCsv(statement)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="banenafspraak-${statement.employerId}-${statement.quarter}.csv"`,
    });
  }
}
