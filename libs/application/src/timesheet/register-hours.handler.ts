import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { timesheetDecider, timesheetStreamId, type TimesheetCommand, type TimesheetLine } from '@banenpool/domain';
import { requireEmployerAccess, type RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { sheetNamed } from './timesheet-access.js';
import { TimesheetFactsReader } from './timesheet-facts.js';

/** Registers a week's hours on a placement: opens its sheet, or replaces the lines of a draft. */
export class RegisterHoursCommand extends Command<CommandAccepted> {
  constructor(
    readonly timesheetId: string,
    readonly lines: readonly TimesheetLine[],
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * By an operator or the placement's own hirer. The sheet may not exist yet, so who may reach it is
 * told by its placement, before the If-Match is compared; the facts are read again on each attempt.
 */
@CommandHandler(RegisterHoursCommand)
export class RegisterHoursHandler implements ICommandHandler<RegisterHoursCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly facts: TimesheetFactsReader,
  ) {}

  async execute({ timesheetId, lines, context }: RegisterHoursCommand): Promise<CommandAccepted> {
    const sheet = sheetNamed(timesheetId);
    requireEmployerAccess(context.caller, (await this.facts.placement(sheet.placementId)).employerId);
    return this.executor.run(
      timesheetDecider,
      timesheetStreamId(timesheetId),
      async (): Promise<TimesheetCommand> => ({
        type: 'RegisterHours',
        timesheetId,
        week: sheet.week,
        lines,
        by: context.caller.label,
        facts: await this.facts.read(sheet),
      }),
      context,
    );
  }
}
