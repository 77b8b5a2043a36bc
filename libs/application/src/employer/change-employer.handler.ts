import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { employerDecider, employerStreamId, type EmployerCommand } from '@banenpool/domain';
import { requireEmployerAccess, type RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** An employer command that needs no facts from other streams: join, leave, sites, closures. */
export type PlainEmployerCommand = Exclude<EmployerCommand, { type: 'ApplyCao' | 'ClassifyFunction' }>;

export class ChangeEmployerCommand extends Command<CommandAccepted> {
  constructor(
    readonly employerId: string,
    readonly command: PlainEmployerCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeEmployerCommand)
export class ChangeEmployerHandler implements ICommandHandler<ChangeEmployerCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ employerId, command, context }: ChangeEmployerCommand): Promise<CommandAccepted> {
    requireEmployerAccess(context.caller, employerId);
    return this.executor.run(employerDecider, employerStreamId(employerId), command, context);
  }
}
