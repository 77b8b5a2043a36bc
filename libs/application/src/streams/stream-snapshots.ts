import type { EventMetadata, RecordedEvent } from '@banenpool/event-store';

/**
 * Which decider's state a snapshot holds and in which shape. A snapshot of another name or version
 * is never read: a change to a decider's state or to how its events are read bumps the version, and
 * its streams are folded from their events again until new snapshots are written (ADR 0018).
 */
export interface SnapshotKind {
  readonly name: string;
  readonly version: number;
}

/** A stream's folded state up to and including one of its events; a cache of the fold, never a fact. */
export interface StreamSnapshot {
  readonly streamId: string;
  readonly kind: SnapshotKind;
  /** The revision of the last event folded into it. */
  readonly revision: number;
  /** The id of that event: a stream whose event at `revision` is another one (a store rebuilt or reset) ignores the snapshot. */
  readonly eventId: string;
  /** The state as JSON reads it back (deciders' states are plain data: ADR 0018). */
  readonly state: unknown;
  /**
   * The stored hash of that event (absent on KurrentDB, which keeps none): it chains over every event
   * before it, so a stream whose hash at `revision` is this one holds exactly the events the state folds.
   */
  readonly hash?: string;
  /**
   * No event the state folds was recorded after this instant (a millisecond over the latest: the
   * times come through the driver's Date parsing, the store's cut through date_trunc, and the bound
   * must hold for both): an auditor's answer as known at an instant no earlier may start from it
   * (ADR 0023). Absent on snapshots written without it, which such an answer does not use.
   */
  readonly recordedUntil?: Date;
}

export interface FoundSnapshot {
  readonly snapshot: StreamSnapshot;
  /**
   * One of the marks asked about is on an event the snapshot covers: the command's step was
   * done or its keyed request answered before the snapshot, so the caller reads the whole stream.
   */
  readonly marked: boolean;
}

/**
 * Where snapshots are kept. Reading may miss (undefined) and writing may be skipped: a load then
 * folds more events, nothing else changes. Besides each snapshot, the store keeps the marks of the
 * events it covers (stepMark, keyMark), so a command that must look for its step or its request's
 * earlier answer in the stream does not have to read the events before the snapshot to find it.
 */
export abstract class StreamSnapshots {
  abstract read(streamId: string, kind: SnapshotKind, marks: readonly string[]): Promise<FoundSnapshot | undefined>;
  /** Keeps the snapshot unless a newer one of its kind is kept; `marks` are those of the events it covers that are not yet kept. */
  abstract write(snapshot: StreamSnapshot, marks: readonly string[]): Promise<void>;
}

/** How a command or a load uses snapshots: which kind the stream's decider has, where they are kept, how often to write one. */
export interface Snapshotting {
  readonly store: StreamSnapshots;
  readonly kind: SnapshotKind;
  /** A new snapshot is written once the stream has this many events more than the one it was loaded from. */
  readonly every: number;
}

/** Events between snapshots: a load folds fewer than this many events past its snapshot. */
export const SNAPSHOT_EVERY = 100;

export const stepMark = (step: string, causationId: string): string => `step:${step}/${causationId}`;
export const keyMark = (idempotencyKey: string): string => `key:${idempotencyKey}`;

/** The marks an event carries: the process step it did for its cause, the keyed request that appended it. */
export function marksOf({ step, causationId, idempotencyKey }: EventMetadata): string[] {
  return [
    ...(step !== undefined && causationId !== undefined ? [stepMark(step, causationId)] : []),
    ...(idempotencyKey !== undefined ? [keyMark(idempotencyKey)] : []),
  ];
}

/**
 * A stream as a command or a query needs it: read from the latest usable snapshot when there is
 * one, whole otherwise. `recent` is what was read after the snapshot (the whole stream without one).
 */
export interface LoadedStream<State> {
  readonly state: State;
  readonly version: number;
  readonly recent: readonly RecordedEvent[];
  readonly from?: StreamSnapshot;
}

/** A snapshot to write after a load that folded `every` events or more past its snapshot; undefined otherwise. */
export function snapshotDue<State>(
  streamId: string,
  loaded: LoadedStream<State>,
  snapshotting: Snapshotting,
): { snapshot: StreamSnapshot; marks: string[] } | undefined {
  const last = loaded.recent.at(-1);
  if (last === undefined || loaded.version - (loaded.from?.revision ?? -1) < snapshotting.every) return undefined;
  const { revision, eventId, hash } = last;
  const recordedUntil = recordedUntilOf(loaded);
  return {
    snapshot: {
      streamId,
      kind: snapshotting.kind,
      revision,
      eventId,
      state: loaded.state,
      ...(hash ? { hash } : {}),
      ...(recordedUntil ? { recordedUntil } : {}),
    },
    marks: loaded.recent.flatMap((event) => marksOf(event.metadata)),
  };
}

/**
 * The bound on when the events a new snapshot folds were recorded: over those read now and the
 * snapshot they were folded onto. Times need not grow with revisions (an append that waited for
 * another's lock keeps its earlier time), so it is the latest, not the last event's. Unknown when
 * the snapshot loaded from has none.
 */
function recordedUntilOf({ recent, from }: LoadedStream<unknown>): Date | undefined {
  if (from && from.recordedUntil === undefined) return undefined;
  const latest = recent.reduce((max, event) => Math.max(max, event.recordedAt.getTime() + 1), from?.recordedUntil?.getTime() ?? -Infinity);
  return Number.isFinite(latest) ? new Date(latest) : undefined;
}
