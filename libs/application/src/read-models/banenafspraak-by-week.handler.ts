import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { banenafspraakByWeek, type BanenafspraakWeekFilter, type Page, type BanenafspraakPeriod } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Banenafspraak: per hirer and ISO week, target-group hours and jobs. */
export class BanenafspraakByWeekQuery extends Query<Page<BanenafspraakPeriod>> {
  constructor(readonly filter: BanenafspraakWeekFilter) {
    super();
  }
}

@QueryHandler(BanenafspraakByWeekQuery)
export class BanenafspraakByWeekHandler implements IQueryHandler<BanenafspraakByWeekQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: BanenafspraakByWeekQuery): Promise<Page<BanenafspraakPeriod>> {
    return banenafspraakByWeek(this.dataSource, filter);
  }
}
