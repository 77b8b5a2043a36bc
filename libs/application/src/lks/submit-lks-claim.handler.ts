import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { lksDecider, lksStreamId, type LocalDate } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { LksClaimReader } from './lks-claim-reader.js';

/** Records that a claim was submitted to its municipality, on a day after its month. */
export class SubmitLksClaimCommand extends Command<CommandAccepted> {
  constructor(
    readonly claimId: string,
    readonly submittedOn: LocalDate,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SubmitLksClaimCommand)
export class SubmitLksClaimHandler implements ICommandHandler<SubmitLksClaimCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly claims: LksClaimReader,
  ) {}

  async execute({ claimId, submittedOn, context }: SubmitLksClaimCommand): Promise<CommandAccepted> {
    const { workerId } = await this.claims.current(claimId);
    return this.executor.run(
      lksDecider,
      lksStreamId(workerId),
      { type: 'SubmitLksClaim', claimId, submittedOn, by: context.caller.label },
      context,
    );
  }
}
