import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { lksDecider, lksStreamId, workerDecider, workerStreamId, type RecordWageValueDecision } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** The municipality's decision as an operator records it. */
export type WageValueDecisionInput = Pick<
  RecordWageValueDecision,
  'municipality' | 'wageValueBp' | 'from' | 'to' | 'reassessOn' | 'reference'
>;

export type WageValueDecisionAccepted = CommandAccepted & { decisionId: string };

/** Records a worker's wage-value decision (sensitive: operators only) on the worker's `lks-<workerId>` stream. */
export class RecordWageValueDecisionCommand extends Command<WageValueDecisionAccepted> {
  constructor(
    readonly workerId: string,
    readonly decision: WageValueDecisionInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * The worker must exist (404). The decision's id is the worker's and its first day: a worker's
 * decisions never start on the same day, so a repeated request is refused rather than recorded twice.
 */
@CommandHandler(RecordWageValueDecisionCommand)
export class RecordWageValueDecisionHandler implements ICommandHandler<RecordWageValueDecisionCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  async execute({ workerId, decision, context }: RecordWageValueDecisionCommand): Promise<WageValueDecisionAccepted> {
    const streamId = lksStreamId(workerId);
    await this.streams.existing(workerDecider, workerStreamId(workerId), `worker ${workerId}`);
    const decisionId = `${workerId}.${decision.from}`;
    const accepted = await this.executor.run(
      lksDecider,
      streamId,
      { type: 'RecordWageValueDecision', decisionId, workerId, ...decision, by: context.caller.label },
      context,
    );
    return { decisionId, ...accepted };
  }
}
