import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  caoDecider,
  caoStreamId,
  seasonalClauseFactsOf,
  workerDecider,
  workerStreamId,
  type ContractTerms,
  type LocalDate,
  type SeasonalClauseFacts,
} from '@banenpool/domain';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/**
 * Agree a pool contract. `seasonalClauseCao` names the CAO whose seasonal clause the offer claims
 * for the chain rule: it must bind the pool on the contract's first day and have the clause then (else 422).
 */
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
    private readonly ruleBooks: RuleBookReader,
  ) {}

  async execute({ workerId, contractId, terms, seasonalClauseCao, context }: OfferContractCommand): Promise<CommandAccepted> {
    const [rules, seasonalClause] = await Promise.all([
      this.ruleBooks.read(),
      seasonalClauseCao === undefined ? undefined : this.seasonalClause(seasonalClauseCao, terms.from),
    ]);
    return this.executor.run(
      workerDecider,
      workerStreamId(workerId),
      { type: 'OfferContract', contractId, terms, rules, seasonalClause },
      context,
    );
  }

  // An unknown CAO is a 404; whether it binds the pool and has the clause is for the decider to judge.
  private async seasonalClause(caoCode: string, day: LocalDate): Promise<SeasonalClauseFacts> {
    const { state } = await this.streams.existing(caoDecider, caoStreamId(caoCode), `CAO ${caoCode}`);
    return seasonalClauseFactsOf(state, caoCode, day);
  }
}
