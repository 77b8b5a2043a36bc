import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { capacityDecider, capacityStreamId, openSlots, type CapacityRequest } from '@banenpool/domain';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';

/** A capacity request with its filled places; an employer sees only its own. */
export class GetCapacityRequestQuery extends Query<CapacityRequest & { openSlots: number; version: number }> {
  constructor(
    readonly requestId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(GetCapacityRequestQuery)
export class GetCapacityRequestHandler implements IQueryHandler<GetCapacityRequestQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ requestId, caller }: GetCapacityRequestQuery): Promise<CapacityRequest & { openSlots: number; version: number }> {
    const { state, version } = await this.streams.existing(capacityDecider, capacityStreamId(requestId), `capacity request ${requestId}`);
    requireEmployerAccess(caller, state.employerId);
    return { ...state, openSlots: openSlots(state), version };
  }
}
