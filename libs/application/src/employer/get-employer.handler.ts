import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { employerDecider, employerStreamId, type PoolEmployer } from '@banenpool/domain';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';

/** An employer as it is now; employers see only themselves. */
export class GetEmployerQuery extends Query<PoolEmployer & { version: number }> {
  constructor(
    readonly employerId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(GetEmployerQuery)
export class GetEmployerHandler implements IQueryHandler<GetEmployerQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ employerId, caller }: GetEmployerQuery): Promise<PoolEmployer & { version: number }> {
    requireEmployerAccess(caller, employerId);
    const { state, version } = await this.streams.existing(employerDecider, employerStreamId(employerId), `employer ${employerId}`);
    return { ...state, version };
  }
}
