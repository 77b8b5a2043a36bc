import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { timesheetDecider, timesheetStreamId } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Hands a draft to the hirer for approval; by an operator or the placement's own hirer. */
export class SubmitTimesheetCommand extends Command<CommandAccepted> {
  constructor(
    readonly timesheetId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SubmitTimesheetCommand)
export class SubmitTimesheetHandler implements ICommandHandler<SubmitTimesheetCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ timesheetId, context }: SubmitTimesheetCommand): Promise<CommandAccepted> {
    return this.executor.run(
      timesheetDecider,
      timesheetStreamId(timesheetId),
      { type: 'SubmitTimesheet', by: context.caller.label },
      context,
      existingFor(context.caller, `timesheet ${timesheetId}`),
    );
  }
}
