import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { placementDecider, placementStreamId, refuse, wageDifference, type WageDifference } from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** What changes per hour from another placement of the worker to this one. */
export class PayDifferenceQuery extends Query<WageDifference> {
  constructor(
    readonly fromPlacementId: string,
    readonly toPlacementId: string,
  ) {
    super();
  }
}

@QueryHandler(PayDifferenceQuery)
export class PayDifferenceHandler implements IQueryHandler<PayDifferenceQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ fromPlacementId, toPlacementId }: PayDifferenceQuery): Promise<WageDifference> {
    const [from, to] = await Promise.all([this.paid(fromPlacementId), this.paid(toPlacementId)]);
    if (from.workerId !== to.workerId)
      refuse('different_workers', `Placements ${fromPlacementId} and ${toPlacementId} are of different workers.`);
    return wageDifference(from, to);
  }

  /** A placement whose pay was resolved (confirmed or since ended). */
  private async paid(id: string) {
    const { state } = await this.streams.existing(placementDecider, placementStreamId(id), `placement ${id}`);
    if (state.status !== 'confirmed' && state.status !== 'ended')
      refuse('placement_not_confirmed', `Placement ${id} has no resolved pay (it is ${state.status}).`);
    return { ...state, appliesHirerConditions: state.legalForm === 'payroll' };
  }
}
