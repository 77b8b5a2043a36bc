import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { ErasurePayFacts, ErasureTimesheet } from '@banenpool/domain';
import { formatPosition, START, type EventStore } from '@banenpool/event-store';
import { AppConfig } from '@banenpool/platform';
import { listTimesheets, type Queryable, type TimesheetItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { offsetPages } from '../shared/offset-pages.js';
import { ReadModelsCatchUp, USE_CASE_EVENT_STORE } from '../shared/ports.js';

/** Sheets read a time: a worker has one a week per placement. */
const PAGE = 500;

/**
 * What an erasure needs to know of a worker's pay (EraseWorkerData.pay): their timesheets (the
 * timesheets read model) and the finalized pay runs it weighs (the pay-runs read model), read once
 * the read models hold every event committed so far, so a sheet approved or a run finalized just
 * before is seen.
 */
@Injectable()
export class ErasurePayFactsReader {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelsCatchUp,
    private readonly config: AppConfig,
  ) {}

  async read(workerId: string): Promise<ErasurePayFacts> {
    const head = (await this.store.headPosition({ committed: true })) ?? START;
    if (!(await this.readModels.waitFor(head))) {
      throw new ServiceUnavailableException(
        `The read models did not reach the head of the feed (${formatPosition(head)}) in time; try the erasure again.`,
      );
    }
    return erasurePayFacts(this.dataSource, workerId, this.config.PAY_PERIOD);
  }
}

/** The facts from the read models as they stand (the caller waits for them to catch up). */
export async function erasurePayFacts(
  db: Queryable,
  workerId: string,
  payPeriodKind: ErasurePayFacts['payPeriodKind'],
): Promise<ErasurePayFacts> {
  const timesheets: ErasureTimesheet[] = [];
  for await (const page of offsetPages((range) => listTimesheets(db, { workerId, ...range }), PAGE)) {
    timesheets.push(...page.map(erasureTimesheetOf));
  }
  const lockedBy = [...new Set(timesheets.flatMap((sheet) => sheet.lock?.payRunId ?? []))];
  return { timesheets, finalizedPayRuns: await finalizedRunsWeighed(db, lockedBy), payPeriodKind };
}

/**
 * Of the finalized runs, the ones requirePaidInFull weighs, not the pool's every run: the latest
 * (runs are finalized in order, so its last day is what pay is final up to) and those among the
 * runs that locked one of the worker's sheets (whether the lock paid for good).
 */
async function finalizedRunsWeighed(db: Queryable, lockedBy: string[]): Promise<ErasurePayFacts['finalizedPayRuns']> {
  return db.query(
    `SELECT pay_run_id AS "payRunId", period_to::text AS "to" FROM rm_pay_runs
     WHERE status = 'finalized'
       AND (pay_run_id = ANY($1::text[]) OR period_to = (SELECT max(period_to) FROM rm_pay_runs WHERE status = 'finalized'))`,
    [lockedBy],
  );
}

function erasureTimesheetOf({ timesheetId, week, status, lines, approved, lock }: TimesheetItem): ErasureTimesheet {
  return {
    timesheetId,
    week,
    status,
    lineCount: lines.length,
    ...(approved === undefined ? {} : { approvedVersion: approved.approvedVersion }),
    ...(lock === undefined ? {} : { lock }),
  };
}
