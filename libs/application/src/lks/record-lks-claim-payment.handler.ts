import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { lksDecider, lksStreamId, type LocalDate } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { LksClaimReader } from './lks-claim-reader.js';

/** Records what the municipality paid on a submitted claim (it may pay in parts). */
export class RecordLksClaimPaymentCommand extends Command<CommandAccepted> {
  constructor(
    readonly claimId: string,
    readonly payment: { amountCents: number; paidOn: LocalDate },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RecordLksClaimPaymentCommand)
export class RecordLksClaimPaymentHandler implements ICommandHandler<RecordLksClaimPaymentCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly claims: LksClaimReader,
  ) {}

  async execute({ claimId, payment, context }: RecordLksClaimPaymentCommand): Promise<CommandAccepted> {
    const { workerId } = await this.claims.current(claimId);
    return this.executor.run(
      lksDecider,
      lksStreamId(workerId),
      { type: 'RecordLksClaimPayment', claimId, ...payment, by: context.caller.label },
      context,
    );
  }
}
