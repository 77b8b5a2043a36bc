import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { timesheetDecider, timesheetStreamId, type Timesheet } from '@banenpool/domain';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';

export class GetTimesheetQuery extends Query<Timesheet & { version: number }> {
  constructor(
    readonly timesheetId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** A sheet as its stream holds it now: lines, status, the approval pay runs pay and their lock; an employer sees only its own. */
@QueryHandler(GetTimesheetQuery)
export class GetTimesheetHandler implements IQueryHandler<GetTimesheetQuery> {
  constructor(private readonly streams: StreamStates) {}

  async execute({ timesheetId, caller }: GetTimesheetQuery): Promise<Timesheet & { version: number }> {
    const { state, version } = await this.streams.existing(timesheetDecider, timesheetStreamId(timesheetId), `timesheet ${timesheetId}`);
    requireEmployerAccess(caller, state.employerId);
    return { ...state, version };
  }
}
