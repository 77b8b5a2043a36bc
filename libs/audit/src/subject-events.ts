import { caoStreamId, notFound, placementDecider, workerStreamId, type PlacementState } from '@banenpool/domain';
import type { EventStore, ReadStreamOptions, RecordedEvent, ReplayEvent } from '@banenpool/event-store';
import { describeSubject, streamOf, type AuditSubject } from './audit-subject.js';
import { foldStream } from './replay.js';

/**
 * Everything recorded that an audit question about one subject replays, read once: whole events
 * (history, diffs), or only what a replay needs (as-of answers, which read long streams).
 */
export interface SubjectEvents<Event extends ReplayEvent = RecordedEvent> {
  readonly subject: AuditSubject;
  readonly streamId: string;
  /** The whole stream the subject lives in (a contract's is its worker's). */
  readonly stream: readonly Event[];
  /** The subject's own events: the stream, or for a contract only the events about that contract. */
  readonly own: readonly Event[];
  /** A paid placement's CAO stream: the rules its wage follows, including corrections recorded later. */
  readonly cao: readonly Event[];
  /** A paid placement's worker registration: the birth date its minimum wage depends on. */
  readonly workerRegistration: readonly Event[];
}

type StreamRead<Event> = (streamId: string, options?: ReadStreamOptions) => Promise<Event[]>;

/** Reads the subject's streams from the store; 404 (DomainError not_found) when nothing was ever recorded about it. */
export function loadSubjectEvents(store: EventStore, subject: AuditSubject): Promise<SubjectEvents> {
  return loadWith((streamId, options) => store.readStream(streamId, options), subject);
}

/** loadSubjectEvents with only what a replay needs of each event. */
export function loadReplayEvents(store: EventStore, subject: AuditSubject): Promise<SubjectEvents<ReplayEvent>> {
  return loadWith((streamId, options) => store.readStreamForReplay(streamId, options), subject);
}

async function loadWith<Event extends ReplayEvent>(read: StreamRead<Event>, subject: AuditSubject): Promise<SubjectEvents<Event>> {
  const streamId = streamOf(subject);
  const stream = await read(streamId);
  const own = subject.kind === 'contract' ? contractEvents(stream, subject.contractId) : stream;
  if (own.length === 0) notFound('audit_subject_not_found', `Nothing was ever recorded about ${describeSubject(subject)}.`);
  const related = subject.kind === 'placement' ? await placementRules(read, stream) : { cao: [], workerRegistration: [] };
  return { subject, streamId, stream, own, ...related };
}

/** A contract's own events: its agreement and end, the hours committed under it and the release of those hours. */
export function contractEvents<Event extends ReplayEvent>(workerStream: readonly Event[], contractId: string): Event[] {
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

async function placementRules<Event extends ReplayEvent>(
  read: StreamRead<Event>,
  stream: readonly Event[],
): Promise<{ cao: Event[]; workerRegistration: Event[] }> {
  const placement: PlacementState = foldStream(placementDecider, stream);
  if (placement.status === 'none' || !('pay' in placement) || !placement.pay) return { cao: [], workerRegistration: [] };
  const [cao, workerRegistration] = await Promise.all([
    read(caoStreamId(placement.pay.cao.code)),
    // A worker's stream always starts with its registration: the only event the wage needs from it.
    read(workerStreamId(placement.workerId), { toRevision: 0 }),
  ]);
  return { cao, workerRegistration };
}
