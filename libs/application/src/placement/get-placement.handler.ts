import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { placementDecider, placementStreamId, type Placement } from '@banenpool/domain';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';

export class GetPlacementQuery extends Query<Placement & { version: number }> {
  constructor(
    readonly placementId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** A placement with its terms, status and what its confirmation recorded about pay; an employer sees only its own. */
@QueryHandler(GetPlacementQuery)
export class GetPlacementHandler implements IQueryHandler<GetPlacementQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ placementId, caller }: GetPlacementQuery): Promise<Placement & { version: number }> {
    const { state, version } = await this.streams.existing(placementDecider, placementStreamId(placementId), `placement ${placementId}`);
    requireEmployerAccess(caller, state.employerId);
    return { ...state, version };
  }
}
