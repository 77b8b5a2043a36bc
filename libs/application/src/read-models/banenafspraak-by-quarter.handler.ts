import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { banenafspraakByQuarter, type BanenafspraakQuarterFilter, type Page, type BanenafspraakPeriod } from '@banenpool/read-models';
import { DataSource } from 'typeorm';

/** Banenafspraak: per hirer and calendar quarter, target-group hours and the average jobs. */
export class BanenafspraakByQuarterQuery extends Query<Page<BanenafspraakPeriod>> {
  constructor(readonly filter: BanenafspraakQuarterFilter) {
    super();
  }
}

@QueryHandler(BanenafspraakByQuarterQuery)
export class BanenafspraakByQuarterHandler implements IQueryHandler<BanenafspraakByQuarterQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: BanenafspraakByQuarterQuery): Promise<Page<BanenafspraakPeriod>> {
    return banenafspraakByQuarter(this.dataSource, filter);
  }
}
