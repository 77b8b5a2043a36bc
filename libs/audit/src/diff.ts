import {
  caoDecider,
  caoVersions,
  employerDecider,
  localDateOf,
  placementDecider,
  refuse,
  rulesDecider,
  workerDecider,
  type Decider,
} from '@banenpool/domain';
import { comparePositions, type EventStore, type RecordedEvent } from '@banenpool/event-store';
import type { AuditSubject } from './audit-subject.js';
import type { HistoryEntry } from './history-entry.js';
import { timeline } from './history.js';
import { asKnownToErasure, erasureOfSubject, type ErasureEvent } from './erasure.js';
import { minimumWageBook } from './placement-wage.js';
import { domainEventOf } from './replay.js';
import { describeRule, rulesUsed } from './rules-used.js';
import { loadSubjectEvents, type SubjectEvents } from './subject-events.js';
import { contractView, placementView, type SubjectView } from './subject-views.js';

/** One fact that changed, with the recorded event that changed it. */
export interface Change {
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
  /** "Hourly wage changed from € 14,71 to € 15,02 (CAO horeca version 2026-01-01 revision 1, recorded 2026-03-04 by operator:anna)" */
  readonly sentence: string;
  readonly cause: {
    readonly streamId: string;
    readonly revision: number;
    readonly type: string;
    readonly recordedAt: string;
    readonly actor?: string;
  };
}

export interface SubjectDiff {
  readonly subject: AuditSubject;
  readonly from: string;
  readonly to: string;
  /** In the order they were recorded; a fact changed twice appears twice. */
  readonly changes: readonly Change[];
  /** The events recorded after `from` up to and including `to`. */
  readonly events: readonly HistoryEntry[];
}

/** What changed about a contract or placement between two instants, by replaying the records event by event. */
export async function auditDiff(store: EventStore, subject: AuditSubject, from: Date, to: Date): Promise<SubjectDiff> {
  const events = await loadSubjectEvents(store, subject);
  return diffOf(events, from, to, await erasureOfSubject(store, events));
}

/** `erasure`: the erasure of the worker the subject is about, when their data was erased (erasureOfSubject). */
export function diffOf(events: SubjectEvents, from: Date, to: Date, erasure?: ErasureEvent): SubjectDiff {
  if (to.getTime() < from.getTime())
    refuse('diff_backwards', `The diff runs from ${from.toISOString()} to a later instant, not to ${to.toISOString()}.`);
  const stepper = stepperFor(events, erasure);
  const related = [...events.employer, ...events.cao, ...events.workerRegistration, ...events.minimumWage];
  const ordered = [...events.stream, ...related].sort((a, b) => comparePositions(a.position, b.position));
  const inRange = (e: { recordedAt: Date }) => e.recordedAt.getTime() > from.getTime() && e.recordedAt.getTime() <= to.getTime();
  for (const event of ordered.filter((e) => e.recordedAt.getTime() <= from.getTime())) stepper.apply(event);
  let view = stepper.view();
  const changes: Change[] = [];
  for (const event of ordered.filter(inRange)) {
    stepper.apply(event);
    const next = stepper.view();
    changes.push(...changed(view, next, event));
    view = next;
  }
  const between = timeline(events).filter((e) => inRange({ recordedAt: new Date(e.recordedAt) }));
  return { subject: events.subject, from: from.toISOString(), to: to.toISOString(), changes, events: between };
}

interface Stepper {
  apply(event: RecordedEvent): void;
  view(): SubjectView;
}

function stepperFor(events: SubjectEvents, erasure: ErasureEvent | undefined): Stepper {
  const { subject } = events;
  if (subject.kind === 'placement') return placementStepper(events, erasure);
  if (subject.kind === 'contract') {
    const worker = fold(workerDecider);
    return { apply: (event) => worker.apply(event), view: () => contractView(worker.state, subject.contractId) };
  }
  return refuse(
    'diff_not_supported',
    `A diff is kept for contracts and placements, not for a ${subject.kind}; ask for its history or its state as of a moment.`,
  );
}

/** Folds the placement and each stream its wage depends on, every one by its own decider. */
function placementStepper(events: SubjectEvents, erasure: ErasureEvent | undefined): Stepper {
  const [placement, hirer, worker, minimumWage] = [fold(placementDecider), fold(employerDecider), fold(workerDecider), fold(rulesDecider)];
  const caos = [...new Set(events.cao.map((e) => e.streamId))].map((streamId) => [streamId, fold(caoDecider)] as const);
  const byStream = new Map<string, Folding<unknown>>([[events.streamId, placement], ...caos]);
  for (const [related, folding] of [
    [events.employer, hirer],
    [events.workerRegistration, worker],
    [events.minimumWage, minimumWage],
  ] as const) {
    if (related.length > 0) byStream.set(related[0].streamId, folding);
  }
  return {
    apply: (event) => byStream.get(event.streamId)?.apply(event),
    view: () =>
      placementView({
        placement: placement.state,
        hirer: hirer.state,
        caoVersions: caos.flatMap(([, cao]) => caoVersions(cao.state)),
        worker: asKnownToErasure(worker.state, erasure),
        rules: minimumWageBook(minimumWage.state),
      }),
  };
}

interface Folding<State> {
  state: State;
  apply(event: RecordedEvent): void;
}

function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>): Folding<State> {
  const folding: Folding<State> = {
    state: decider.initialState,
    apply: (event) => (folding.state = decider.evolve(folding.state, domainEventOf<Event>(event))),
  };
  return folding;
}

function changed(before: SubjectView, after: SubjectView, event: RecordedEvent): Change[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const cause = {
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    ...(event.metadata.actor ? { actor: event.metadata.actor } : {}),
  };
  const why = causeText(event);
  return fields
    .filter((field) => before[field] !== after[field])
    .map((field) => ({
      field,
      before: before[field],
      after: after[field],
      sentence: sentence(field, before[field], after[field], why),
      cause,
    }));
}

function sentence(field: string, before: string | undefined, after: string | undefined, why: string): string {
  if (before === undefined) return `${field} set to ${after} (${why})`;
  if (after === undefined) return `${field} no longer recorded, was ${before} (${why})`;
  return `${field} changed from ${before} to ${after} (${why})`;
}

/** "CAO horeca version 2026-01-01 revision 1, recorded 2026-03-04 by operator:anna" or "placement extended, recorded …". */
export function causeText(event: RecordedEvent): string {
  const rules = rulesUsed(event).map(describeRule).join(', ');
  const reason = (event.data as { reason?: string }).reason;
  const what = RULE_EVENTS.has(event.type)
    ? `${rules}${reason ? ` ("${reason}")` : ''}`
    : `${inWords(event.type)}${rules ? ` under ${rules}` : ''}`;
  const by = event.metadata.actor ? ` by ${event.metadata.actor}` : '';
  return `${what}, recorded ${localDateOf(event.recordedAt)}${by}`;
}

/** A change to the rules themselves is named by the rules it made. */
const RULE_EVENTS = new Set(['CaoVersionPublished', 'CaoVersionCorrected', 'MinimumWagePublished']);

/** "PlacementEndedEarly" → "placement ended early". */
const inWords = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
