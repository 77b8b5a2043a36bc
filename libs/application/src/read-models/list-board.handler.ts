import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listBoard, type BoardFilter, type Page, type BoardWeek } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** The allocation board: per ISO week and worker, where they work, how long, under which CAO and wage. */
export class ListBoardQuery extends Query<Page<BoardWeek>> {
  constructor(readonly filter: BoardFilter) {
    super();
  }
}

@QueryHandler(ListBoardQuery)
export class ListBoardHandler implements IQueryHandler<ListBoardQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListBoardQuery): Promise<Page<BoardWeek>> {
    return listBoard(this.dataSource, filter);
  }
}
