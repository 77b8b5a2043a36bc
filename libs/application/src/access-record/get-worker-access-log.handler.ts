import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { auditAccessStreamId, personalDataReadIsAbout } from '@banenpool/audit';
import { addDays, daysBetween, DomainError, workerStreamId, type LocalDate } from '@banenpool/domain';
import type { EventStore, ReplayEvent } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';

/** The longest period one question may cover: a year of day streams, read in one round trip. */
export const ACCESS_LOG_MAX_DAYS = 366;

/** One read of the worker's data, as the access record holds it. */
export interface WorkerAccessEntry {
  at: string;
  /** `auditor:uwv`, `employer:planning@visschedijk`. */
  actor: string;
  /** Absent on records of audit questions written before issue 18 (they name the actor only). */
  role?: string;
  /** `GET /workers/:workerId`, or the audit question asked (history, as-of, diff). */
  what: string;
  target: string;
  parameters: Record<string, string>;
  /** personal, target-group; empty when only pseudonymous ids were shown. */
  categories: string[];
  purpose?: string;
  /** How many workers the same read showed (1: this worker alone). */
  workerCount: number;
}

export interface WorkerAccessLog {
  workerId: string;
  from: LocalDate;
  to: LocalDate;
  /** Newest first. */
  items: WorkerAccessEntry[];
  total: number;
  limit: number;
  offset: number;
}

export class GetWorkerAccessLogQuery extends Query<WorkerAccessLog> {
  constructor(
    readonly workerId: string,
    readonly from: LocalDate,
    readonly to: LocalDate,
    readonly page: { limit: number; offset: number },
  ) {
    super();
  }
}

/**
 * The worker's right of access: every recorded read of their data in a period, from the day
 * streams of the access record (audit-access-<day>), newest first. Both the reads recorded as
 * PersonalDataRead and audit questions about the worker recorded before those existed.
 */
@QueryHandler(GetWorkerAccessLogQuery)
export class GetWorkerAccessLogHandler implements IQueryHandler<GetWorkerAccessLogQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ workerId, from, to, page }: GetWorkerAccessLogQuery): Promise<WorkerAccessLog> {
    const days = daysBetween(from, to) + 1;
    // The controller refuses these with a 400 first; here they guard the read's size.
    if (days < 1 || days > ACCESS_LOG_MAX_DAYS) {
      throw new DomainError('rule', 'invalid_period', `A period of 1 to ${ACCESS_LOG_MAX_DAYS} days, not ${from} to ${to}`);
    }
    const [first] = await this.store.readStream(workerStreamId(workerId), { maxCount: 1 });
    if (!first) throw new DomainError('not_found', 'worker_not_found', `No worker ${workerId}`);
    const streamIds = Array.from({ length: days }, (_, i) => auditAccessStreamId(addDays(from, i)));
    const streams = await this.store.readStreamsForReplay(streamIds);
    const entries = streamIds.flatMap((id) => streams.get(id) ?? []).flatMap((event) => entryAbout(workerId, event));
    entries.reverse();
    return { workerId, from, to, items: entries.slice(page.offset, page.offset + page.limit), total: entries.length, ...page };
  }
}

/** The entry for an event of the access record that is about the worker, or none. */
export function entryAbout(workerId: string, event: Pick<ReplayEvent, 'type' | 'data'>): WorkerAccessEntry[] {
  const data = event.data as Record<string, unknown>;
  if (personalDataReadIsAbout(workerId, event.type, data)) {
    const read = data as {
      at: string;
      actor: string;
      role: string;
      route: string;
      target: string;
      parameters: Record<string, string>;
      categories: string[];
      purpose?: string;
      workerCount: number;
    };
    const { at, actor, role, route, target, parameters, categories, purpose, workerCount } = read;
    return [{ at, actor, role, what: route, target, parameters, categories, ...(purpose ? { purpose } : {}), workerCount }];
  }
  if (event.type === 'AuditRecordsRead' && auditTargetNames(workerId, String(data.target))) {
    const { at, actor, action, target, parameters } = data as {
      at: string;
      actor: string;
      action: string;
      target: string;
      parameters: Record<string, string>;
    };
    // A question about the worker's stream showed every event of it (personal and target-group data); one about a contract only the contract's.
    const categories = target.includes('/contracts/') ? [] : ['personal', 'target-group'];
    return [{ at, actor, what: action, target, parameters, categories, workerCount: 1 }];
  }
  return [];
}

/** `/audit/workers/<id>/history`, `/audit/workers/<id>/contracts/c1/as-of`. */
const auditTargetNames = (workerId: string, target: string): boolean =>
  target.split('/').slice(1, 4).join('/') === `audit/workers/${workerId}`;
