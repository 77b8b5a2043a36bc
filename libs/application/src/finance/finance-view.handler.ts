import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { claimMonthDays, conflict, paidHoursWithin, type PayPeriod, type RuleBook } from '@banenpool/domain';
import {
  documentTotalsOfPeriod,
  finalizedPaysOf,
  lksClaimsOfMonth,
  workerLinesOfPeriod,
  workerPaysAfter,
  workerPaysOfEmployer,
  type LksClaimRecord,
  type Page,
  type PayRunRecord,
} from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { groupBy, mapBounded } from '../payroll/collections.js';
import { PayRunReader } from '../payroll/pay-run.queries.js';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { financeOf, type HirerFinance, type PoolFinance, type WorkerFinance } from './finance-figures.js';
import { claimParts, monthsOf, partsWithin, SUBSIDY_ATTRIBUTION, type SubsidyPart } from './subsidy-attribution.js';
import { wageCostsOf, type WorkerWageCost } from './wage-cost.js';

/** How the view's figures are rounded, stated with every answer. */
export const FINANCE_ROUNDING =
  'invoice figures as issued; wage cost: the pay lines’ amounts as paid, plus employer charges per worker, hirer and employer-charges row, ' +
  'the row’s percentage of the summed gross rounded half up once; subsidy: see subsidyAttribution; every total a sum of whole cents';

/** Workers whose pay is read at a time, as the pay run's export reads them. */
const PAY_PAGE = 200;
/** Workers whose paid hours are read at once for their claims. */
const WORKERS_IN_FLIGHT = 8;

/** A pay period's finance: per hirer, per worker (a page) and for the pool. */
export interface FinanceView {
  period: PayPeriod;
  /** The period's run the wage cost comes from: a run not yet finalized may still change. */
  payRun: Pick<PayRunRecord, 'payRunId' | 'status' | 'attempt'>;
  employerId?: string;
  rounding: string;
  subsidyAttribution: string;
  /** The claim months the period touches, and how many standing claims each has (none: its claims are not calculated yet). */
  lksMonths: { month: string; claims: number }[];
  hirers: HirerFinance[];
  workers: Page<WorkerFinance>;
  totals: PoolFinance;
}

/** The finance of a pay period (its id), of every hirer or one; a page of its workers by id. */
export class FinanceViewQuery extends Query<FinanceView> {
  constructor(
    readonly periodId: string,
    readonly options: { employerId?: string; limit: number; offset: number },
  ) {
    super();
  }
}

/**
 * Reads the invoices, pay-runs and LKS claims read models through their query functions, never a
 * stream (the rule tables aside): the invoices summed in SQL, the run's workers a page at a time,
 * and for each worker with a claim in a month the period touches, what the finalized runs paid.
 * 404 pay_run_not_found before the period's first calculation.
 */
@QueryHandler(FinanceViewQuery)
export class FinanceViewHandler implements IQueryHandler<FinanceViewQuery> {
  constructor(
    private readonly runs: PayRunReader,
    private readonly dataSource: DataSource,
    private readonly rules: RuleBookReader,
  ) {}

  async execute({ periodId, options }: FinanceViewQuery): Promise<FinanceView> {
    const { employerId, limit, offset } = options;
    const run = await this.runs.existing(periodId);
    const months = monthsOf(run.period);
    const [rules, documents, workerLines, claims] = await Promise.all([
      this.rules.read(),
      documentTotalsOfPeriod(this.dataSource, run.payRunId, employerId),
      workerLinesOfPeriod(this.dataSource, run.payRunId, employerId),
      this.standingClaims(months),
    ]);
    const [wageCosts, subsidies] = await Promise.all([this.wageCosts(run, rules, employerId), this.subsidies(run.period, months, claims)]);
    const finance = financeOf({ wageCosts, documents, workerLines, subsidies, employerId });
    return {
      period: run.period,
      payRun: { payRunId: run.payRunId, status: run.status, attempt: run.attempt },
      ...(employerId !== undefined && { employerId }),
      rounding: FINANCE_ROUNDING,
      subsidyAttribution: SUBSIDY_ATTRIBUTION,
      lksMonths: months.map((month) => ({ month, claims: claims.filter((claim) => claim.month === month).length })),
      hirers: finance.hirers,
      workers: { items: finance.workers.slice(offset, offset + limit), total: finance.workers.length, limit, offset },
      totals: finance.totals,
    };
  }

  /** The wage cost of each worker the run's latest attempt pays (for hours at one hirer: those workers only). */
  private async wageCosts(run: PayRunRecord, rules: RuleBook, employerId: string | undefined): Promise<WorkerWageCost[]> {
    if (employerId !== undefined) {
      return (await workerPaysOfEmployer(this.dataSource, run, employerId)).flatMap((pay) => wageCostsOf(pay, rules));
    }
    const costs: WorkerWageCost[] = [];
    let workers = 0;
    for (let page = await workerPaysAfter(this.dataSource, run, '', PAY_PAGE); page.length > 0;) {
      workers += page.length;
      costs.push(...page.flatMap((pay) => wageCostsOf(pay, rules)));
      page = page.length < PAY_PAGE ? [] : await workerPaysAfter(this.dataSource, run, page.at(-1)!.workerId, PAY_PAGE);
    }
    // A recalculation while the pages were read replaced the attempt's workers: some would be missing.
    if (workers !== run.totals.workers) {
      conflict('pay_run_recalculated', `Pay run ${run.payRunId} was recalculated while its workers were read; ask again.`);
    }
    return costs;
  }

  /** The claims of the months that stand: a claim a later one corrected no longer counts. */
  private async standingClaims(months: readonly string[]): Promise<LksClaimRecord[]> {
    const ofMonths = await Promise.all(months.map((month) => lksClaimsOfMonth(this.dataSource, month)));
    return ofMonths.flat().filter((claim) => claim.correctedBy === undefined);
  }

  /** The claims' parts on the period's days, spread by the hours the finalized runs paid on the months' days as they stand now. */
  private async subsidies(period: PayPeriod, months: readonly string[], claims: readonly LksClaimRecord[]): Promise<SubsidyPart[]> {
    const days = { from: claimMonthDays(months[0]).from, to: claimMonthDays(months.at(-1)!).to };
    const byWorker = [...groupBy(claims, (claim) => claim.workerId)];
    const parts = await mapBounded(byWorker, WORKERS_IN_FLIGHT, async ([workerId, ofWorker]) => {
      const paid = paidHoursWithin(await finalizedPaysOf(this.dataSource, workerId, days.from), days).lines;
      return ofWorker.flatMap((claim) => partsWithin(claimParts(claim, paid), period));
    });
    return parts.flat();
  }
}
