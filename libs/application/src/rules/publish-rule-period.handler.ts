import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { rulesDecider, ruleTableStreamId, type PublishRulePeriod } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Publish (or correct) a period of a rule table: the table's own stream alone decides. */
export class PublishRulePeriodCommand extends Command<CommandAccepted> {
  constructor(
    readonly command: PublishRulePeriod,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PublishRulePeriodCommand)
export class PublishRulePeriodHandler implements ICommandHandler<PublishRulePeriodCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ command, context }: PublishRulePeriodCommand): Promise<CommandAccepted> {
    return this.executor.run(rulesDecider, ruleTableStreamId(command.table), command, context);
  }
}
