import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { timesheetDecider, timesheetStreamId, type TimesheetCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { approverOf } from './timesheet-access.js';

/** The hirer approves the submitted lines: they become what is paid and invoiced. */
export class ApproveTimesheetCommand extends Command<CommandAccepted> {
  constructor(
    readonly timesheetId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ApproveTimesheetCommand)
export class ApproveTimesheetHandler implements ICommandHandler<ApproveTimesheetCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ timesheetId, context }: ApproveTimesheetCommand): Promise<CommandAccepted> {
    const what = `timesheet ${timesheetId}`;
    return this.executor.run(
      timesheetDecider,
      timesheetStreamId(timesheetId),
      (state): TimesheetCommand => ({ type: 'ApproveTimesheet', actor: approverOf(context.caller, existing(state, what).employerId) }),
      context,
      existingFor(context.caller, what),
    );
  }
}
