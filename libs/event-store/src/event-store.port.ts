import type { GlobalPosition } from './global-position.js';

/**
 * What the writer expects the stream to be before its append.
 * A number is the 0-based revision of the stream's last event: the first event of a stream has
 * revision 0, so a writer that read a one-event stream appends with expectedVersion 0.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export const ANY: ExpectedVersion = 'any';
export const NO_STREAM: ExpectedVersion = 'no_stream';
export const STREAM_EXISTS: ExpectedVersion = 'stream_exists';

/** Who did it and in answer to what: kept with every event for auditors. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  actor?: string;
  /**
   * Set by a process manager: which step of its handling of the causing event (`causationId`)
   * appended this. Finding both in a stream tells a second handling that the step is done.
   */
  step?: string;
  /** The Idempotency-Key request that appended it (caller/key#claim), so a retry after a crash can find its outcome. */
  idempotencyKey?: string;
  /**
   * Set on read (never stored) when the event's personal fields were erased (their subject's data key
   * shredded): its data holds the erased placeholders (libs/domain PERSONAL_DATA), not what was recorded.
   */
  personalDataErased?: boolean;
}

export interface NewEvent<Data = unknown> {
  type: string;
  data: Data;
  /** Version of this event type's schema; a stored event's meaning never changes, a new version does. */
  schemaVersion?: number;
  /** Supplied by the caller to make a retried append recognisable; generated when absent. */
  eventId?: string;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  eventId: string;
  streamId: string;
  /** 0-based position of the event within its stream. */
  revision: number;
  /** Position in the global ordered feed. */
  position: GlobalPosition;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
  /**
   * Tamper evidence (PostgreSQL and PGlite): hex SHA-256 over this event's content and its stream
   * predecessor's hash, so editing any stored event breaks the chain from there (verifyEventChain).
   * Absent on KurrentDB, whose log cannot be edited in place.
   */
  hash?: string;
}

/** What replaying a stream needs of each event (type, data, order, time): cheaper to read than a RecordedEvent. */
export type ReplayEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'type' | 'schemaVersion' | 'data' | 'recordedAt'>;

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: the next append's expectedVersion. */
  nextExpectedVersion: number;
  /** Global position of the last appended event, for read-your-writes. */
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive, default 0). */
  fromRevision?: number;
  /** Last revision to return (inclusive, default: the end). */
  toRevision?: number;
  maxCount?: number;
}

export interface ReplayReadOptions extends ReadStreamOptions {
  /** Only events recorded at or before this instant (an as-of question's cut, done by the store); default: all. */
  recordedUntil?: Date;
}

export interface HeadOptions {
  committed?: boolean;
}

export interface ReadAllOptions {
  /** Return events strictly after this position; from the start when absent. */
  after?: GlobalPosition;
  limit: number;
}

/**
 * The port every adapter implements (PostgreSQL, PGlite through the same SQL, KurrentDB).
 * Adapters throw WrongExpectedVersionError on a version conflict and
 * EventStoreUnavailableError when the store cannot be reached in time.
 */
export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** readStream with only what a replay needs (auditors' as-of answers over long streams). */
  readStreamForReplay(streamId: string, options?: ReplayReadOptions): Promise<ReplayEvent[]>;
  /**
   * Several whole streams for replay at once (one round trip on PostgreSQL), each in revision
   * order, by stream id; a stream that does not exist reads as empty.
   */
  readStreamsForReplay(streamIds: readonly string[]): Promise<Map<string, ReplayEvent[]>>;
  /**
   * The global feed in order. An event returned here never has an event that commits later
   * ordered before it, so a reader that advances its checkpoint to the last event it got
   * cannot skip anything.
   */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The position of the newest event a reader of the feed can see now (undefined for an empty
   * store). With `committed`, the newest committed event even if the feed still holds it back
   * behind an older transaction that is running (PostgreSQL, ADR 0004): a reader that wants
   * everything committed so far reads until it has passed this position.
   */
  headPosition(options?: HeadOptions): Promise<GlobalPosition | undefined>;
  close(): Promise<void>;
}
