import { parsePosition } from '../global-position.js';
import type { Queryable } from './postgres-event-store.js';

/** A category's share of a digest: its streams, their events at or before the digest's position, and their heads' chain. */
export interface CategorySummary {
  streams: number;
  events: number;
  hash: string;
}

/**
 * A sealed digest over the whole feed (migration 003): every stream's head at or before `position`.
 * Kept outside the database (as JSON), it lets `verifyFeedDigests` find a stream or tail removed since.
 */
export interface FeedDigest {
  sequence: number;
  /** "commit-prepare": the settled feed position covered; every event at or before it counts. */
  position: string;
  streams: number;
  events: number;
  headsHash: string;
  /** Per stream-id prefix (up to the first '-'), to say where a later recomputation differs. */
  categories: Record<string, CategorySummary>;
  sealedAt: string;
  previousHash: string | null;
  hash: string;
}

export interface CategoryDifference {
  category: string;
  sealed: { streams: number; events: number } | null;
  now: { streams: number; events: number } | null;
}

export interface DigestBreak {
  sequence: number;
  position: string;
  reason: string;
  /** For a recomputation that differs: the categories whose streams differ. */
  categories?: CategoryDifference[];
}

export interface DigestVerification {
  /** Digests in es_digests. */
  stored: number;
  /** The digests recomputed against the events: the last stored one, then each exported one. */
  checked: number[];
  breaks: DigestBreak[];
}

const COLUMNS = `sequence::text, transaction_id::text || '-' || position::text AS position, streams::text, events::text,
  encode(heads_hash, 'hex') AS heads_hash, categories, sealed_at,
  encode(previous_hash, 'hex') AS previous_hash, encode(hash, 'hex') AS hash`;

// One statement: the position is the committed head (only transactions older than every running
// one, as readAll sees it), so no event can later join the set the digest covers. The sealing time
// is cut to milliseconds so the exported JSON carries it exactly.
const SEAL = `WITH head AS (
    SELECT transaction_id, position FROM es_events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY transaction_id DESC, position DESC LIMIT 1
  ),
  at_p AS (
    SELECT coalesce((SELECT transaction_id FROM head), '0'::xid8) AS transaction_id, coalesce((SELECT position FROM head), 0) AS position
  ),
  last AS (SELECT sequence, hash FROM es_digests ORDER BY sequence DESC LIMIT 1),
  digest AS (
    SELECT coalesce((SELECT sequence FROM last), 0) + 1 AS sequence, p.transaction_id, p.position,
      s.streams, s.events, s.heads_hash, s.categories,
      date_trunc('milliseconds', statement_timestamp()) AS sealed_at, (SELECT hash FROM last) AS previous_hash
    FROM at_p p, es_feed_summary(p.transaction_id, p.position) s
  )
  INSERT INTO es_digests (sequence, transaction_id, position, streams, events, heads_hash, categories, sealed_at, previous_hash, hash)
  SELECT d.*, es_digest_hash(d.previous_hash, d.sequence, d.transaction_id, d.position, d.streams, d.events, d.heads_hash, d.sealed_at)
  FROM digest d
  RETURNING ${COLUMNS}`;

const STORED = `SELECT ${COLUMNS},
    encode(es_digest_hash(previous_hash, sequence, transaction_id, position, streams, events, heads_hash, sealed_at), 'hex')
      AS expected_hash,
    lag(sequence) OVER w::text AS before_sequence, encode(lag(hash) OVER w, 'hex') AS before_hash
  FROM es_digests WINDOW w AS (ORDER BY sequence) ORDER BY sequence`;

interface DigestRow {
  sequence: string;
  position: string;
  streams: string;
  events: string;
  heads_hash: string;
  categories: Record<string, CategorySummary>;
  sealed_at: Date;
  previous_hash: string | null;
  hash: string;
}

interface StoredRow extends DigestRow {
  expected_hash: string;
  before_sequence: string | null;
  before_hash: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** Seals a digest of the feed at its committed head, chained onto the last one, and returns it. */
export async function sealFeedDigest(pool: Queryable): Promise<FeedDigest> {
  for (let attempt = 1; ; attempt++) {
    try {
      return toDigest((await pool.query<DigestRow>(SEAL)).rows[0]);
    } catch (error) {
      // Another seal took the same sequence number at the same moment: chain onto it instead.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt === 3) throw error;
    }
  }
}

/** Every stored digest, oldest first. */
export async function feedDigests(pool: Queryable): Promise<FeedDigest[]> {
  return (await pool.query<DigestRow>(`SELECT ${COLUMNS} FROM es_digests ORDER BY sequence`)).rows.map(toDigest);
}

/**
 * Checks that the stored digests still chain, and recomputes the last one and every exported one
 * at its position. The last stored digest stands for the earlier ones: every head it sealed
 * commits its stream's whole prefix, so a removal before an earlier digest changes it too.
 */
export async function verifyFeedDigests(
  pool: Queryable,
  { exported = [] }: { exported?: readonly FeedDigest[] } = {},
): Promise<DigestVerification> {
  const rows = (await pool.query<StoredRow>(STORED)).rows;
  const breaks = rows.flatMap(rowBreak);
  const bySequence = new Map(rows.map((row) => [Number(row.sequence), row]));
  breaks.push(...exported.flatMap((digest) => exportedBreak(digest, bySequence.get(digest.sequence))));
  const last = rows.at(-1);
  const recomputed = [...(last ? [toDigest(last)] : []), ...exported.filter((digest) => digest.hash !== last?.hash)];
  for (const digest of recomputed) {
    const found = await recomputedBreak(pool, digest);
    if (found) breaks.push(found);
  }
  const checked = recomputed.map((digest) => digest.sequence);
  return { stored: rows.length, checked, breaks: breaks.sort((a, b) => a.sequence - b.sequence) };
}

function rowBreak(row: StoredRow): DigestBreak[] {
  const sequence = Number(row.sequence);
  const broken = (reason: string) => [{ sequence, position: row.position, reason }];
  if (row.hash !== row.expected_hash) {
    return broken(`digest ${sequence} was edited: its hash is not what its fields and the previous digest's hash give`);
  }
  const before = row.before_sequence === null ? 0 : Number(row.before_sequence);
  if (sequence > before + 1) {
    return broken(`${removedRange(before + 1, sequence - 1)} removed: digest ${sequence} chains onto a digest that is gone`);
  }
  if (row.previous_hash !== row.before_hash) {
    return broken(`digest ${sequence} does not chain onto the digest before it: one of them was replaced`);
  }
  return [];
}

const removedRange = (from: number, to: number) => (from === to ? `digest ${from} was` : `digests ${from} to ${to} were`);

function exportedBreak(digest: FeedDigest, row: StoredRow | undefined): DigestBreak[] {
  const at = { sequence: digest.sequence, position: digest.position };
  if (!row) return [{ ...at, reason: `digest ${digest.sequence}, as exported, is no longer in es_digests: it was removed` }];
  if (row.hash !== digest.hash)
    return [{ ...at, reason: `digest ${digest.sequence} in es_digests is not the exported one: it was replaced` }];
  return [];
}

interface Summary {
  streams: string;
  events: string;
  heads_hash: string;
  categories: Record<string, CategorySummary>;
}

/** Recomputes the digest's summary at its position; a difference means events at or before it were removed, added or rewritten. */
async function recomputedBreak(pool: Queryable, digest: FeedDigest): Promise<DigestBreak | undefined> {
  const position = parsePosition(digest.position)!;
  const { rows } = await pool.query<Summary>(
    `SELECT streams::text, events::text, encode(heads_hash, 'hex') AS heads_hash, categories
     FROM es_feed_summary($1::text::xid8, $2::bigint)`,
    [position.commit.toString(), position.prepare.toString()],
  );
  const now = { streams: Number(rows[0].streams), events: Number(rows[0].events) };
  if (rows[0].heads_hash === digest.headsHash && now.streams === digest.streams && now.events === digest.events) return undefined;
  const counts = `now ${now.streams} streams with ${now.events} events, sealed ${digest.streams} with ${digest.events}`;
  return {
    sequence: digest.sequence,
    position: digest.position,
    reason:
      `events at or before position ${digest.position} differ from the sealed digest ${digest.sequence} (${counts}): ` +
      cause(now.events, digest.events),
    categories: categoryDifferences(digest.categories, rows[0].categories),
  };
}

function cause(events: number, sealed: number): string {
  if (events < sealed) return 'a stream or its tail was removed';
  if (events > sealed) return 'events were added at or before that position since (moved there, or written outside the store)';
  return 'an event was changed and its later hashes recomputed, or events were moved across that position';
}

function categoryDifferences(sealed: Record<string, CategorySummary>, now: Record<string, CategorySummary>): CategoryDifference[] {
  const counts = (summary: CategorySummary | undefined) => (summary ? { streams: summary.streams, events: summary.events } : null);
  return [...new Set([...Object.keys(sealed), ...Object.keys(now)])]
    .sort()
    .filter((category) => sealed[category]?.hash !== now[category]?.hash)
    .map((category) => ({ category, sealed: counts(sealed[category]), now: counts(now[category]) }));
}

function toDigest(row: DigestRow): FeedDigest {
  return {
    sequence: Number(row.sequence),
    position: row.position,
    streams: Number(row.streams),
    events: Number(row.events),
    headsHash: row.heads_hash,
    categories: row.categories,
    sealedAt: row.sealed_at.toISOString(),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A digest as `sealFeedDigest` exported it (parsed JSON); throws naming the first field that is not. */
export function toFeedDigest(value: unknown): FeedDigest {
  const digest = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof FeedDigest, unknown>>;
  const fields = Object.entries(DIGEST_FIELDS) as [keyof FeedDigest, (field: unknown) => boolean][];
  const wrong = fields.find(([name, valid]) => !valid(digest[name]));
  if (wrong) throw new Error(`Not a feed digest: "${wrong[0]}" is missing or malformed`);
  return digest as FeedDigest;
}

const DIGEST_FIELDS: Record<keyof FeedDigest, (field: unknown) => boolean> = {
  sequence: (field) => isCount(field) && field > 0,
  position: (field) => typeof field === 'string' && parsePosition(field) !== undefined,
  streams: isCount,
  events: isCount,
  headsHash: (field) => typeof field === 'string' && HEX_HASH.test(field),
  categories: (field) => typeof field === 'object' && field !== null && !Array.isArray(field),
  sealedAt: (field) => typeof field === 'string' && !Number.isNaN(Date.parse(field)),
  previousHash: (field) => field === null || (typeof field === 'string' && HEX_HASH.test(field)),
  hash: (field) => typeof field === 'string' && HEX_HASH.test(field),
};
