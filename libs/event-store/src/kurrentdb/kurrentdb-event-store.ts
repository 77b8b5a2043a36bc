import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  DeadlineExceededError,
  FORWARDS,
  KurrentDBClient,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type EventData,
  type JSONType,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReplayReadOptions,
  RecordedEvent,
  ReplayEvent,
} from '../event-store.port.js';
import { comparePositions, type GlobalPosition } from '../global-position.js';
import { validateAppend } from '../validation.js';
import { withTimeout } from '../with-timeout.js';

export interface KurrentDbEventStoreOptions {
  /** Our own bound on every client call, in milliseconds (also passed as the gRPC deadline). */
  timeoutMs?: number;
}

/** gRPC status codes that mean "the store is not reachable now", not "the request was wrong". */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
/** Streams read in parallel by readStreamsForReplay: enough to hide round trips, few enough not to swamp the server. */
const STREAMS_READ_AT_ONCE = 16;

/** Our metadata as stored in the event's metadata JSON; schemaVersion travels with it. */
type StoredMetadata = EventMetadata & { schemaVersion?: number };

/**
 * The event store on KurrentDB (EventStoreDB's successor) through @kurrent/kurrentdb-client.
 * Revisions are KurrentDB's own 0-based revisions, the port's convention too, so they need no mapping.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly timeoutMs: number;

  constructor(connectionString: string, { timeoutMs = 5_000 }: KurrentDbEventStoreOptions = {}) {
    this.client = KurrentDBClient.connectionString(connectionString);
    this.timeoutMs = timeoutMs;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, expectedVersion);
    try {
      const result = await this.bounded('appendToStream', () =>
        this.client.appendToStream(streamId, events.map(toEventData), {
          streamState: toStreamState(expectedVersion),
          deadline: this.timeoutMs,
        }),
      );
      if (!result.position) throw new Error('KurrentDB returned no position for the append (server older than 22.6?)');
      return { nextExpectedVersion: Number(result.nextExpectedRevision), position: toGlobalPosition(result.position) };
    } catch (error) {
      if (!(error instanceof KurrentWrongExpectedVersionError)) throw error;
      throw new WrongExpectedVersionError(streamId, expectedVersion, toActualRevision(error.actualState));
    }
  }

  async readStream(streamId: string, { fromRevision = 0, toRevision, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const count = Math.min(maxCount ?? Infinity, toRevision === undefined ? Infinity : toRevision - fromRevision + 1);
    if (count <= 0) return [];
    const read = () =>
      this.client.readStream(streamId, {
        fromRevision: BigInt(fromRevision),
        maxCount: Number.isFinite(count) ? count : undefined,
        direction: FORWARDS,
        deadline: this.timeoutMs,
      });
    const resolved = await this.bounded('readStream', () => collect(read()).catch(emptyWhenStreamNotFound));
    return resolved.flatMap(toRecordedEvents).filter((e) => toRevision === undefined || e.revision <= toRevision);
  }

  /**
   * KurrentDB sends whole events either way: the replay read is the ordinary one. It cannot filter
   * by time, so the cut at an instant is made here, before the count is applied.
   */
  async readStreamForReplay(streamId: string, { recordedUntil, ...options }: ReplayReadOptions = {}): Promise<ReplayEvent[]> {
    if (recordedUntil === undefined) return this.readStream(streamId, options);
    const { maxCount, ...range } = options;
    const known = (await this.readStream(streamId, range)).filter((e) => e.recordedAt.getTime() <= recordedUntil.getTime());
    return maxCount === undefined ? known : known.slice(0, maxCount);
  }

  /** One read per stream (the gRPC API has no multi-stream read), a few at a time. */
  async readStreamsForReplay(streamIds: readonly string[]): Promise<Map<string, ReplayEvent[]>> {
    const ids = [...new Set(streamIds)];
    const streams = new Map<string, ReplayEvent[]>();
    for (let i = 0; i < ids.length; i += STREAMS_READ_AT_ONCE) {
      const batch = ids.slice(i, i + STREAMS_READ_AT_ONCE);
      const read = await Promise.all(batch.map((id) => this.readStream(id)));
      batch.forEach((id, j) => streams.set(id, read[j]));
    }
    return streams;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    let from = after;
    // The server filters system event types; events in system streams are dropped here, so a
    // page may come back short and we read on until the limit is filled or $all ends.
    while (found.length < limit) {
      const wanted = limit - found.length + 1; // +1: a read from a position includes the event at it
      const page = await this.readAllPage(from, wanted, FORWARDS);
      found.push(...page.filter((e) => !from || comparePositions(e.position, from) !== 0).filter(isUserEvent));
      if (page.length < wanted) break;
      from = page[page.length - 1].position;
    }
    return found.slice(0, limit);
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    let from: GlobalPosition | undefined;
    for (;;) {
      const page = await this.readAllPage(from, from ? 2 : 1, BACKWARDS);
      const head = page.find((e) => (!from || comparePositions(e.position, from) !== 0) && isUserEvent(e));
      if (head) return head.position;
      if (page.length === 0 || (from && comparePositions(page[page.length - 1].position, from) === 0)) return undefined;
      from = page[page.length - 1].position; // the newest event was in a system stream: look further back
    }
  }

  async close(): Promise<void> {
    await this.bounded('close', () => this.client.dispose());
  }

  private async readAllPage(from: GlobalPosition | undefined, maxCount: number, direction: typeof FORWARDS | typeof BACKWARDS) {
    const read = () =>
      this.client.readAll({
        fromPosition: from ?? (direction === FORWARDS ? 'start' : 'end'),
        maxCount,
        direction,
        filter: excludeSystemEvents(),
        deadline: this.timeoutMs,
      });
    const resolved = await this.bounded('readAll', () => collect(read()));
    return resolved.flatMap(toRecordedEvents);
  }

  /**
   * Runs one client call under our own timeout. The client's gRPC deadline is not enough: against
   * a peer that accepts TCP and never answers, an append with a 1 s deadline was still pending
   * after 100 s (see STACK-NOTES), and reads go through the native bridge, which takes no deadline.
   */
  /**
   * Runs one client call under our own timeout. The client's gRPC deadline is not enough: against
   * a peer that accepts TCP and never answers, an append with a 1 s deadline was still pending
   * after 100 s (see STACK-NOTES), and reads go through the native bridge, which takes no deadline.
   */
  private async bounded<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(
        call(),
        this.timeoutMs,
        () => new EventStoreUnavailableError(`KurrentDB ${operation} did not answer within ${this.timeoutMs} ms`),
      );
    } catch (error) {
      throw isUnreachable(error)
        ? new EventStoreUnavailableError(`KurrentDB ${operation} failed: store unreachable`, { cause: error })
        : error;
    }
  }
}

/** Not always an UnavailableError instance: an unreachable append rejects with a bare gRPC error (code 14). */
function isUnreachable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof NotLeaderError || error instanceof DeadlineExceededError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

async function collect<E>(events: AsyncIterable<E>): Promise<E[]> {
  const all: E[] = [];
  for await (const event of events) all.push(event);
  return all;
}

function emptyWhenStreamNotFound(error: unknown): ResolvedEvent[] {
  if (error instanceof StreamNotFoundError) return [];
  throw error;
}

function toStreamState(expected: ExpectedVersion): AppendStreamState {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

/** The client reports a missing stream as 'no_stream' (older servers as revision -1). */
function toActualRevision(actual: 'no_stream' | bigint): number | undefined {
  return actual === 'no_stream' || actual < 0n ? undefined : Number(actual);
}

function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion ?? 1 };
  return jsonEvent({
    id: event.eventId ?? randomUUID(),
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: metadata as JSONType,
  });
}

function toGlobalPosition(position: Position): GlobalPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/** System streams and event types start with '$'; the port's feed holds only our own events. */
function isUserEvent(event: RecordedEvent): boolean {
  return !event.streamId.startsWith('$') && !event.type.startsWith('$');
}

/** One event, or none for a link whose target is gone. */
function toRecordedEvents(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent[] {
  const event = resolved.event;
  if (!event) return [];
  if (!event.position) throw new Error(`KurrentDB returned event ${event.id} without a position (server older than 22.6?)`);
  const stored = isPlainObject(event.metadata) ? (event.metadata as StoredMetadata) : {};
  const { schemaVersion = 1, ...metadata } = stored;
  return [
    {
      eventId: event.id,
      streamId: event.streamId,
      revision: Number(event.revision),
      position: toGlobalPosition(event.position),
      type: event.type,
      schemaVersion,
      data: event.data,
      metadata,
      recordedAt: event.created,
    },
  ];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
