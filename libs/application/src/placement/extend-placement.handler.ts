import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addDays, placementDecider, placementStreamId, refuse, type LocalDate, type PlacementCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { PlacementFacts } from './placement-facts.js';

/** Extend to a later end date: the hours and closures are checked for the added days. */
export class ExtendPlacementCommand extends Command<CommandAccepted> {
  constructor(
    readonly placementId: string,
    readonly to: LocalDate,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ExtendPlacementCommand)
export class ExtendPlacementHandler implements ICommandHandler<ExtendPlacementCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly facts: PlacementFacts,
  ) {}

  execute({ placementId, to, context }: ExtendPlacementCommand): Promise<CommandAccepted> {
    return this.executor.run(
      placementDecider,
      placementStreamId(placementId),
      async (state): Promise<PlacementCommand> => {
        const terms = existing(state, `placement ${placementId}`);
        if (to <= terms.period.to) refuse('not_later', `An extension must end after ${terms.period.to}.`);
        return { type: 'ExtendPlacement', to, ...(await this.facts.forPeriod(terms, { from: addDays(terms.period.to, 1), to })) };
      },
      context,
      existingFor(context.caller, `placement ${placementId}`),
    );
  }
}
