import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { placementDecider, placementStreamId, type PlacementCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { PlacementFacts } from './placement-facts.js';

/** Confirm: checks hours and closures and resolves the wage (CAO scale and step, never below the minimum wage). */
export class ConfirmPlacementCommand extends Command<CommandAccepted> {
  constructor(
    readonly placementId: string,
    readonly step: number,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Reads the placement once per attempt: its terms say which worker, employer and CAO facts to gather. */
@CommandHandler(ConfirmPlacementCommand)
export class ConfirmPlacementHandler implements ICommandHandler<ConfirmPlacementCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly facts: PlacementFacts,
  ) {}

  execute({ placementId, step, context }: ConfirmPlacementCommand): Promise<CommandAccepted> {
    return this.executor.run(
      placementDecider,
      placementStreamId(placementId),
      async (state): Promise<PlacementCommand> => {
        const terms = existing(state, `placement ${placementId}`);
        return { type: 'ConfirmPlacement', ...(await this.facts.forConfirmation(terms, step)) };
      },
      context,
      existingFor(context.caller, `placement ${placementId}`),
    );
  }
}
