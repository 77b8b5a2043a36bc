import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LocalDate } from '@banenpool/domain';
import type { Caller } from '../shared/request-context.js';
import { PlacementWages, type PlacementDayWage } from './placement-wages.js';

/** The wage of a confirmed placement on one of its days, with the CAO version and minimum-wage row it came from. */
export class GetPlacementWageQuery extends Query<PlacementDayWage> {
  constructor(
    readonly placementId: string,
    readonly on: LocalDate,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** An employer sees only the wages of its own placements. */
@QueryHandler(GetPlacementWageQuery)
export class GetPlacementWageHandler implements IQueryHandler<GetPlacementWageQuery> {
  constructor(private readonly wages: PlacementWages) {}

  async execute({ placementId, on, caller }: GetPlacementWageQuery): Promise<PlacementDayWage> {
    return this.wages.on(await this.wages.paid(placementId, caller), on);
  }
}
