import { createHash, randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  rateAgreementDecider,
  rateAgreementsStreamId,
  type BasisPoints,
  type RateAgreementCommand,
  type RateSurcharges,
} from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { RateCostFactsReader, type RatedTerms } from './rate-cost-facts.js';

/** A rate as an operator agrees it; the id is made when absent. */
export interface RateAgreementTerms extends RatedTerms {
  readonly agreementId?: string;
  readonly surchargesBp: RateSurcharges;
  readonly gAccountShareBp: BasisPoints;
  readonly reason?: string;
}

export type RateAgreementAccepted = CommandAccepted & { agreementId: string };

/** Agrees a rate with a hirer, checked against the cost price of its hours (422 rate_below_cost). */
export class AgreeRateCommand extends Command<RateAgreementAccepted> {
  constructor(
    readonly employerId: string,
    readonly terms: RateAgreementTerms,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** The cost facts are read again on each attempt, so a retry after a concurrent write checks against what is then true. */
@CommandHandler(AgreeRateCommand)
export class AgreeRateHandler implements ICommandHandler<AgreeRateCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly facts: RateCostFactsReader,
  ) {}

  async execute({ employerId, terms, context }: AgreeRateCommand): Promise<RateAgreementAccepted> {
    const { agreementId = agreementIdFor(context), ...agreed } = terms;
    const accepted = await this.executor.run(
      rateAgreementDecider,
      rateAgreementsStreamId(employerId),
      async (): Promise<RateAgreementCommand> => ({
        type: 'AgreeRate',
        agreementId,
        employerId,
        ...agreed,
        by: context.caller.label,
        costs: await this.facts.factsFor(employerId, agreed),
      }),
      context,
    );
    return { agreementId, ...accepted };
  }
}

/** A retry with the same Idempotency-Key names the same agreement, so it cannot agree it twice. */
function agreementIdFor(context: RequestContext): string {
  const tag = context.idempotency?.tag;
  return tag ? `rate-${createHash('sha256').update(tag).digest('hex').slice(0, 20)}` : `rate-${randomUUID()}`;
}
