import type { PostgresConnection } from '@banenpool/event-store';
import { StreamSnapshots, type FoundSnapshot, type SnapshotKind, type StreamSnapshot } from './stream-snapshots.js';

type Pool = PostgresConnection['pool'];

// Beside the read models (ADR 0018): a cache the application keeps, whichever store holds the events.
const CREATE = `
  CREATE TABLE IF NOT EXISTS stream_snapshots (
    stream_id  text PRIMARY KEY,
    kind       text NOT NULL,
    version    integer NOT NULL,
    revision   bigint NOT NULL,
    event_id   text NOT NULL,
    state      text NOT NULL, -- JSON; text, not jsonb: read whole by every command, never queried inside
    written_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS stream_snapshot_marks (
    stream_id text NOT NULL,
    mark      text NOT NULL,
    PRIMARY KEY (stream_id, mark)
  );
  -- What an auditor's as-of needs to start from a snapshot (ADR 0023); null on snapshots written before.
  ALTER TABLE stream_snapshots ADD COLUMN IF NOT EXISTS hash text, ADD COLUMN IF NOT EXISTS recorded_until_ms bigint;`;

// The state only when it is not the one this process holds already ($5, $6): a large state costs more to send and parse than to fold on.
const READ = `
  SELECT s.revision, s.event_id, s.hash, s.recorded_until_ms::text, CASE WHEN s.revision = $5 AND s.event_id = $6 THEN NULL ELSE s.state END AS state,
         EXISTS (SELECT 1 FROM stream_snapshot_marks m WHERE m.stream_id = s.stream_id AND m.mark = ANY($4::text[])) AS marked
    FROM stream_snapshots s
   WHERE s.stream_id = $1 AND s.kind = $2 AND s.version = $3`;

// The marks first, in the same statement: a snapshot is never kept without the marks of the events it covers.
const WRITE = `
  WITH marks AS (
    INSERT INTO stream_snapshot_marks (stream_id, mark) SELECT $1, unnest($7::text[]) ON CONFLICT DO NOTHING
  )
  INSERT INTO stream_snapshots (stream_id, kind, version, revision, event_id, state, hash, recorded_until_ms)
  VALUES ($1, $2, $3, $4, $5, $6, $8, $9)
  ON CONFLICT (stream_id) DO UPDATE
     SET kind = EXCLUDED.kind, version = EXCLUDED.version, revision = EXCLUDED.revision,
         event_id = EXCLUDED.event_id, state = EXCLUDED.state, hash = EXCLUDED.hash,
         recorded_until_ms = EXCLUDED.recorded_until_ms, written_at = now()
   WHERE stream_snapshots.revision < EXCLUDED.revision
      OR stream_snapshots.kind <> EXCLUDED.kind OR stream_snapshots.version <> EXCLUDED.version`;

interface SnapshotRow {
  revision: string;
  event_id: string;
  hash: string | null;
  /** Milliseconds since the epoch: the Date it was written from, exactly. */
  recorded_until_ms: string | null;
  state: string | null;
  marked: boolean;
}

/** Streams whose latest snapshot this process keeps parsed: a few hundred large worker states fit in tens of megabytes. */
const HELD_STREAMS = 256;

/**
 * Snapshots in the PostgreSQL (or PGlite) database of the read models; the tables are made on
 * first use. The snapshots last read or written are also held parsed, so a command finds the
 * state it needs without the database sending it again while the stored snapshot is that one.
 */
export class PostgresStreamSnapshots extends StreamSnapshots {
  private tables: Promise<unknown> | undefined;
  /** By stream, least recently used first. States are never changed in place (deciders are pure), so they can be shared. */
  private readonly held = new Map<string, StreamSnapshot>();

  constructor(private readonly pool: Pool) {
    super();
  }

  async read(streamId: string, kind: SnapshotKind, marks: readonly string[]): Promise<FoundSnapshot | undefined> {
    await this.ensureTables();
    const held = this.heldOf(streamId, kind);
    const params = [streamId, kind.name, kind.version, marks, held?.revision ?? -1, held?.eventId ?? ''];
    const { rows } = await this.pool.query<SnapshotRow>(READ, params);
    const row = rows[0];
    if (row === undefined) return undefined;
    const snapshot = row.state === null && held !== undefined ? held : snapshotOf(streamId, kind, row);
    this.hold(snapshot);
    return { snapshot, marked: row.marked };
  }

  async write(snapshot: StreamSnapshot, marks: readonly string[]): Promise<void> {
    await this.ensureTables();
    const { streamId, kind, revision, eventId, state, hash, recordedUntil } = snapshot;
    const params = [
      streamId,
      kind.name,
      kind.version,
      revision,
      eventId,
      JSON.stringify(state),
      marks,
      hash ?? null,
      recordedUntil?.getTime() ?? null,
    ];
    await this.pool.query(WRITE, params);
    this.hold(snapshot);
  }

  private heldOf(streamId: string, kind: SnapshotKind): StreamSnapshot | undefined {
    const held = this.held.get(streamId);
    return held?.kind.name === kind.name && held.kind.version === kind.version ? held : undefined;
  }

  private hold(snapshot: StreamSnapshot): void {
    this.held.delete(snapshot.streamId);
    this.held.set(snapshot.streamId, snapshot);
    const oldest = this.held.keys().next().value;
    if (this.held.size > HELD_STREAMS && oldest !== undefined) this.held.delete(oldest);
  }

  private ensureTables(): Promise<unknown> {
    // A failure is not kept: the next use tries again (a snapshot store that cannot be reached only costs folding).
    this.tables ??= this.pool.query(CREATE).catch((error: unknown) => {
      this.tables = undefined;
      throw error;
    });
    return this.tables;
  }
}

function snapshotOf(streamId: string, kind: SnapshotKind, row: SnapshotRow): StreamSnapshot {
  return {
    streamId,
    kind,
    revision: Number(row.revision),
    eventId: row.event_id,
    state: JSON.parse(row.state ?? 'null') as unknown,
    ...(row.hash !== null ? { hash: row.hash } : {}),
    ...(row.recorded_until_ms !== null ? { recordedUntil: new Date(Number(row.recorded_until_ms)) } : {}),
  };
}
