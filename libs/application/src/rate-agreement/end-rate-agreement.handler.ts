import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { rateAgreementDecider, rateAgreementsStreamId, type LocalDate } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Ends a rate agreement after its last day, so that a new rate of its scope can follow. */
export class EndRateAgreementCommand extends Command<CommandAccepted> {
  constructor(
    readonly employerId: string,
    readonly agreementId: string,
    readonly lastDay: LocalDate,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(EndRateAgreementCommand)
export class EndRateAgreementHandler implements ICommandHandler<EndRateAgreementCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  async execute({ employerId, agreementId, lastDay, reason, context }: EndRateAgreementCommand): Promise<CommandAccepted> {
    return this.executor.run(
      rateAgreementDecider,
      rateAgreementsStreamId(employerId),
      { type: 'EndRateAgreement', agreementId, lastDay, reason, by: context.caller.label },
      context,
    );
  }
}
