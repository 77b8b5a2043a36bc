import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listCapacityGaps, type CapacityGapFilter, type Page, type CapacityGap } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Capacity gaps: per capacity request and week, places and hours asked against those filled. */
export class ListCapacityGapsQuery extends Query<Page<CapacityGap>> {
  constructor(readonly filter: CapacityGapFilter) {
    super();
  }
}

@QueryHandler(ListCapacityGapsQuery)
export class ListCapacityGapsHandler implements IQueryHandler<ListCapacityGapsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListCapacityGapsQuery): Promise<Page<CapacityGap>> {
    return listCapacityGaps(this.dataSource, filter);
  }
}
