import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { WORKER_EXPORT_CATEGORIES, workerExportJsonText, WorkerExportQuery, type RequestContext } from '@banenpool/application';
import { PERSONAL_FIELDS, Roles } from '@banenpool/platform';
import { Readable } from 'node:stream';
import { PersonalDataRead } from '../audit/personal-data-read.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { Context } from '../http/request-context.decorator.js';

/** The worker's right of access (art. 15 GDPR): everything the pool holds about one person, as one JSON document. */
@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers')
export class WorkerExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':workerId/export')
  @Roles('operator')
  // Raw facts cannot be cut down: the read is recorded (one PersonalDataRead naming the worker) before the file is written.
  @PersonalDataRead({ fields: PERSONAL_FIELDS, answer: 'whole' })
  @ApiProduces('application/json')
  @ApiParam({ name: 'workerId', description: 'The worker the access request is about' })
  @ApiOperation({
    summary: 'Subject access export: everything the pool holds about a worker, as a JSON file (art. 15 GDPR; operators only)',
    description:
      'A header (generatedAt, the pool as controller, the categories with their source and retention, what the pool does not hold), ' +
      `then one list per category: ${WORKER_EXPORT_CATEGORIES.join(', ')}, and "complete": true last. ` +
      'Written page by page as it is read, so a worker with years of history is never held in memory whole; a document ' +
      'without "complete" was cut off. Pass waitFor to include a write just made, and purpose=subject_access (the read is put on the ' +
      'access record before the file is written).',
  })
  @ApiOkResponse({
    description:
      '{ header: { subject, generatedAt, generatedOn, requestedBy, correlationId, controller, legalBasis, conventions, ' +
      'categories: [{ key, what, source, retention }], notHeld }, worker: [fact], placements: [{ placementId, employerId, ' +
      'period, facts: [fact] }], timesheets: [sheet as GET /timesheets], payRuns: [{ payRunId, period, status, totals, ' +
      'statement (as GET /pay-runs/:id/workers/:workerId, its locked and unpaid sheets cut to the worker’s own), ' +
      'payrollEngineRows }], invoiceLines: [{ invoiceId, number, ' +
      'lineIndex, line }], wageCostSubsidy: [fact], allocationProposals: [{ runId, proposals, decisions }], ' +
      'accessRecord: [fact], complete: true }; a fact is { streamId, revision, position, type, schemaVersion, recordedAt, ' +
      'recordedOn, actor, correlationId, data }. Sent as an attachment worker-<id>-export.json.',
  })
  @ApiForbiddenResponse({ description: 'Not an operator' })
  @ApiNotFoundResponse({ description: 'No worker with this id was ever registered' })
  async export(@Param('workerId') workerId: string, @Query() _query: ConsistencyQuery, @Context() context: RequestContext) {
    const exported = await this.queries.execute(new WorkerExportQuery(workerId, context));
    return new StreamableFile(Readable.from(workerExportJsonText(exported)), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="worker-${workerId}-export.json"`,
    });
  }
}
