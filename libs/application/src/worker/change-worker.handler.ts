import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { workerDecider, workerStreamId, type WorkerCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** A worker command that needs no facts from other streams: register, skills, availability, target group, end a contract. */
export type PlainWorkerCommand = Exclude<WorkerCommand, { type: 'OfferContract' }>;

export class ChangeWorkerCommand extends Command<CommandAccepted> {
  constructor(
    readonly workerId: string,
    readonly command: PlainWorkerCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeWorkerCommand)
export class ChangeWorkerHandler implements ICommandHandler<ChangeWorkerCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ workerId, command, context }: ChangeWorkerCommand): Promise<CommandAccepted> {
    return this.executor.run(workerDecider, workerStreamId(workerId), command, context);
  }
}
