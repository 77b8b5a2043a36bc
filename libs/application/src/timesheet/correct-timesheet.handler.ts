import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { timesheetDecider, timesheetStreamId, type TimesheetCommand, type TimesheetLine } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { TimesheetFactsReader } from './timesheet-facts.js';

/**
 * New lines for a submitted, rejected or approved sheet, with the reason; also after a pay run locked
 * it (the next run settles the difference). By an operator or the placement's own hirer.
 */
export class CorrectTimesheetCommand extends Command<CommandAccepted> {
  constructor(
    readonly timesheetId: string,
    readonly lines: readonly TimesheetLine[],
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectTimesheetCommand)
export class CorrectTimesheetHandler implements ICommandHandler<CorrectTimesheetCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly facts: TimesheetFactsReader,
  ) {}

  execute({ timesheetId, lines, reason, context }: CorrectTimesheetCommand): Promise<CommandAccepted> {
    const what = `timesheet ${timesheetId}`;
    return this.executor.run(
      timesheetDecider,
      timesheetStreamId(timesheetId),
      async (state): Promise<TimesheetCommand> => ({
        type: 'CorrectTimesheet',
        lines,
        reason,
        by: context.caller.label,
        facts: await this.facts.read(existing(state, what)),
      }),
      context,
      existingFor(context.caller, what),
    );
  }
}
