import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { payRunDecider, payRunStreamId, type PayPeriod, type PayRunCommand, type PayRunState } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { PayRunCalculation, type PayRunCalculated } from './pay-run-calculation.js';

export type PayRunAccepted = CommandAccepted & { payRunId: string };

/** Calculates the pay of a period for the first time: one atomic append of the run and every worker's lines. */
export class CalculatePayRunCommand extends Command<PayRunAccepted> {
  constructor(
    readonly periodId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Calculates the open run of a period again (late approvals, a correction): a new attempt replaces the previous one. */
export class RecalculatePayRunCommand extends Command<PayRunAccepted> {
  constructor(
    readonly periodId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * The run's stream is folded first, so a run that cannot take the calculation (one that exists, for
 * a first calculation; one that is missing or final, for another) is refused by the decider before
 * the calculation spends its time: it is handed a calculation of nothing. A second start of the
 * period racing this one loses at the append (the stream must not exist yet), reads the run
 * again and gets the decider's 409.
 */
async function runCalculation(
  executor: UseCaseExecutor,
  period: PayPeriod,
  context: RequestContext,
  calculate: (state: PayRunState) => Promise<PayRunCalculated> | undefined,
  type: 'CalculatePayRun' | 'RecalculatePayRun',
): Promise<PayRunAccepted> {
  const accepted = await executor.run(
    payRunDecider,
    payRunStreamId(period.id),
    async (state): Promise<PayRunCommand> => ({ type, ...((await calculate(state)) ?? { period, workers: [], unpaid: [] }) }),
    context,
  );
  return { payRunId: period.id, ...accepted };
}

@CommandHandler(CalculatePayRunCommand)
export class CalculatePayRunHandler implements ICommandHandler<CalculatePayRunCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly calculation: PayRunCalculation,
  ) {}

  async execute({ periodId, context }: CalculatePayRunCommand): Promise<PayRunAccepted> {
    const period = this.calculation.periodOf(periodId);
    const calculate = (state: PayRunState) => (state.status === 'none' ? this.calculation.first(period) : undefined);
    return runCalculation(this.executor, period, context, calculate, 'CalculatePayRun');
  }
}

@CommandHandler(RecalculatePayRunCommand)
export class RecalculatePayRunHandler implements ICommandHandler<RecalculatePayRunCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly calculation: PayRunCalculation,
  ) {}

  async execute({ periodId, context }: RecalculatePayRunCommand): Promise<PayRunAccepted> {
    const period = this.calculation.periodOf(periodId);
    const calculate = (state: PayRunState) => (state.status === 'calculated' ? this.calculation.again(period) : undefined);
    return runCalculation(this.executor, period, context, calculate, 'RecalculatePayRun');
  }
}
