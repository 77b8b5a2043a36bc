import { Injectable } from '@nestjs/common';
import {
  DomainError,
  payPeriodOf,
  type CalculatePayRun,
  payWorker,
  type PayPeriod,
  type PayRun,
  type WorkerPay,
  type WorkerPayInput,
} from '@banenpool/domain';
import { AppConfig } from '@banenpool/platform';
import { PayRunInputs } from './pay-run-inputs.js';
import { requireRunInOrder } from './pay-run-order.js';

/** A period's pay, worked out: what CalculatePayRun and RecalculatePayRun record. */
export type PayRunCalculated = Omit<CalculatePayRun, 'type'>;

/** Works out every worker's pay of a period in the pool's kind of pay period (the PAY_PERIOD setting). */
@Injectable()
export class PayRunCalculation {
  constructor(
    private readonly inputs: PayRunInputs,
    private readonly config: AppConfig,
  ) {}

  /** The period an id names in the pool's kind of period; 422 for an id of another form. */
  periodOf(id: string): PayPeriod {
    return payPeriodOf(id, this.config.PAY_PERIOD);
  }

  /** The first calculation of a period, after the runs before it (pay-run-order.ts). */
  async first(period: PayPeriod): Promise<PayRunCalculated> {
    await this.inputs.caughtUp();
    const runs = await this.inputs.runs();
    requireRunInOrder(period, runs);
    return this.calculate(period, runs);
  }

  /** A calculation again, of the period's open run. */
  async again(period: PayPeriod): Promise<PayRunCalculated> {
    await this.inputs.caughtUp();
    return this.calculate(period, await this.inputs.runs());
  }

  private async calculate(period: PayPeriod, runs: readonly PayRun[]): Promise<PayRunCalculated> {
    const earlier = runs.filter((run) => run.status === 'finalized' && run.period.to < period.from);
    const { workers, unpaid } = await this.inputs.read(period, earlier);
    // A worker with nothing to pay (every earlier day paid as due, no top-up) is left out of the run.
    const pays = workers.map(payOf).filter((pay) => pay.lines.length + pay.topUps.length + pay.differences.length > 0);
    return { period, workers: pays, unpaid };
  }
}

/** One worker's pay; a refusal (a day past the published minimum wage, say) refuses the run, naming the worker. */
function payOf(input: WorkerPayInput): WorkerPay {
  try {
    return payWorker(input);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.kind, error.code, `Worker ${input.worker.workerId}: ${error.message}`);
  }
}
