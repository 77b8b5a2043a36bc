import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { timesheetDecider, timesheetStreamId, type TimesheetCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { approverOf } from './timesheet-access.js';

/** The hirer sends the submitted lines back, saying why; a correction answers it. */
export class RejectTimesheetCommand extends Command<CommandAccepted> {
  constructor(
    readonly timesheetId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RejectTimesheetCommand)
export class RejectTimesheetHandler implements ICommandHandler<RejectTimesheetCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ timesheetId, reason, context }: RejectTimesheetCommand): Promise<CommandAccepted> {
    const what = `timesheet ${timesheetId}`;
    return this.executor.run(
      timesheetDecider,
      timesheetStreamId(timesheetId),
      (state): TimesheetCommand => ({
        type: 'RejectTimesheet',
        actor: approverOf(context.caller, existing(state, what).employerId),
        reason,
      }),
      context,
      existingFor(context.caller, what),
    );
  }
}
