import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { employerDecider, employerStreamId, type LocalDate } from '@banenpool/domain';
import { requireEmployerAccess, type RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { requireCaoVersionOn } from './cao-version-on.js';

/** The employer applies a CAO from a date (ending the previous one); the CAO must have a version in force then. */
export class ApplyCaoCommand extends Command<CommandAccepted> {
  constructor(
    readonly employerId: string,
    readonly caoCode: string,
    readonly from: LocalDate,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ApplyCaoCommand)
export class ApplyCaoHandler implements ICommandHandler<ApplyCaoCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  async execute({ employerId, caoCode, from, context }: ApplyCaoCommand): Promise<CommandAccepted> {
    requireEmployerAccess(context.caller, employerId);
    await requireCaoVersionOn(this.streams, caoCode, from);
    return this.executor.run(employerDecider, employerStreamId(employerId), { type: 'ApplyCao', caoCode, from }, context);
  }
}
