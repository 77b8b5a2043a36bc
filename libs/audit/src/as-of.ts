import {
  allocationDecider,
  caoDecider,
  caoOn,
  caoVersionOn,
  capacityDecider,
  contains,
  contractCovering,
  contractPeriod,
  employerDecider,
  invoiceDecider,
  isoWeekOf,
  mondayOf,
  overlaps,
  payRunDecider,
  placementDecider,
  refuse,
  rulesDecider,
  timesheetDecider,
  workerDecider,
  type AllocationState,
  type CaoState,
  type LocalDate,
  type OpenPeriod,
  type PayRunState,
  type PlacementState,
  type TimesheetState,
  type WorkerState,
} from '@banenpool/domain';
import type { EventStore, ReplayEvent } from '@banenpool/event-store';
import { asKnownToErasure, erasureOfSubject, withoutErasedFields, type Erasure, type ErasureEvent } from './erasure.js';
import { caoVersionsOf, minimumWageBook, recordedConfirmation, wageOnDate, type PlacementStates } from './placement-wage.js';
import { foldStream, recordedBy } from './replay.js';
import { snapshotStart, type FullReplayReason, type KeptSnapshots, type ReplayedFrom, type SnapshotStart } from './snapshot-start.js';
import { loadReplayEvents, NO_RELATED_EVENTS, type SubjectEvents } from './subject-events.js';
import { streamOf, type AuditSubject } from './audit-subject.js';
import { payRunSummary } from './pay-run-view.js';
import { invoiceOn } from './invoice-subject.js';

interface Answer {
  readonly subject: AuditSubject;
  readonly streamId: string;
  /** Every event recorded at or before this instant was replayed, and nothing later. */
  readonly knownAt: string;
  /** How many of the stream's events that was (those a snapshot folded included). */
  readonly eventsReplayed: number;
  /** Whether the answer started from a checked snapshot of the stream's state, or from its first event (ADR 0023). */
  readonly replayedFrom: ReplayedFrom;
  readonly lastEvent?: { readonly revision: number; readonly type: string; readonly recordedAt: string };
  /**
   * Set when the personal data of the worker the subject is about was erased (at any time, also after
   * `knownAt`): the state shows no name, birth date or home area (null) instead of their placeholders.
   */
  readonly erased?: Erasure;
}

/**
 * "What did the records say at that moment?" — replayed from the events recorded up to it; for a
 * worker's stream from a snapshot of its state when that folds exactly the events a replay from
 * the first would (replayedFrom).
 */
export interface StateAsKnownAt extends Answer {
  readonly question: 'as_known_at';
  readonly state: unknown;
}

/** "What applied on that day?" — effective dates: the CAO version in force that day even if recorded later, the contract running that day. */
export interface StateAsAppliedOn extends Answer {
  readonly question: 'as_applied_on';
  readonly on: LocalDate;
  readonly applies: unknown;
}

/**
 * The subject's state as known at an instant (the function the audit benchmark times). With
 * `snapshots`, a worker's or contract's answer may start from the worker stream's kept snapshot.
 */
export async function stateAsKnownAt(
  store: EventStore,
  subject: AuditSubject,
  knownAt: Date,
  snapshots?: KeptSnapshots,
): Promise<StateAsKnownAt> {
  const events = await loadAsOfEvents(store, subject, knownAt, snapshots);
  return asKnownAt(events, knownAt, await erasureOfSubject(store, events));
}

/** What applied to the subject on a date, by the records as known at an instant (now when absent). */
export async function stateAsAppliedOn(
  store: EventStore,
  subject: AuditSubject,
  on: LocalDate,
  knownAt = new Date(),
  snapshots?: KeptSnapshots,
): Promise<StateAsAppliedOn> {
  const events = await loadAsOfEvents(store, subject, knownAt, snapshots);
  return asAppliedOn(events, on, knownAt, await erasureOfSubject(store, events));
}

/** What an as-of answer folds: the subject's events, or a snapshot of its worker stream and the events after it. */
export interface AsOfEvents extends Omit<SubjectEvents<ReplayEvent>, 'own'> {
  /** Set when the answer starts from a snapshot: `stream` then holds only the events recorded after its revision. */
  readonly start?: SnapshotStart;
  /** Why a snapshot was not started from, when one was looked for. */
  readonly fullReplay?: FullReplayReason;
}

/** The subject's events as known at an instant, from the worker stream's snapshot where it folds exactly what a full replay would. */
export async function loadAsOfEvents(
  store: EventStore,
  subject: AuditSubject,
  knownAt: Date,
  snapshots?: KeptSnapshots,
): Promise<AsOfEvents> {
  const start = await snapshotStart(store, subject, knownAt, snapshots);
  if (typeof start === 'string') return { ...(await loadReplayEvents(store, subject, knownAt)), fullReplay: start };
  return { subject, streamId: streamOf(subject), stream: start.after, ...NO_RELATED_EVENTS, start };
}

/** `erasure`: the erasure of the worker the subject is about (erasureOfSubject), when their data was erased. */
export function asKnownAt(events: AsOfEvents, knownAt: Date, erasure?: ErasureEvent): StateAsKnownAt {
  const replay = replayKnownAt(events, knownAt);
  return {
    question: 'as_known_at',
    ...answer(events, replay, knownAt, erasure),
    state: knownState(events.subject, replay, erasure),
  };
}

export function asAppliedOn(events: AsOfEvents, on: LocalDate, knownAt: Date, erasure?: ErasureEvent): StateAsAppliedOn {
  const replay = replayKnownAt(events, knownAt);
  return {
    question: 'as_applied_on',
    ...answer(events, replay, knownAt, erasure),
    on,
    applies: appliedState(events.subject, replay, on, erasure),
  };
}

/** The subject's streams cut at an instant: only what was recorded by then (`stream` after the snapshot when started from one). */
export type KnownEvents = Pick<AsOfEvents, 'stream' | 'employer' | 'cao' | 'workerRegistration' | 'minimumWage' | 'start'>;

/** `events` started from a snapshot are as known at the instant they were loaded for (loadAsOfEvents), not any other. */
export function replayKnownAt(events: AsOfEvents, knownAt: Date): KnownEvents {
  return {
    ...(events.start ? { start: events.start } : {}),
    stream: recordedBy(events.stream, knownAt),
    employer: recordedBy(events.employer, knownAt),
    cao: recordedBy(events.cao, knownAt),
    workerRegistration: recordedBy(events.workerRegistration, knownAt),
    minimumWage: recordedBy(events.minimumWage, knownAt),
  };
}

function answer(events: AsOfEvents, { start, stream }: KnownEvents, knownAt: Date, erasure?: ErasureEvent): Answer {
  const last = stream.at(-1) ?? start?.at;
  return {
    subject: events.subject,
    streamId: events.streamId,
    knownAt: knownAt.toISOString(),
    eventsReplayed: (start ? start.from.revision + 1 : 0) + stream.length,
    replayedFrom: start?.from ?? { snapshot: false, because: events.fullReplay ?? 'no_snapshots_for_stream' },
    ...(last ? { lastEvent: { revision: last.revision, type: last.type, recordedAt: last.recordedAt.toISOString() } } : {}),
    ...(erasure ? { erased: { on: erasure.data.erasedOn, recordedAt: erasure.recordedAt.toISOString() } } : {}),
  };
}

/** `erasure`: the worker's, when their data was erased; their age is then unknown and no wage is worked out by it. */
export function placementStates(known: KnownEvents, erasure?: ErasureEvent): PlacementStates {
  const worker = foldStream(workerDecider, known.workerRegistration);
  return {
    placement: foldStream(placementDecider, known.stream),
    hirer: foldStream(employerDecider, known.employer),
    caoVersions: caoVersionsOf(known.cao),
    worker: asKnownToErasure(worker, erasure),
    rules: minimumWageBook(foldStream(rulesDecider, known.minimumWage)),
  };
}

function knownState(subject: AuditSubject, known: KnownEvents, erasure?: ErasureEvent): unknown {
  switch (subject.kind) {
    case 'worker': {
      const worker = workerOf(known);
      return erasure && worker.status === 'registered' ? withoutErasedFields(worker, erasure.data) : worker;
    }
    case 'contract':
      return contractState(workerOf(known), subject.contractId);
    case 'placement': {
      const states = placementStates(known, erasure);
      const start = states.placement.status === 'none' ? undefined : states.placement.period.from;
      return { ...states.placement, ...(start ? { wageAtStartUnderRulesKnown: wageOnDate(states, start) ?? null } : {}) };
    }
    case 'employer':
      return foldStream(employerDecider, known.stream);
    case 'cao':
      return foldStream(caoDecider, known.stream);
    case 'capacity-request':
      return foldStream(capacityDecider, known.stream);
    case 'allocation-run':
      return foldStream(allocationDecider, known.stream);
    case 'timesheet':
      return foldStream(timesheetDecider, known.stream);
    case 'pay-run':
      return payRunSummary(foldStream(payRunDecider, known.stream));
    case 'invoice':
      return foldStream(invoiceDecider, known.stream);
    case 'audit-access':
      return notReplayable();
    default:
      return assertNeverSubject(subject);
  }
}

/** The worker stream folded as known: onto the snapshot's state when started from one. */
const workerOf = (known: KnownEvents): WorkerState => foldStream(workerDecider, known.stream, known.start?.state);

function appliedState(subject: AuditSubject, known: KnownEvents, on: LocalDate, erasure?: ErasureEvent): unknown {
  switch (subject.kind) {
    case 'worker':
      return workerOn(workerOf(known), on);
    case 'contract':
      return contractOn(workerOf(known), subject.contractId, on);
    case 'placement':
      return placementOn(placementStates(known, erasure), on);
    case 'employer':
      return employerOn(foldStream(employerDecider, known.stream), on);
    case 'cao':
      return caoOnDate(foldStream(caoDecider, known.stream), on);
    case 'capacity-request': {
      const request = foldStream(capacityDecider, known.stream);
      return { inPeriod: request.status !== 'none' && contains(request.period, on), request };
    }
    case 'allocation-run':
      return allocationRunOn(foldStream(allocationDecider, known.stream), on);
    case 'timesheet':
      return timesheetOn(foldStream(timesheetDecider, known.stream), on);
    case 'pay-run':
      return payRunOn(foldStream(payRunDecider, known.stream), on);
    case 'invoice':
      return invoiceOn(known.stream, on);
    case 'audit-access':
      return notReplayable();
    default:
      return assertNeverSubject(subject);
  }
}

/**
 * A run has no effective-dated rules of its own; on a date it is the proposals for that date's week,
 * each with what was decided about it (as far as known), and whether the week is in the run's scope.
 */
function allocationRunOn(run: AllocationState, on: LocalDate): unknown {
  if (run.status === 'none') return run;
  const week = mondayOf(on);
  const proposals = run.proposals
    .filter((proposal) => proposal.weekStarts.includes(week))
    .map((proposal) => ({ ...proposal, decision: run.decisions[proposal.proposalId] ?? null }));
  return { week, inScope: week >= run.scope.fromWeek && week <= run.scope.toWeek, proposals, run };
}

/**
 * A sheet on a date: whether the date is in its week, the lines registered for it (which may await
 * approval), and the lines of the approval pay runs pay (with who approved, and for whom), and the lock.
 */
function timesheetOn(sheet: TimesheetState, on: LocalDate) {
  if (sheet.status === 'none') return { status: 'unknown' };
  const ofDay = <Line extends { day: LocalDate }>(lines: readonly Line[]) => lines.filter((line) => line.day === on);
  const { approved } = sheet;
  return {
    inWeek: isoWeekOf(on) === sheet.week,
    status: sheet.status,
    registeredLines: ofDay(sheet.lines),
    approved: approved ? { ...approved, lines: ofDay(approved.lines) } : null,
    lock: sheet.lock ?? null,
  };
}

/**
 * A run on a date: the lines paid for that day per worker (with the wage row and rule rows each
 * used), and the difference lines that day gets in this run; workers with neither are left out.
 */
function payRunOn(run: PayRunState, on: LocalDate) {
  if (run.status === 'none') return run;
  const workers = run.pays
    .map(({ workerId, lines, differences }) => ({
      workerId,
      lines: lines.filter((line) => line.day === on),
      differences: differences.filter((difference) => difference.day === on),
    }))
    .filter((pay) => pay.lines.length > 0 || pay.differences.length > 0);
  return { inPeriod: contains(run.period, on), status: run.status, payRunId: run.payRunId, attempt: run.attempt, workers };
}

function notReplayable(): never {
  return refuse('not_replayable', 'The audit-access log has a history but no state to replay; ask for its history.');
}

function assertNeverSubject(subject: never): never {
  throw new Error(`Unhandled audit subject ${JSON.stringify(subject)}`);
}

const onDay = (on: LocalDate) => ({ from: on, to: on });
const runsOn = (period: OpenPeriod, on: LocalDate) => contains(period, on);

export function contractState(worker: WorkerState, contractId: string) {
  const contract = worker.status === 'none' ? undefined : worker.contracts.find((c) => c.contractId === contractId);
  if (!contract || worker.status === 'none') return { status: 'none' as const };
  return {
    status: contract.lastDay === undefined ? ('agreed' as const) : ('ended' as const),
    workerId: worker.workerId,
    ...contract,
    commitments: worker.commitments.filter((c) => c.contractId === contractId),
  };
}

function workerOn(worker: WorkerState, on: LocalDate) {
  if (worker.status === 'none') return { registered: false };
  const commitments = worker.commitments.filter((c) => overlaps(c.period, onDay(on)));
  return {
    registered: true,
    contract: contractCovering(worker, onDay(on)) ?? null,
    commitments,
    committedHoursPerWeek: commitments.reduce((sum, c) => sum + c.hoursPerWeek, 0),
  };
}

function contractOn(worker: WorkerState, contractId: string, on: LocalDate) {
  const contract = contractState(worker, contractId);
  if (contract.status === 'none') return { inForce: false, contract };
  const commitments = contract.commitments.filter((c) => runsOn(c.period, on));
  return {
    inForce: runsOn(contractPeriod(contract), on),
    contract,
    commitmentsThatDay: commitments,
    committedHoursPerWeek: commitments.reduce((sum, c) => sum + c.hoursPerWeek, 0),
  };
}

/** Where the placement stood on the day, what was recorded at confirmation, and what the rules of that day give. */
function placementOn(states: PlacementStates, on: LocalDate) {
  const { placement } = states;
  if (placement.status === 'none') return { status: 'unknown' };
  return {
    status: placementStatusOn(placement, on),
    placement,
    recordedAtConfirmation: recordedConfirmation(placement) ?? null,
    wageOnDate: wageOnDate(states, on) ?? null,
  };
}

function placementStatusOn(placement: Exclude<PlacementState, { status: 'none' }>, on: LocalDate): string {
  if (placement.status === 'proposed' || placement.status === 'withdrawn') return placement.status;
  const lastDay = placement.status === 'ended' ? placement.lastDay : placement.period.to;
  if (on < placement.period.from) return 'not_started';
  return on > lastDay ? 'ended' : 'running';
}

function employerOn(employer: ReturnType<typeof employerDecider.evolve>, on: LocalDate) {
  if (employer.status === 'none') return { member: false };
  const cao = caoOn(employer, on);
  const latestPerFunction = new Map(
    employer.classifications.filter((c) => c.from <= on && c.caoCode === cao?.caoCode).map((c) => [c.functionName, c]),
  );
  return {
    member: runsOn(employer.membership, on),
    cao: cao ?? null,
    classifications: [...latestPerFunction.values()],
    closures: employer.closures.filter((c) => runsOn(c.period, on)),
    sites: employer.sites,
  };
}

function caoOnDate(cao: CaoState, on: LocalDate) {
  const version = caoVersionOn(cao, on);
  const record = cao.status === 'none' || !version ? undefined : cao.versions.find((v) => v.effectiveFrom === version.effectiveFrom);
  return { version: version ?? null, revisionsRecorded: record?.revisions.length ?? 0 };
}
