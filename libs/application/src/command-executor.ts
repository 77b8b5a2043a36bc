import { fold, parseEventWith, poolEvents, type EventRegistry } from '@banenpool/domain';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
  type ReplayEvent,
} from '@banenpool/event-store';
import { keyMark, snapshotDue, stepMark, type LoadedStream, type Snapshotting } from './streams/stream-snapshots.js';

/** What every stream's decider looks like to the executor (see libs/domain/src/shared/decider.ts). */
export interface StreamDecider<Command, Event extends DomainEventShape, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  evolveAll?(state: State, events: readonly Event[]): State;
  decide(command: Command, state: State, now: Date): Event[];
}

export interface DomainEventShape {
  type: string;
  data: unknown;
}

export interface ExecuteOptions<State = unknown> {
  /** The stream version the client read (If-Match); a different current version is a conflict. */
  expectedVersion?: number;
  /**
   * Checks on the stream's own state that come before the If-Match comparison (existence, the
   * caller's access), so a stale or guessed If-Match never tells a caller about a stream it may
   * not see. Throws to refuse.
   */
  guard?: (state: State) => void;
  metadata: EventMetadata;
  now: Date;
  /** Schema version of each event type as written today. */
  schemaVersionOf?: (type: string) => number;
  /**
   * A process manager's step (stored as metadata.step beside metadata.causationId): carried out at
   * most once per cause. When the stream already holds an event of this step for this cause,
   * nothing is appended; otherwise the append expects the version read, so a concurrent handler of
   * the same cause conflicts, reads again and finds the step done.
   */
  once?: string;
  /**
   * A single-command request's Idempotency-Key tag (metadata.idempotencyKey): when the stream already
   * holds events appended under it, the request was carried out (by a run of it whose lease lapsed
   * while it still appended), and those events are the answer instead of a second append.
   */
  answeredBy?: string;
  /** Settled before the append, which does not happen when it fails (the request's stream noted for a retry after a crash). */
  beforeAppend?: Promise<void>;
  /** The schemas the stream's stored events are read with: every pool stream's unless a test brings a stand-in stream's. */
  schemas?: EventRegistry;
  /** Load from the stream's latest snapshot and keep a new one every so often (ADR 0018); without, the whole stream is folded. */
  snapshots?: Snapshotting;
}

export interface CommandResult<Event> {
  streamId: string;
  events: Event[];
  /** The stream's version after the command: send it as If-Match next time. */
  version: number;
  /** Global position of the last event, for read-your-writes (undefined when nothing changed). */
  position?: GlobalPosition;
}

const RETRIES_ON_CONFLICT = 3;

/**
 * The command, or how to make it from the state folded in this attempt: a use case that checks
 * the stream's own state (access, existence) or derives facts from it reads the stream only once.
 */
export type CommandSource<Command, State> = Command | ((state: State) => Command | Promise<Command>);

/**
 * Load → fold → decide → append with the version that was folded. When the client named no
 * version, a concurrent writer only means "decide again on the newer state" (bounded retries);
 * when it named one (If-Match), a conflict is its to resolve and surfaces as WrongExpectedVersionError.
 */
export async function executeCommand<Command, Event extends DomainEventShape, State>(
  store: EventStore,
  decider: StreamDecider<Command, Event, State>,
  streamId: string,
  command: CommandSource<Command, State>,
  options: ExecuteOptions<State>,
): Promise<CommandResult<Event>> {
  const stepDone = stepMarker(options);
  const read = eventReader<Event>(options.schemas);
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadStream(store, decider, streamId, read, options.snapshots, marksSought(options));
    const kept = keepSnapshot(streamId, loaded, options.snapshots);
    try {
      const { state, version, recent } = loaded;
      options.guard?.(state);
      // Without a snapshot `recent` is the whole stream; with one, a mark before it made loadStream read the whole stream.
      const answer = earlierAnswer(streamId, recent, options.answeredBy, read);
      if (answer) return answer;
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new WrongExpectedVersionError(streamId, options.expectedVersion, version < 0 ? undefined : version);
      }
      if (recent.some(stepDone)) return { streamId, events: [], version };
      const events = decider.decide(await commandFor(command, state), state, options.now);
      if (events.length === 0) return { streamId, events, version };
      await options.beforeAppend;
      const appended = await store.appendToStream(
        streamId,
        events.map((e) => toNewEvent(e, options)),
        {
          expectedVersion: version < 0 ? 'no_stream' : version,
        },
      );
      return { streamId, events, version: appended.nextExpectedVersion, position: appended.position };
    } catch (error) {
      const retry = error instanceof WrongExpectedVersionError && options.expectedVersion === undefined && attempt < RETRIES_ON_CONFLICT;
      if (!retry) throw error;
    } finally {
      await kept;
    }
  }
}

/** Folds a stream as it is now (for queries that answer from the stream itself). */
export async function loadState<Event extends DomainEventShape, State>(
  store: EventStore,
  decider: Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  schemas: EventRegistry = poolEvents,
  snapshots?: Snapshotting,
): Promise<{ state: State; version: number }> {
  const { state, version } = await loadStream(store, decider, streamId, eventReader<Event>(schemas), snapshots);
  return { state, version };
}

/** A stream's state from its events as stored. */
export function foldHistory<Event extends DomainEventShape, State>(
  decider: Folding<Event, State>,
  history: readonly ReplayEvent[],
  schemas: EventRegistry = poolEvents,
): State {
  return fold(decider, history.map(eventReader<Event>(schemas)));
}

type Folding<Event extends DomainEventShape, State> = Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve' | 'evolveAll'>;

/**
 * The stream folded from its latest usable snapshot, reading only the events after it; from its
 * first event when there is none, or when the snapshot is of another history (its event is not
 * the stream's), covers a mark sought, or cannot be read or folded on. A snapshot is a cache:
 * ignoring it costs time, never correctness.
 */
async function loadStream<Event extends DomainEventShape, State>(
  store: EventStore,
  decider: Folding<Event, State>,
  streamId: string,
  read: (recorded: RecordedEvent) => Event,
  snapshots: Snapshotting | undefined,
  marks: readonly string[] = [],
): Promise<LoadedStream<State>> {
  // Most streams never grow long enough to have a snapshot (one is written `every` events in), so
  // their first page settles it in one read, without asking the snapshot store.
  const first = snapshots && (await store.readStream(streamId, { maxCount: snapshots.every }));
  if (first && first.length < snapshots.every) return { state: fold(decider, first.map(read)), version: first.length - 1, recent: first };
  const found = await snapshots?.store.read(streamId, snapshots.kind, marks).catch(() => undefined);
  if (found !== undefined && !found.marked) {
    const { snapshot } = found;
    const [at, ...recent] = await store.readStream(streamId, { fromRevision: snapshot.revision });
    const state = at?.eventId === snapshot.eventId ? foldOnto(decider, snapshot.state as State, recent.map(read)) : undefined;
    if (state !== undefined) return { state, version: recent.at(-1)?.revision ?? snapshot.revision, recent, from: snapshot };
  }
  const history = await store.readStream(streamId);
  return { state: fold(decider, history.map(read)), version: history.length - 1, recent: history };
}

/** The events folded onto a snapshot's state; undefined when that state is not one the decider can fold on. */
function foldOnto<Event extends DomainEventShape, State>(decider: Folding<Event, State>, state: State, events: Event[]): State | undefined {
  try {
    return fold(decider, events, state);
  } catch {
    return undefined;
  }
}

/** Writes the snapshot a load has made due; a snapshot that cannot be written is left for the next command. */
async function keepSnapshot<State>(streamId: string, loaded: LoadedStream<State>, snapshots: Snapshotting | undefined): Promise<void> {
  const due = snapshots && snapshotDue(streamId, loaded, snapshots);
  if (due) await snapshots.store.write(due.snapshot, due.marks).catch(() => undefined);
}

/** The marks whose events this command looks for in the stream: its step for its cause, its request's earlier answer. */
function marksSought({ once, metadata, answeredBy }: ExecuteOptions<never>): string[] {
  return [
    ...(once !== undefined && metadata.causationId !== undefined ? [stepMark(once, metadata.causationId)] : []),
    ...(answeredBy !== undefined ? [keyMark(answeredBy)] : []),
  ];
}

function commandFor<Command, State>(source: CommandSource<Command, State>, state: State): Command | Promise<Command> {
  return typeof source === 'function' ? (source as (state: State) => Command | Promise<Command>)(state) : source;
}

/**
 * A stored event as its type's schema reads it today, upcast from an older schema version, so a
 * decider folds the same events the read models project. An event that cannot be read is an error:
 * deciding on a state that leaves it out could break a rule the event recorded.
 */
function eventReader<Event extends DomainEventShape>(schemas: EventRegistry = poolEvents): (recorded: ReplayEvent) => Event {
  return (recorded) => {
    const parsed = parseEventWith(schemas, recorded.type, recorded.schemaVersion, recorded.data);
    if (!parsed.ok) {
      throw new Error(
        `Event ${recorded.revision} of stream ${recorded.streamId} (${recorded.type}, schema version ${recorded.schemaVersion}) ` +
          `cannot be read (${parsed.reason}): ${parsed.detail}`,
      );
    }
    return parsed.event as unknown as Event;
  };
}

function toNewEvent(event: DomainEventShape, options: ExecuteOptions<never>): NewEvent {
  const metadata = options.once === undefined ? options.metadata : { ...options.metadata, step: options.once };
  return { type: event.type, data: event.data, schemaVersion: options.schemaVersionOf?.(event.type) ?? 1, metadata };
}

/** What a run of the same keyed request appended to this stream, as that run would have answered. */
function earlierAnswer<Event>(
  streamId: string,
  history: readonly RecordedEvent[],
  tag: string | undefined,
  read: (recorded: RecordedEvent) => Event,
): CommandResult<Event> | undefined {
  const earlier = tag === undefined ? [] : history.filter((recorded) => recorded.metadata.idempotencyKey === tag);
  const last = earlier.at(-1);
  if (!last) return undefined;
  return { streamId, events: earlier.map(read), version: last.revision, position: last.position };
}

/** Recognises an event this command's step appended for the same cause (none without `once`). */
function stepMarker({ once, metadata }: ExecuteOptions<never>): (recorded: RecordedEvent) => boolean {
  if (once === undefined) return () => false;
  if (metadata.causationId === undefined) throw new Error(`Step ${once} needs the causing event's id as metadata.causationId`);
  return (recorded) => recorded.metadata.step === once && recorded.metadata.causationId === metadata.causationId;
}
