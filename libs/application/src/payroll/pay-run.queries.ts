import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, payPeriodsOf, ROUNDING_RULE, type PayPeriod, type PayPeriodKind, type WorkerPay } from '@banenpool/domain';
import { AppConfig } from '@banenpool/platform';
import {
  findPayRun,
  findRunPay,
  listPayRuns,
  listPayRunWorkerTotals,
  workerPaysAfter,
  type Page,
  type PayRunRecord,
  type WorkerTotals,
} from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { PayRunCalculation } from './pay-run-calculation.js';
import { workerExportRows, type PayExportRow } from './pay-run-export.js';
import { runOfWorker, workerStatement, type WorkerStatement } from './worker-statement.js';

/** Workers the export reads at a time: a page of their lines is a few MB at most. */
const EXPORT_PAGE = 200;

/** The pay periods of a year in the pool's kind of period (the PAY_PERIOD setting). */
export class ListPayPeriodsQuery extends Query<{ kind: PayPeriodKind; periods: PayPeriod[] }> {
  constructor(readonly year: number) {
    super();
  }
}

@QueryHandler(ListPayPeriodsQuery)
export class ListPayPeriodsHandler implements IQueryHandler<ListPayPeriodsQuery> {
  constructor(private readonly config: AppConfig) {}

  async execute({ year }: ListPayPeriodsQuery): Promise<{ kind: PayPeriodKind; periods: PayPeriod[] }> {
    return { kind: this.config.PAY_PERIOD, periods: payPeriodsOf(year, this.config.PAY_PERIOD) };
  }
}

/** A run in the list: its period, where it stands and its latest attempt's totals (final once finalized). */
export type PayRunSummary = Pick<PayRunRecord, 'payRunId' | 'period' | 'status' | 'attempt' | 'finalizedBy' | 'totals'>;

/** The pay runs, the earliest period first, paginated (from the pay-runs read model: pass waitFor to see a run just started). */
export class ListPayRunsQuery extends Query<Page<PayRunSummary>> {
  constructor(readonly page: { limit: number; offset: number }) {
    super();
  }
}

@QueryHandler(ListPayRunsQuery)
export class ListPayRunsHandler implements IQueryHandler<ListPayRunsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ page }: ListPayRunsQuery): Promise<Page<PayRunSummary>> {
    const runs = await listPayRuns(this.dataSource, page);
    return {
      ...runs,
      items: runs.items.map(({ payRunId, period, status, attempt, finalizedBy, totals }) => ({
        payRunId,
        period,
        status,
        attempt,
        finalizedBy,
        totals,
      })),
    };
  }
}

/** A run as operators and auditors read it: where it stands, the run's totals and a page of its workers' totals. */
export type PayRunView = PayRunRecord & {
  rounding: typeof ROUNDING_RULE;
  /** The latest attempt's workers by id, each with its totals. */
  workers: Page<WorkerTotals>;
};

export class GetPayRunQuery extends Query<PayRunView> {
  constructor(
    readonly payRunId: string,
    readonly workers: { limit: number; offset: number },
  ) {
    super();
  }
}

/**
 * Reads runs from the pay-runs read model, never their streams: a run of 2,000 workers is a stream
 * of 30-odd MB, which took seconds to fold for one worker's statement.
 */
@Injectable()
export class PayRunReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calculation: PayRunCalculation,
  ) {}

  /** The period an id names in the pool's kind of period: 422 for an id of another form. */
  periodIdOf(payRunId: string): string {
    return this.calculation.periodOf(payRunId).id;
  }

  /** The run of a period: 422 for an id of another form, 404 before its first calculation. */
  async existing(payRunId: string): Promise<PayRunRecord> {
    return (await findPayRun(this.dataSource, this.periodIdOf(payRunId))) ?? noRun(payRunId);
  }
}

const noRun = (payRunId: string): never =>
  notFound(
    'pay_run_not_found',
    `Period ${payRunId} has no pay run (pass waitFor with the position its calculation answered to see one just started).`,
  );

@QueryHandler(GetPayRunQuery)
export class GetPayRunHandler implements IQueryHandler<GetPayRunQuery> {
  constructor(
    private readonly runs: PayRunReader,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ payRunId, workers }: GetPayRunQuery): Promise<PayRunView> {
    const run = await this.runs.existing(payRunId);
    return { ...run, rounding: ROUNDING_RULE, workers: await listPayRunWorkerTotals(this.dataSource, run.payRunId, workers) };
  }
}

/** The export's heading; its rows follow a page of workers at a time. */
export interface PayRunExport extends Pick<PayRunRecord, 'payRunId' | 'period' | 'status' | 'attempt'> {
  rounding: typeof ROUNDING_RULE;
  /** The rows of each worker, worker by worker (by id), a page of workers at a time. */
  rows: AsyncIterable<PayExportRow[]>;
}

/** The gross for the payroll engine: one row per worker, cost centre and component (pay-run-export.ts). */
export class PayRunExportQuery extends Query<PayRunExport> {
  constructor(readonly payRunId: string) {
    super();
  }
}

/**
 * The first page of workers is read before the answer starts, so a run that cannot be read fails
 * with a status; the rest is read as the response is written, so the export of thousands of
 * workers never sits in memory whole.
 */
@QueryHandler(PayRunExportQuery)
export class PayRunExportHandler implements IQueryHandler<PayRunExportQuery> {
  constructor(
    private readonly runs: PayRunReader,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ payRunId }: PayRunExportQuery): Promise<PayRunExport> {
    const run = await this.runs.existing(payRunId);
    const first = await workerPaysAfter(this.dataSource, run, '', EXPORT_PAGE);
    const { period, status, attempt } = run;
    return { payRunId: run.payRunId, period, status, attempt, rounding: ROUNDING_RULE, rows: this.rowsOf(run, first) };
  }

  private async *rowsOf(run: PayRunRecord, first: WorkerPay[]): AsyncGenerator<PayExportRow[]> {
    let page = first;
    let workers = 0;
    while (page.length > 0) {
      workers += page.length;
      yield page.flatMap((pay) => workerExportRows(run.payRunId, run.period, pay));
      page = page.length < EXPORT_PAGE ? [] : await workerPaysAfter(this.dataSource, run, page.at(-1)!.workerId, EXPORT_PAGE);
    }
    // A recalculation while the pages were read replaced the attempt's workers: the export would miss some, so it fails instead.
    if (workers !== run.totals.workers) {
      throw new Error(`Pay run ${run.payRunId} was recalculated while its export of attempt ${run.attempt} was read; read it again.`);
    }
  }
}

/** One worker's statement of a run: 404 when the run pays the worker nothing. */
export class WorkerStatementQuery extends Query<WorkerStatement> {
  constructor(
    readonly payRunId: string,
    readonly workerId: string,
  ) {
    super();
  }
}

@QueryHandler(WorkerStatementQuery)
export class WorkerStatementHandler implements IQueryHandler<WorkerStatementQuery> {
  constructor(
    private readonly runs: PayRunReader,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ payRunId, workerId }: WorkerStatementQuery): Promise<WorkerStatement> {
    const found = (await findRunPay(this.dataSource, this.runs.periodIdOf(payRunId), workerId)) ?? noRun(payRunId);
    const pay =
      found.pay ??
      notFound('worker_not_in_pay_run', `Pay run ${found.run.payRunId} pays worker ${workerId} nothing: no lines, top-ups or differences.`);
    // A person's statement names only their own sheets: the run's lists of locked and unpaid sheets hold everyone's.
    return workerStatement(runOfWorker(found.run, pay), pay);
  }
}
