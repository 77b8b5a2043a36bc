import {
  caoCodesDuring,
  caoStreamId,
  employerDecider,
  employerStreamId,
  isPaid,
  notFound,
  placementDecider,
  ruleTableStreamId,
  workerStreamId,
} from '@banenpool/domain';
import type { EventStore, ReadStreamOptions, RecordedEvent, ReplayEvent } from '@banenpool/event-store';
import { describeSubject, streamOf, type AuditSubject } from './audit-subject.js';
import { numberAssignmentOf } from './invoice-subject.js';
import { foldStream } from './replay.js';

/**
 * Everything recorded that an audit question about one subject replays, read once: whole events
 * (history, diffs), or only what a replay needs (as-of answers, which read long streams).
 */
export interface SubjectEvents<Event extends ReplayEvent = RecordedEvent> {
  readonly subject: AuditSubject;
  readonly streamId: string;
  /** The stream the subject lives in (a contract's is its worker's): whole, or as known at an instant (loadReplayEvents). */
  readonly stream: readonly Event[];
  /**
   * The subject's own events: the stream; for a contract only the events about that contract; for an
   * invoice also the number its year's ledger assigned it.
   */
  readonly own: readonly Event[];
  /** A paid placement's hirer: the CAO it applies and the function's scale in it, by date. */
  readonly employer: readonly Event[];
  /**
   * The streams of every CAO the hirer applies during a paid placement, one after the other: the
   * rules its wage follows, including corrections recorded later.
   */
  readonly cao: readonly Event[];
  /** A paid placement's worker registration: the birth date its minimum wage depends on. */
  readonly workerRegistration: readonly Event[];
  /** For a paid placement, the minimum-wage table (`rules-minimum-wage`), including periods published later. */
  readonly minimumWage: readonly Event[];
}

/** The related streams of a subject that is no paid placement: none. */
export const NO_RELATED_EVENTS = { employer: [], cao: [], workerRegistration: [], minimumWage: [] } as const;

type StreamRead<Event> = (streamId: string, options?: ReadStreamOptions) => Promise<Event[]>;

/** Reads the subject's streams from the store; 404 (DomainError not_found) when nothing was ever recorded about it. */
export function loadSubjectEvents(store: EventStore, subject: AuditSubject): Promise<SubjectEvents> {
  return loadWith((streamId, options) => store.readStream(streamId, options), subject);
}

/**
 * loadSubjectEvents with only what a replay needs of each event. With `knownAt`, the store leaves
 * out of the subject's stream what was recorded later, so an answer about an early instant does
 * not read a long stream whole. A placement's stream is read whole: the rules its replay needs are
 * chosen by the placement as recorded now (placementRules), and placement streams are short.
 */
export async function loadReplayEvents(store: EventStore, subject: AuditSubject, knownAt?: Date): Promise<SubjectEvents<ReplayEvent>> {
  const read: StreamRead<ReplayEvent> = (streamId, options) => store.readStreamForReplay(streamId, options);
  if (knownAt === undefined || subject.kind === 'placement') return loadWith(read, subject);
  return loadWith(read, subject, await store.readStreamForReplay(streamOf(subject), { recordedUntil: knownAt }));
}

/** `knownStream`: the subject's stream as known at an instant, when already read. */
async function loadWith<Event extends ReplayEvent>(
  read: StreamRead<Event>,
  subject: AuditSubject,
  knownStream?: Event[],
): Promise<SubjectEvents<Event>> {
  const streamId = streamOf(subject);
  const stream = knownStream ?? (await read(streamId));
  const own = await ownEvents(read, subject, stream);
  if (own.length === 0) {
    // Nothing about it known by then: only the whole stream tells a subject recorded later from one never recorded.
    if (knownStream) return loadWith(read, subject);
    notFound('audit_subject_not_found', `Nothing was ever recorded about ${describeSubject(subject)}.`);
  }
  const related = subject.kind === 'placement' ? await placementRules(read, stream) : NO_RELATED_EVENTS;
  return { subject, streamId, stream, own, ...related };
}

async function ownEvents<Event extends ReplayEvent>(read: StreamRead<Event>, subject: AuditSubject, stream: Event[]): Promise<Event[]> {
  if (subject.kind === 'contract') return contractEvents(stream, subject.contractId);
  if (subject.kind === 'invoice') return [...(await numberAssignmentOf(read, subject.id)), ...stream];
  return stream;
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

type RelatedEvents<Event extends ReplayEvent> = Pick<SubjectEvents<Event>, 'employer' | 'cao' | 'workerRegistration' | 'minimumWage'>;

// The CAOs are those the hirer applies during the placement as recorded now: a replay as known at
// an earlier instant cuts each stream at that instant, and so never needs a CAO the hirer took on later.
async function placementRules<Event extends ReplayEvent>(read: StreamRead<Event>, stream: readonly Event[]): Promise<RelatedEvents<Event>> {
  const placement = foldStream(placementDecider, stream);
  if (!isPaid(placement)) return NO_RELATED_EVENTS;
  const employer = await read(employerStreamId(placement.employerId));
  const codes = caoCodesDuring(foldStream(employerDecider, employer), placement.period);
  const [caos, workerRegistration, minimumWage] = await Promise.all([
    Promise.all(codes.map((code) => read(caoStreamId(code)))),
    // A worker's stream always starts with its registration: the only event the wage needs from it.
    read(workerStreamId(placement.workerId), { toRevision: 0 }),
    read(ruleTableStreamId('minimum-wage')),
  ]);
  return { employer, cao: caos.flat(), workerRegistration, minimumWage };
}
