-- Truncation evidence: sealed digests over the heads of every stream at a settled feed position, so a
-- stream removed whole, a tail cut off (even with its es_streams row edited to match) or a stream
-- rewritten with recomputed hashes is found by recomputing the digest. See docs/adr/0011-feed-digests.md.

-- One row per sealed digest. Each covers every event at or before feed position P
-- (transaction_id, position), settled when sealed (older than every running transaction), so no
-- event can join that set later. The rows chain like events do: a removed or edited row shows.
CREATE TABLE es_digests (
  sequence bigint PRIMARY KEY CHECK (sequence > 0),
  transaction_id xid8 NOT NULL,
  position bigint NOT NULL,
  streams bigint NOT NULL,
  events bigint NOT NULL,
  -- es_chain over each category's line (see es_feed_summary): commits every stream head at P
  heads_hash bytea NOT NULL,
  -- per category (the stream id up to its first '-'): streams, events and their heads' chain, to
  -- say where a later recomputation differs
  categories jsonb NOT NULL,
  sealed_at timestamptz NOT NULL,
  previous_hash bytea,
  hash bytea NOT NULL
);

-- The stream heads at feed position P: per stream its last revision at or before P, that event's
-- hash (which commits the stream's whole prefix) and how many of its events lie at or before P.
-- Heads are chained per category in stream-id order, then the categories in name order; COLLATE "C"
-- so the order (and the hash) does not depend on the database's locale.
CREATE FUNCTION es_feed_summary(at_transaction xid8, at_position bigint)
RETURNS TABLE (streams bigint, events bigint, heads_hash bytea, categories jsonb) LANGUAGE sql STABLE AS $$
  WITH at_p AS (
    SELECT e.stream_id, max(e.revision) AS revision, count(*) AS events FROM es_events e
    WHERE (e.transaction_id, e.position) <= (at_transaction, at_position)
    GROUP BY e.stream_id
  ),
  heads AS (
    SELECT a.stream_id, split_part(a.stream_id, '-', 1) AS category, a.revision, a.events, e.hash
    FROM at_p a JOIN es_events e ON e.stream_id = a.stream_id AND e.revision = a.revision
  ),
  by_category AS (
    SELECT h.category, count(*) AS streams, sum(h.events)::bigint AS events,
      es_chain(NULL::bytea, convert_to(concat_ws(',', to_json(h.stream_id), h.revision, h.events, encode(h.hash, 'hex')), 'UTF8')
        ORDER BY h.stream_id COLLATE "C") AS hash
    FROM heads h GROUP BY h.category
  )
  SELECT coalesce(sum(c.streams), 0)::bigint, coalesce(sum(c.events), 0)::bigint,
    coalesce(es_chain(NULL::bytea, convert_to(concat_ws(',', to_json(c.category), c.streams, c.events, encode(c.hash, 'hex')), 'UTF8')
      ORDER BY c.category COLLATE "C"), sha256(''::bytea)),
    coalesce(jsonb_object_agg(c.category, jsonb_build_object('streams', c.streams, 'events', c.events, 'hash', encode(c.hash, 'hex'))), '{}'::jsonb)
  FROM by_category c
$$;

-- A digest's hash: sha256(previous digest's hash || its fields), the fields as text joined by commas
-- and the sealing time in PostgreSQL's binary form (as for events: no session setting changes it).
CREATE FUNCTION es_digest_hash(
  previous bytea, sequence bigint, at_transaction xid8, at_position bigint, streams bigint, events bigint, heads_hash bytea, sealed_at timestamptz
) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(coalesce(previous, ''::bytea)
    || convert_to(concat_ws(',', sequence, at_transaction, at_position, streams, events, encode(heads_hash, 'hex')), 'UTF8')
    || timestamptz_send(sealed_at))
$$;
