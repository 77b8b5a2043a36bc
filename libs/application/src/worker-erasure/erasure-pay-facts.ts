import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { ErasurePayFacts, ErasureTimesheet } from '@banenpool/domain';
import { formatPosition, START, type EventStore } from '@banenpool/event-store';
import { AppConfig } from '@banenpool/platform';
import { listPayRuns, listTimesheets, type Queryable, type TimesheetItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { ReadModelsCatchUp, USE_CASE_EVENT_STORE } from '../shared/ports.js';

/** Rows read a time: a worker has a sheet a week per placement, a pool a run a period. */
const PAGE = 500;

/**
 * What an erasure needs to know of a worker's pay (EraseWorkerData.pay): their timesheets (the
 * timesheets read model) and the finalized pay runs (the pay-runs read model), read once the read
 * models hold every event committed so far, so a sheet approved or a run finalized just before is seen.
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
  const sheets = await allPages((page) => listTimesheets(db, { workerId, ...page }));
  const runs = await allPages((page) => listPayRuns(db, page));
  return {
    timesheets: sheets.map(erasureTimesheetOf),
    finalizedPayRuns: runs.filter((run) => run.status === 'finalized').map((run) => ({ payRunId: run.payRunId, to: run.period.to })),
    payPeriodKind,
  };
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

async function allPages<T>(read: (page: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { items, total } = await read({ limit: PAGE, offset });
    all.push(...items);
    if (items.length === 0 || offset + PAGE >= total) return all;
  }
}
