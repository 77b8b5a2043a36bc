import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { laterOf, refuse, wageDifference, workedLastDay, type LocalDate, type PaidPlacement, type WageDifference } from '@banenpool/domain';
import { PlacementWages } from './placement-wages.js';

/**
 * What changes per hour from another placement of the worker to this one, on a day: `on`, by
 * default the later of the two first days (the day of the move). A placement that ended before
 * that day is taken on its last day: what the worker earned when leaving it.
 */
export class PayDifferenceQuery extends Query<WageDifference> {
  constructor(
    readonly fromPlacementId: string,
    readonly toPlacementId: string,
    readonly on?: LocalDate,
  ) {
    super();
  }
}

@QueryHandler(PayDifferenceQuery)
export class PayDifferenceHandler implements IQueryHandler<PayDifferenceQuery> {
  constructor(private readonly wages: PlacementWages) {}

  async execute({ fromPlacementId, toPlacementId, on }: PayDifferenceQuery): Promise<WageDifference> {
    const [from, to] = await Promise.all([this.wages.paid(fromPlacementId), this.wages.paid(toPlacementId)]);
    if (from.workerId !== to.workerId) {
      refuse(
        'different_workers',
        `Placements ${fromPlacementId} (worker ${from.workerId}) and ${toPlacementId} (worker ${to.workerId}) are of different workers.`,
      );
    }
    const day = on ?? laterOf(from.period.from, to.period.from);
    const [fromWage, toWage] = await Promise.all([this.wageOn(from, day), this.wageOn(to, day)]);
    return wageDifference(fromWage, toWage);
  }

  private async wageOn(placement: PaidPlacement, day: LocalDate) {
    const lastDay = workedLastDay(placement);
    const wage = await this.wages.on(placement, day > lastDay ? lastDay : day);
    return { placementId: placement.placementId, employerId: placement.employerId, wage };
  }
}
