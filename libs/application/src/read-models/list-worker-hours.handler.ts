import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listWorkerHours, type WorkerHoursFilter, type Page, type WorkerWeek } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Worker hours: the linked small-hour placements per worker and week against the pool contract. */
export class ListWorkerHoursQuery extends Query<Page<WorkerWeek>> {
  constructor(readonly filter: WorkerHoursFilter) {
    super();
  }
}

@QueryHandler(ListWorkerHoursQuery)
export class ListWorkerHoursHandler implements IQueryHandler<ListWorkerHoursQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListWorkerHoursQuery): Promise<Page<WorkerWeek>> {
    return listWorkerHours(this.dataSource, filter);
  }
}
