import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listUpcomingEnds, type UpcomingEndsFilter, type Page, type UpcomingEndItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Upcoming ends (doorstroom): placements ending soon with no confirmed follow-up. */
export class ListUpcomingEndsQuery extends Query<Page<UpcomingEndItem>> {
  constructor(readonly filter: UpcomingEndsFilter) {
    super();
  }
}

@QueryHandler(ListUpcomingEndsQuery)
export class ListUpcomingEndsHandler implements IQueryHandler<ListUpcomingEndsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListUpcomingEndsQuery): Promise<Page<UpcomingEndItem>> {
    return listUpcomingEnds(this.dataSource, filter);
  }
}
