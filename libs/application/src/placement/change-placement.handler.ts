import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { placementDecider, placementStreamId, type PlacementCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** A placement command that needs no facts from other streams: propose, end early, end, withdraw. */
export type PlainPlacementCommand = Exclude<PlacementCommand, { type: 'ConfirmPlacement' | 'ExtendPlacement' }>;

export class ChangePlacementCommand extends Command<CommandAccepted> {
  constructor(
    readonly placementId: string,
    readonly command: PlainPlacementCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangePlacementCommand)
export class ChangePlacementHandler implements ICommandHandler<ChangePlacementCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ placementId, command, context }: ChangePlacementCommand): Promise<CommandAccepted> {
    return this.executor.run(placementDecider, placementStreamId(placementId), command, context);
  }
}
