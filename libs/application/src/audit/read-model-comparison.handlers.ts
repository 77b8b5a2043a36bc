import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ComparisonJobs, type ComparisonJob } from './comparison-jobs.js';

/** Start rebuilding every read model and comparing it with the live one; 409 while another comparison runs. */
export class StartReadModelComparisonCommand extends Command<ComparisonJob> {
  constructor(readonly startedBy: string) {
    super();
  }
}

@CommandHandler(StartReadModelComparisonCommand)
export class StartReadModelComparisonHandler implements ICommandHandler<StartReadModelComparisonCommand> {
  constructor(private readonly jobs: ComparisonJobs) {}

  execute({ startedBy }: StartReadModelComparisonCommand): Promise<ComparisonJob> {
    return Promise.resolve(this.jobs.start(startedBy));
  }
}

/** A comparison's progress and, when done, its result. */
export class GetReadModelComparisonQuery extends Query<ComparisonJob> {
  constructor(readonly jobId: string) {
    super();
  }
}

@QueryHandler(GetReadModelComparisonQuery)
export class GetReadModelComparisonHandler implements IQueryHandler<GetReadModelComparisonQuery> {
  constructor(private readonly jobs: ComparisonJobs) {}

  execute({ jobId }: GetReadModelComparisonQuery): Promise<ComparisonJob> {
    return Promise.resolve(this.jobs.get(jobId));
  }
}
