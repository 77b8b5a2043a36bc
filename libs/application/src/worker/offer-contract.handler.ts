import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caoDecider, caoStreamId, caoVersionOn, workerDecider, workerStreamId, type ContractTerms } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Agree a pool contract; `seasonalClauseCao` names the CAO whose seasonal clause may apply to the chain rule. */
export class OfferContractCommand extends Command<CommandAccepted> {
  constructor(
    readonly workerId: string,
    readonly contractId: string,
    readonly terms: ContractTerms,
    readonly seasonalClauseCao: string | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(OfferContractCommand)
export class OfferContractHandler implements ICommandHandler<OfferContractCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  async execute({ workerId, contractId, terms, seasonalClauseCao, context }: OfferContractCommand): Promise<CommandAccepted> {
    const seasonalClause = seasonalClauseCao ? await this.seasonalClause(seasonalClauseCao, terms.from) : false;
    return this.executor.run(
      workerDecider,
      workerStreamId(workerId),
      { type: 'OfferContract', contractId, terms, seasonalClause },
      context,
    );
  }

  private async seasonalClause(caoCode: string, onDate: string): Promise<boolean> {
    const { state } = await this.streams.existing(caoDecider, caoStreamId(caoCode), `CAO ${caoCode}`);
    return caoVersionOn(state, onDate)?.content.seasonalClause ?? false;
  }
}
