import { ForbiddenException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  fiscalRecordsKeptUntil,
  localDateOf,
  placementDecider,
  placementStreamId,
  targetGroupStatusOn,
  workerDecider,
  workerStreamId,
  type DatedTargetGroupStatus,
  type ErasedWorker,
  type Period,
  type PoolWorker,
  type RuleRef,
} from '@banenpool/domain';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import type { Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';

/** What an employer may see of a worker placed with it. */
export interface WorkerAtEmployer {
  workerId: string;
  name: string;
  skills: PoolWorker['skills'];
  hours: { placementId: string; hoursPerWeek: number; period: Period }[];
}

/** What operators and auditors see: the whole worker, with the target-group status that holds today (absent when none does). */
export type WorkerView = PoolWorker & { targetGroup?: DatedTargetGroupStatus; version: number };

/**
 * A worker whose personal data was erased: the pool keeps only ids, contracts and hours (operators,
 * auditors), with the day until which the retention row in force keeps the records of the year of
 * the erasure; an employer sees the status and the id.
 */
export type ErasedWorkerView =
  | (ErasedWorker & { version: number; fiscalRecordsKeptUntil: { until: string; rule: RuleRef } })
  | Pick<ErasedWorker, 'status' | 'workerId'>;

export class GetWorkerQuery extends Query<WorkerView | WorkerAtEmployer | ErasedWorkerView> {
  constructor(
    readonly workerId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(GetWorkerQuery)
export class GetWorkerHandler implements IQueryHandler<GetWorkerQuery> {
  constructor(
    private readonly streams: StreamStates,
    private readonly rules: RuleBookReader,
  ) {}

  async execute({ workerId, caller }: GetWorkerQuery): Promise<WorkerView | WorkerAtEmployer | ErasedWorkerView> {
    const { state, version } = await this.streams.existing(workerDecider, workerStreamId(workerId), `worker ${workerId}`);
    if (state.status === 'erased')
      return caller.employerId === undefined ? this.erasedView(state, version) : { status: state.status, workerId };
    if (caller.employerId !== undefined) return this.employerView(state, caller.employerId);
    return { ...state, targetGroup: targetGroupStatusOn(state.targetGroupHistory ?? [], localDateOf(new Date())), version };
  }

  private async erasedView(worker: ErasedWorker, version: number): Promise<ErasedWorkerView> {
    const erasureYear = Number(worker.erasedOn.slice(0, 4));
    const keptUntil = fiscalRecordsKeptUntil(await this.rules.read(), erasureYear, localDateOf(new Date()));
    return { ...worker, version, fiscalRecordsKeptUntil: keptUntil };
  }

  /**
   * An employer sees a worker placed with it, and of that worker only name, skills and the hours
   * at that employer: target-group status, wage value, birth date, contracts and other hirers are
   * not its business.
   */
  private async employerView(worker: PoolWorker, employerId: string): Promise<WorkerAtEmployer> {
    const placements = await Promise.all(
      worker.commitments.map(async (c) => ({
        commitment: c,
        placement: (await this.streams.load(placementDecider, placementStreamId(c.placementId))).state,
      })),
    );
    const here = placements.filter(({ placement }) => placement.status !== 'none' && placement.employerId === employerId);
    if (here.length === 0) throw new ForbiddenException('An employer sees only workers placed with it');
    return {
      workerId: worker.workerId,
      name: worker.name,
      skills: worker.skills,
      hours: here.map(({ commitment: { placementId, hoursPerWeek, period } }) => ({ placementId, hoursPerWeek, period })),
    };
  }
}
