import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { capacityDecider, capacityStreamId, type AmendCapacityRequest, type CapacityCommand } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existing, existingFor, StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { siteFacts } from './site-facts.js';

/** Change period, hours or headcount (never below what is filled), checked against the site as it is now. */
export class AmendCapacityRequestCommand extends Command<CommandAccepted> {
  constructor(
    readonly requestId: string,
    readonly terms: Omit<AmendCapacityRequest, 'type' | 'site'>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AmendCapacityRequestCommand)
export class AmendCapacityRequestHandler implements ICommandHandler<AmendCapacityRequestCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  execute({ requestId, terms, context }: AmendCapacityRequestCommand): Promise<CommandAccepted> {
    return this.executor.run(
      capacityDecider,
      capacityStreamId(requestId),
      async (state): Promise<CapacityCommand> => {
        const request = existing(state, `capacity request ${requestId}`);
        return { type: 'AmendCapacityRequest', ...terms, site: await siteFacts(this.streams, request.employerId, request.siteId) };
      },
      context,
      existingFor(context.caller, `capacity request ${requestId}`),
    );
  }
}
