// An audit answer replayed from the events of a worker whose personal data was erased (ADR 0021)
// must say so, not present the erased placeholders ('[erased]', 1900-01-01) as what was recorded.
import {
  placementDecider,
  workerStreamId,
  type LocalDate,
  type PoolWorker,
  type WorkerDataErased,
  type WorkerState,
} from '@banenpool/domain';
import type { EventStore, ReplayEvent } from '@banenpool/event-store';
import { domainEventOf, foldStream } from './replay.js';
import type { SubjectEvents } from './subject-events.js';

/** What an answer says of an erasure: the day it was made, and when it was recorded. */
export interface Erasure {
  readonly on: LocalDate;
  readonly recordedAt: string;
}

/** A worker's WorkerDataErased as read for replay, with when it was recorded. */
export interface ErasureEvent {
  readonly recordedAt: Date;
  readonly data: WorkerDataErased['data'];
}

/**
 * The erasure of the worker a subject is about (a worker, one of their contracts, a placement of
 * theirs), whether recorded before or after the instant asked about; undefined when their data was
 * not erased or the subject is about no worker. Costs one read of a single event unless erased.
 */
export async function erasureOfSubject(store: EventStore, events: SubjectStream): Promise<ErasureEvent | undefined> {
  const workerId = workerOfSubject(events);
  if (workerId === undefined) return undefined;
  const streamId = workerStreamId(workerId);
  // The registration (a worker stream's first event) always holds personal fields, and reads with the
  // store's mark once the worker's key is shredded. The erasure event is appended before the shredding.
  const [registration] = await store.readStream(streamId, { toRevision: 0 });
  if (registration?.metadata.personalDataErased !== true) return undefined;
  const erased = (await store.readStreamForReplay(streamId)).find((event) => event.type === 'WorkerDataErased');
  return erased && { recordedAt: erased.recordedAt, data: domainEventOf<WorkerDataErased>(erased).data };
}

/** A placement's stream is whole here: as-of answers start from a snapshot only for worker streams. */
type SubjectStream = Pick<SubjectEvents<ReplayEvent>, 'subject' | 'stream'>;

function workerOfSubject({ subject, stream }: SubjectStream): string | undefined {
  switch (subject.kind) {
    case 'worker':
      return subject.id;
    case 'contract':
      return subject.workerId;
    case 'placement': {
      const placement = foldStream(placementDecider, stream);
      return placement.status === 'none' ? undefined : placement.workerId;
    }
    default:
      return undefined;
  }
}

/** A worker as replayed from erased events, without the placeholders: what the erasure keeps in their place. */
export type WorkerWithoutErasedFields = Omit<PoolWorker, 'name' | 'birthDate' | 'homeArea' | 'location'> & {
  readonly name: null;
  readonly birthDate: null;
  readonly homeArea: null;
};

/**
 * The worker without the fields the erasure made unreadable: name, birth date and home area null,
 * no location. The target-group statuses read as "not in the register" once erased; the erasure
 * kept each one's register period without its wage value (retained.targetGroupStatuses, in the
 * order recorded), so the statuses known at the instant are the first as many of those.
 */
export function withoutErasedFields(worker: PoolWorker, erasure: WorkerDataErased['data']): WorkerWithoutErasedFields {
  const { location: _location, targetGroupHistory, ...rest } = worker;
  const kept = targetGroupHistory && erasure.retained.targetGroupStatuses.slice(0, targetGroupHistory.length);
  return { ...rest, name: null, birthDate: null, homeArea: null, ...(kept ? { targetGroupHistory: kept } : {}) };
}

/**
 * A worker's registration, folded for a wage, as the erasure left it: it reads with a placeholder
 * birth date (an adult's), so once erased the worker is `erased` and a wage says the age is unknown.
 */
export function asKnownToErasure(worker: WorkerState, erasure: ErasureEvent | undefined): WorkerState {
  if (erasure === undefined || worker.status !== 'registered') return worker;
  const { workerId, contracts, directContracts, commitments } = worker;
  return { status: 'erased', workerId, erasedOn: erasure.data.erasedOn, contracts, directContracts, commitments };
}
