import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { placementDecider, placementStreamId, type PlacementCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { PlacementFacts } from './placement-facts.js';

/**
 * Confirm: checks hours and closures and records the function's scale with the step the operator
 * chose, that the hirer's pay terms apply, and the first day's pay (the wage itself is per day: GetPlacementWageQuery).
 */
export class ConfirmPlacementCommand extends Command<CommandAccepted> {
  constructor(
    readonly placementId: string,
    /** The step in the function's CAO scale: the operator's choice, never a default. */
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
