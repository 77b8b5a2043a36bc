import { parseEventWith, poolEvents, type EventRegistry } from '@banenpool/domain';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
  type ReplayEvent,
} from '@banenpool/event-store';

/** What every stream's decider looks like to the executor (see libs/domain/src/shared/decider.ts). */
export interface StreamDecider<Command, Event extends DomainEventShape, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
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
  /** The schemas the stream's stored events are read with: every pool stream's unless a test brings a stand-in stream's. */
  schemas?: EventRegistry;
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
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const version = history.length - 1;
    const read = eventReader<Event>(options.schemas);
    const state = history.map(read).reduce(decider.evolve, decider.initialState);
    options.guard?.(state);
    const answer = earlierAnswer(streamId, history, options.answeredBy, read);
    if (answer) return answer;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new WrongExpectedVersionError(streamId, options.expectedVersion, version < 0 ? undefined : version);
    }
    if (history.some(stepDone)) return { streamId, events: [], version };
    const events = decider.decide(await commandFor(command, state), state, options.now);
    if (events.length === 0) return { streamId, events, version };
    try {
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
    }
  }
}

/** Folds a stream as it is now (for queries that answer from the stream itself). */
export async function loadState<Event extends DomainEventShape, State>(
  store: EventStore,
  decider: Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  schemas: EventRegistry = poolEvents,
): Promise<{ state: State; version: number }> {
  const history = await store.readStream(streamId);
  return { state: foldHistory(decider, history, schemas), version: history.length - 1 };
}

/** A stream's state from its events as stored. */
export function foldHistory<Event extends DomainEventShape, State>(
  decider: Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve'>,
  history: readonly ReplayEvent[],
  schemas: EventRegistry = poolEvents,
): State {
  return history.map(eventReader<Event>(schemas)).reduce(decider.evolve, decider.initialState);
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
