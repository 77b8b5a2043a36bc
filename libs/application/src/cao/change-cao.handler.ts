import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caoDecider, caoStreamId, type CaoCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Register a CAO, publish a version, correct one: the CAO stream alone decides. */
export class ChangeCaoCommand extends Command<CommandAccepted> {
  constructor(
    readonly caoCode: string,
    readonly command: CaoCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeCaoCommand)
export class ChangeCaoHandler implements ICommandHandler<ChangeCaoCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ caoCode, command, context }: ChangeCaoCommand): Promise<CommandAccepted> {
    return this.executor.run(caoDecider, caoStreamId(caoCode), command, context);
  }
}
