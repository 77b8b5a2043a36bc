import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listReleasedWorkers, type ReleasedWorkersFilter, type Page, type ReleasedWorker } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Released workers: whose placements ended or whose site closed, with the weeks and hours to cover. */
export class ListReleasedWorkersQuery extends Query<Page<ReleasedWorker>> {
  constructor(readonly filter: ReleasedWorkersFilter) {
    super();
  }
}

@QueryHandler(ListReleasedWorkersQuery)
export class ListReleasedWorkersHandler implements IQueryHandler<ListReleasedWorkersQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListReleasedWorkersQuery): Promise<Page<ReleasedWorker>> {
    return listReleasedWorkers(this.dataSource, filter);
  }
}
