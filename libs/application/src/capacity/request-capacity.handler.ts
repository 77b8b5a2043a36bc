import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { capacityDecider, capacityStreamId, type RequestCapacity } from '@banenpool/domain';
import { requireEmployerAccess, type RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { siteFacts } from './site-facts.js';

/** Request seasonal capacity at a site: inside membership, outside the site's closures. */
export class RequestCapacityCommand extends Command<CommandAccepted> {
  constructor(
    readonly request: Omit<RequestCapacity, 'type' | 'site'>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RequestCapacityCommand)
export class RequestCapacityHandler implements ICommandHandler<RequestCapacityCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  async execute({ request, context }: RequestCapacityCommand): Promise<CommandAccepted> {
    requireEmployerAccess(context.caller, request.employerId);
    const site = await siteFacts(this.streams, request.employerId, request.siteId);
    return this.executor.run(capacityDecider, capacityStreamId(request.requestId), { type: 'RequestCapacity', ...request, site }, context);
  }
}
