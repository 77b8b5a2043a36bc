import { NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { localDateOf, retentionOn } from '@banenpool/domain';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import type { RequestContext } from '../shared/request-context.js';
import { WorkerExportReader } from './worker-export-reader.js';
import { workerExportHeader, type ExportCategory, type WorkerExport } from './worker-export.js';

/** Who the export names as controller: the pool that runs this service (the legal employer of its workers). */
export const POOL_CONTROLLER_NAME = 'The banenpool that runs this service (the workers’ legal employer)';

/** Everything the pool holds about one worker, for an access request (art. 15 GDPR): 404 for a worker never registered. */
export class WorkerExportQuery extends Query<WorkerExport> {
  constructor(
    readonly workerId: string,
    readonly context: Pick<RequestContext, 'caller' | 'correlationId'>,
  ) {
    super();
  }
}

/**
 * Only the worker's existence is read before the answer starts, so an unknown worker is a 404 with
 * a status; the categories are read page by page as the answer is written.
 */
@QueryHandler(WorkerExportQuery)
export class WorkerExportHandler implements IQueryHandler<WorkerExportQuery> {
  constructor(
    private readonly reader: WorkerExportReader,
    private readonly rules: RuleBookReader,
  ) {}

  async execute({ workerId, context }: WorkerExportQuery): Promise<WorkerExport> {
    if (!(await this.reader.exists(workerId))) throw new NotFoundException(`No worker ${workerId}`);
    const now = new Date();
    const retention = retentionOn(await this.rules.read(), localDateOf(now));
    const requester = { label: context.caller.label, correlationId: context.correlationId };
    const header = workerExportHeader(workerId, requester, now, POOL_CONTROLLER_NAME, retention);
    const reader = this.reader;
    const categories: ExportCategory[] = [
      { key: 'worker', pages: reader.workerFacts(workerId) },
      { key: 'placements', pages: reader.placements(workerId) },
      { key: 'timesheets', pages: reader.timesheets(workerId) },
      { key: 'payRuns', pages: reader.payRuns(workerId) },
      { key: 'invoiceLines', pages: reader.invoiceLines(workerId) },
      { key: 'wageCostSubsidy', pages: reader.wageCostSubsidyFacts(workerId) },
      { key: 'allocationProposals', pages: reader.allocationProposals(workerId) },
      { key: 'accessRecord', pages: reader.accessRecord(workerId) },
    ];
    return { header, categories };
  }
}
