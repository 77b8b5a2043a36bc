import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** A pool, or one client when the append must share a transaction with other writes. */
export type Queryable = Pick<pg.Pool, 'query'>;
import { WrongExpectedVersionError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  HeadOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReplayReadOptions,
  RecordedEvent,
  ReplayEvent,
} from '../event-store.port.js';
import { START, type GlobalPosition } from '../global-position.js';
import { validateAppend } from '../validation.js';
import { rowsUnlessLost } from './connection-errors.js';

interface EventRow {
  stream_id: string;
  revision: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  recorded_at: Date;
  event_id: string;
  transaction_id: string;
  position: string;
  metadata: RecordedEvent['metadata'];
  hash: string;
}

// Output columns are cast to text (bigint and xid8 exceed JS numbers), so ORDER BY must name the
// table's columns (e.position), or it would sort the text.
const EVENT_COLUMNS = `event_id, stream_id, revision::text, transaction_id::text, position::text,
  event_type, schema_version, data, metadata, recorded_at, encode(hash, 'hex') AS hash`;

/**
 * A replay's events as one JSON array in one value, not a row each: decoding rows cost more than the
 * SQL (on PGlite a 10,000-event stream read 111 ms as rows, 81 ms as one array; PostgreSQL 52 and 41).
 * The time goes as whole milliseconds since the epoch, truncated as a Date holds it.
 */
const REPLAY_ARRAY = `coalesce(json_agg(json_build_array(e.stream_id, e.revision, e.event_type, e.schema_version, e.data,
    (extract(epoch FROM date_trunc('milliseconds', e.recorded_at)) * 1000)::bigint) ORDER BY e.stream_id, e.revision), '[]')::text AS events`;

type ReplayTuple = [streamId: string, revision: number, type: string, schemaVersion: number, data: unknown, recordedAtMs: number];

// The cut compares whole milliseconds, as a recordedAt Date holds them: an event is known at its own recordedAt.
const STREAM_RANGE = `FROM es_events e
       WHERE stream_id = $1 AND e.revision >= $2 AND e.revision <= $3
         AND ($5::timestamptz IS NULL OR date_trunc('milliseconds', e.recorded_at) <= $5::timestamptz)
       ORDER BY e.revision LIMIT $4`;

/**
 * How each expected version claims the stream row. Each returns the stream's new last revision
 * and nothing when the expectation does not hold; the row lock it takes serialises writers of
 * one stream until the statement commits.
 */
const CLAIM_STREAM: Record<'any' | 'no_stream' | 'stream_exists' | 'exact', string> = {
  any: `INSERT INTO es_streams AS s (stream_id, revision) VALUES ($1, $2::bigint - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + $2::bigint RETURNING revision`,
  no_stream: `INSERT INTO es_streams (stream_id, revision) VALUES ($1, $2::bigint - 1)
        ON CONFLICT (stream_id) DO NOTHING RETURNING revision`,
  stream_exists: `UPDATE es_streams SET revision = revision + $2::bigint WHERE stream_id = $1 RETURNING revision`,
  exact: `UPDATE es_streams SET revision = revision + $2::bigint WHERE stream_id = $1 AND revision = $8::bigint RETURNING revision`,
};

type ClaimKind = keyof typeof CLAIM_STREAM;

function claimKind(expected: ExpectedVersion): ClaimKind {
  return typeof expected === 'number' ? 'exact' : expected;
}

function appendStatement(kind: ClaimKind): string {
  const claim = CLAIM_STREAM[kind];
  // One statement, so one round trip and atomic without an explicit transaction. Each event's hash
  // chains onto its predecessor's (migration 002): `head` looks up, once, the hash of the event
  // before this append's first, after the claim holds the stream row's lock, and es_chain_hashes
  // (migration 005) chains the append's events in one call over the parameter arrays. All events of
  // the append share the statement's time, so the stored time is the hashed one. Rows are inserted
  // in the arrays' order, so positions follow revisions within the append.
  return `WITH claimed AS (${claim}),
    head AS (SELECT revision - $2::bigint + 1 AS first_revision, es_hash_at($1, revision - $2::bigint) AS previous FROM claimed),
    inserted AS (INSERT INTO es_events (stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at, hash)
    SELECT $1, head.first_revision + e.ord - 1, e.event_id, e.event_type, e.schema_version, e.data, e.metadata, statement_timestamp(), e.hash
    FROM head, unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[],
        es_chain_hashes(head.previous, $1, head.first_revision, statement_timestamp(), $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[]))
      WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, hash, ord)
    RETURNING revision, transaction_id, position)
    SELECT revision::text, transaction_id::text, position::text FROM inserted ORDER BY inserted.position DESC LIMIT 1`;
}

const APPEND_STATEMENTS = Object.fromEntries(
  (Object.keys(CLAIM_STREAM) as ClaimKind[]).map((kind) => [kind, appendStatement(kind)]),
) as Record<ClaimKind, string>;

/**
 * A `jsonb[]` parameter as one array literal. Given an array of strings, `pg` escapes every element
 * with regular expressions, which cost more than the rest of a large append (about 7 s of 10 s for a
 * 47 MB pay run). JSON text never holds a raw control character, so quoting it once more as a JSON
 * string escapes exactly the `"` and `\` that an array element needs.
 */
function jsonArrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => JSON.stringify(JSON.stringify(value))).join(',')}}`;
}

/** The event store on PostgreSQL through `pg`; the same SQL serves PGlite in embedded mode. */
export class PostgresEventStore implements EventStore {
  constructor(private readonly pool: Queryable) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, expectedVersion);
    const params: unknown[] = [
      streamId,
      events.length,
      events.map((e) => e.eventId ?? randomUUID()),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion ?? 1),
      jsonArrayLiteral(events.map((e) => e.data ?? null)),
      jsonArrayLiteral(events.map((e) => e.metadata ?? {})),
    ];
    if (typeof expectedVersion === 'number') params.push(expectedVersion);
    // A named statement: each connection plans it once, not on every append (planning the CTE cost
    // more than hashing one event).
    const kind = claimKind(expectedVersion);
    const rows = await this.query<{ revision: string; transaction_id: string; position: string }>({
      name: `es_append_${kind}`,
      text: APPEND_STATEMENTS[kind],
      values: params,
    });
    if (rows.length === 0) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, await this.currentRevision(streamId));
    }
    const [last] = rows; // the append's last event (one row, not one per event)
    return {
      nextExpectedVersion: Number(last.revision),
      position: { commit: BigInt(last.transaction_id), prepare: BigInt(last.position) },
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>({
      name: 'es_read_stream',
      text: `SELECT ${EVENT_COLUMNS} ${STREAM_RANGE}`,
      values: rangeOf(streamId, options),
    });
    return rows.map(toRecordedEvent);
  }

  /** Fewer columns in one value: a long stream reads in about half the time of readStream (bench:audit). */
  async readStreamForReplay(streamId: string, options: ReplayReadOptions = {}): Promise<ReplayEvent[]> {
    return this.replayEvents({
      name: 'es_read_stream_for_replay',
      text: `SELECT ${REPLAY_ARRAY} FROM (SELECT e.stream_id, e.revision, e.event_type, e.schema_version, e.data, e.recorded_at ${STREAM_RANGE}) e`,
      values: rangeOf(streamId, options),
    });
  }

  async readStreamsForReplay(streamIds: readonly string[]): Promise<Map<string, ReplayEvent[]>> {
    const streams = new Map<string, ReplayEvent[]>(streamIds.map((id) => [id, []]));
    if (streams.size === 0) return streams;
    const events = await this.replayEvents({
      name: 'es_read_streams_for_replay',
      text: `SELECT ${REPLAY_ARRAY} FROM es_events e WHERE stream_id = ANY($1::text[])`,
      values: [[...streams.keys()]],
    });
    for (const event of events) streams.get(event.streamId)!.push(event);
    return streams;
  }

  private async replayEvents(statement: pg.QueryConfig): Promise<ReplayEvent[]> {
    const [{ events }] = await this.query<{ events: string }>(statement);
    return (JSON.parse(events) as ReplayTuple[]).map(toReplayEvent);
  }

  async readAll({ after = START, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    // Only transactions older than the oldest still running are visible: one that took an
    // earlier position but commits later is waited for instead of skipped.
    const rows = await this.query<EventRow>({
      name: 'es_read_all',
      text: `SELECT ${EVENT_COLUMNS} FROM es_events e
       WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint)
         AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id, e.position LIMIT $3`,
      values: [after.commit.toString(), after.prepare.toString(), limit],
    });
    return rows.map(toRecordedEvent);
  }

  async headPosition({ committed = false }: HeadOptions = {}): Promise<GlobalPosition | undefined> {
    const [row] = await this.query<{ transaction_id: string; position: string }>({
      name: 'es_head_position',
      text: `SELECT transaction_id::text, position::text FROM es_events e
       WHERE $1 OR e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1`,
      values: [committed],
    });
    return row && { commit: BigInt(row.transaction_id), prepare: BigInt(row.position) };
  }

  async close(): Promise<void> {
    // The pool belongs to whoever opened it (it is shared with the read models).
  }

  private async currentRevision(streamId: string): Promise<number | undefined> {
    const [row] = await this.query<{ revision: string }>({
      name: 'es_current_revision',
      text: 'SELECT revision::text FROM es_streams WHERE stream_id = $1',
      values: [streamId],
    });
    return row ? Number(row.revision) : undefined;
  }

  /**
   * Every statement goes through here: a lost connection becomes EventStoreUnavailableError
   * (rowsUnlessLost). A pool drops the dead client as the query fails, so a retry gets a fresh
   * connection. Every statement is named, so each connection plans it once: the projector and the
   * executor send the same few on every command, and re-planning them cost as much again as running
   * them (measured on PGlite, 0.4–0.6 ms against 0.2–0.3 ms).
   */
  private query<Row extends pg.QueryResultRow>(statement: pg.QueryConfig): Promise<Row[]> {
    return rowsUnlessLost("The event store's database connection was lost", () => this.pool.query<Row>(statement));
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.position) },
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}

function toReplayEvent([streamId, revision, type, schemaVersion, data, recordedAtMs]: ReplayTuple): ReplayEvent {
  return { streamId, revision, type, schemaVersion, data, recordedAt: new Date(recordedAtMs) };
}

function rangeOf(streamId: string, options: ReplayReadOptions): unknown[] {
  return [
    streamId,
    options.fromRevision ?? 0,
    options.toRevision ?? Number.MAX_SAFE_INTEGER,
    options.maxCount ?? null,
    options.recordedUntil ?? null,
  ];
}
