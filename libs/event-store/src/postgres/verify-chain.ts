import type { Queryable } from './postgres-event-store.js';

/** Where a stream's hash chain first fails. */
export interface ChainBreak {
  streamId: string;
  revision: number;
  reason: string;
}

export interface ChainVerification {
  streams: number;
  events: number;
  /** The earliest break in the feed's order (head mismatches, which have no event, last). */
  firstBreak?: ChainBreak;
  /** Every broken stream's first break, in the same order. */
  breaks: ChainBreak[];
}

export interface VerifyChainOptions {
  /** Walk this stream only. */
  streamId?: string;
  /** Called after each page of streams with the number of events checked so far. */
  onProgress?: (eventsChecked: number) => void;
  /** Streams per page (default 2,000): one SQL statement walks one page. */
  pageSize?: number;
}

const REASONS: Record<string, string> = {
  hash_mismatch:
    'the stored hash is not what the event content and its predecessor give: this event (or an earlier one in its stream) was changed',
  missing_revision: 'the revision before this event is missing: an event was removed',
  head_mismatch:
    "the stream's recorded last revision is not its last event's: events were removed (or added outside the store) at its end, or its stream row was removed",
};

interface BreakRow {
  stream_id: string;
  revision: string;
  event_position: string | null;
  reason: string;
}

/**
 * Recomputes every stream's hash chain in the database (es_verify_chain, migration 002) and
 * reports where it breaks. Walks the streams in pages of stream ids, so progress can be shown and
 * no statement holds a snapshot over the whole store.
 */
export async function verifyEventChain(pool: Queryable, options: VerifyChainOptions = {}): Promise<ChainVerification> {
  const rows: BreakRow[] = [];
  let streams = 0;
  let events = 0;
  for await (const page of streamPages(pool, options)) {
    const result = await pool.query<BreakRow>(
      'SELECT stream_id, revision::text, event_position::text, reason FROM es_verify_chain($1, $2, $3)',
      [page.after, page.upTo, page.only ?? null],
    );
    rows.push(...result.rows);
    streams += page.streams;
    events += page.events;
    options.onProgress?.(events);
  }
  const breaks = rows
    .sort(byPosition)
    .map((row) => ({ streamId: row.stream_id, revision: Number(row.revision), reason: REASONS[row.reason] ?? row.reason }));
  return { streams, events, firstBreak: breaks[0], breaks };
}

interface StreamPage {
  after: string | null;
  upTo: string | null;
  only?: string;
  streams: number;
  events: number;
}

/**
 * Contiguous ranges (after, upTo] of stream ids that together cover every id, the last one open
 * ended: events whose stream row was deleted are walked too.
 */
async function* streamPages(pool: Queryable, { streamId, pageSize = 2_000 }: VerifyChainOptions): AsyncGenerator<StreamPage> {
  if (streamId !== undefined) {
    const result = await pool.query<{ events: string; listed: boolean }>(
      'SELECT (SELECT count(*) FROM es_events WHERE stream_id = $1)::text AS events, EXISTS (SELECT 1 FROM es_streams WHERE stream_id = $1) AS listed',
      [streamId],
    );
    const { events, listed } = result.rows[0];
    // A stream with neither events nor a stream row does not exist: zero streams walked.
    yield { after: null, upTo: null, only: streamId, streams: listed || Number(events) > 0 ? 1 : 0, events: Number(events) };
    return;
  }
  let after: string | null = null;
  for (;;) {
    const result: { rows: { last: string | null; streams: string }[] } = await pool.query(
      `SELECT max(stream_id) AS last, count(*)::text AS streams
       FROM (SELECT stream_id FROM es_streams WHERE $1::text IS NULL OR stream_id > $1 ORDER BY stream_id LIMIT $2) page`,
      [after, pageSize],
    );
    const page = result.rows[0];
    const full = Number(page.streams) === pageSize;
    const upTo = full ? page.last : null;
    // The events that are there, not what the stream rows claim: after a removal they differ.
    const counted = await pool.query<{ events: string }>(
      'SELECT count(*)::text AS events FROM es_events WHERE ($1::text IS NULL OR stream_id > $1) AND ($2::text IS NULL OR stream_id <= $2)',
      [after, upTo],
    );
    yield { after, upTo, streams: Number(page.streams), events: Number(counted.rows[0].events) };
    if (!full) return;
    after = page.last;
  }
}

/** Event breaks in the order they were appended; head mismatches (no event to point at) after them. */
function byPosition(a: BreakRow, b: BreakRow): number {
  if (a.event_position === null || b.event_position === null) return Number(a.event_position === null) - Number(b.event_position === null);
  return Number(BigInt(a.event_position) - BigInt(b.event_position));
}
