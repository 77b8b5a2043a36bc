import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { capacityDecider, capacityStreamId, type CapacityCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Withdraw a capacity request: no further places are filled. */
export class WithdrawCapacityRequestCommand extends Command<CommandAccepted> {
  constructor(
    readonly requestId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawCapacityRequestCommand)
export class WithdrawCapacityRequestHandler implements ICommandHandler<WithdrawCapacityRequestCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ requestId, reason, context }: WithdrawCapacityRequestCommand): Promise<CommandAccepted> {
    const command: CapacityCommand = { type: 'WithdrawCapacityRequest', reason };
    return this.executor.run(
      capacityDecider,
      capacityStreamId(requestId),
      command,
      context,
      existingFor(context.caller, `capacity request ${requestId}`),
    );
  }
}
