import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { allocationDecider, allocationStreamId } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { selectProposals, type ProposalSelection } from './proposal-selection.js';

/** Reject proposals (all still open, or some) with the reason; nothing is placed. */
export class RejectAllocationProposalsCommand extends Command<CommandAccepted> {
  constructor(
    readonly runId: string,
    readonly selection: ProposalSelection,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Rejects at the run version it read, so a concurrent acceptance and this rejection cannot both decide. */
@CommandHandler(RejectAllocationProposalsCommand)
export class RejectAllocationProposalsHandler implements ICommandHandler<RejectAllocationProposalsCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  async execute({ runId, selection, reason, context }: RejectAllocationProposalsCommand): Promise<CommandAccepted> {
    const { version, selected } = await selectProposals(this.streams, runId, selection, context.expectedVersion);
    const command = {
      type: 'RejectAllocationProposals' as const,
      proposalIds: selected.map((p) => p.proposalId),
      reason,
      by: context.caller.label,
    };
    return this.executor.step(allocationDecider, allocationStreamId(runId), command, context, version);
  }
}
