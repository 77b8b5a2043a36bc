import { caoStreamId, notFound, placementDecider, workerStreamId, type PlacementState } from '@banenpool/domain';
import type { EventStore, RecordedEvent } from '@banenpool/event-store';
import { describeSubject, streamOf, type AuditSubject } from './audit-subject.js';
import { foldStream } from './replay.js';

/** Everything recorded that an audit question about one subject replays, read once. */
export interface SubjectEvents {
  readonly subject: AuditSubject;
  readonly streamId: string;
  /** The whole stream the subject lives in (a contract's is its worker's). */
  readonly stream: readonly RecordedEvent[];
  /** The subject's own events: the stream, or for a contract only the events about that contract. */
  readonly own: readonly RecordedEvent[];
  /** A paid placement's CAO stream: the rules its wage follows, including corrections recorded later. */
  readonly cao: readonly RecordedEvent[];
  /** A paid placement's worker registration: the birth date its minimum wage depends on. */
  readonly workerRegistration: readonly RecordedEvent[];
}

/** Reads the subject's streams from the store; 404 (DomainError not_found) when nothing was ever recorded about it. */
export async function loadSubjectEvents(store: EventStore, subject: AuditSubject): Promise<SubjectEvents> {
  const streamId = streamOf(subject);
  const stream = await store.readStream(streamId);
  const own = subject.kind === 'contract' ? contractEvents(stream, subject.contractId) : stream;
  if (own.length === 0) notFound('audit_subject_not_found', `Nothing was ever recorded about ${describeSubject(subject)}.`);
  const related = subject.kind === 'placement' ? await placementRules(store, stream) : { cao: [], workerRegistration: [] };
  return { subject, streamId, stream, own, ...related };
}

/** A contract's own events: its agreement and end, the hours committed under it and the release of those hours. */
export function contractEvents(workerStream: readonly RecordedEvent[], contractId: string): RecordedEvent[] {
  const placements = new Set<string>();
  return workerStream.filter((event) => {
    const data = event.data as { contractId?: string; placementId?: string };
    if (data.contractId === contractId) {
      if (data.placementId) placements.add(data.placementId);
      return true;
    }
    return event.type === 'HoursReleased' && data.placementId !== undefined && placements.has(data.placementId);
  });
}

async function placementRules(store: EventStore, stream: readonly RecordedEvent[]) {
  const placement: PlacementState = foldStream(placementDecider, stream);
  if (placement.status === 'none' || !('pay' in placement) || !placement.pay) return { cao: [], workerRegistration: [] };
  const [cao, workerRegistration] = await Promise.all([
    store.readStream(caoStreamId(placement.pay.cao.code)),
    // A worker's stream always starts with its registration: the only event the wage needs from it.
    store.readStream(workerStreamId(placement.workerId), { toRevision: 0 }),
  ]);
  return { cao, workerRegistration };
}
