-- Tamper evidence: every event carries a SHA-256 hash over its content and its stream
-- predecessor's hash, so an event edited, removed or reordered in the table breaks the chain from
-- that event on (es_verify_chain finds the first break). See docs/adr/0010-hash-chain.md.

-- The bytes an event's hash covers: its fields as JSON texts joined by commas (JSON texts are
-- self-delimiting, so no two events give the same bytes), then the recorded time in PostgreSQL's
-- binary form (microseconds since 2000 UTC: no time zone or DateStyle setting can change it).
-- jsonb's text form is canonical (keys ordered, one spelling per value), so the same stored event
-- always gives the same bytes, on PostgreSQL and on PGlite alike.
CREATE FUNCTION es_event_content(
  stream_id text, revision bigint, event_id uuid, event_type text, schema_version integer,
  data jsonb, metadata jsonb, recorded_at timestamptz
) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT convert_to(concat_ws(',', to_json(stream_id), revision, to_json(event_id), to_json(event_type), schema_version, data, metadata), 'UTF8')
    || timestamptz_send(recorded_at)
$$;

-- One link of the chain: hash(predecessor's hash || content). As an aggregate over a stream's
-- events in revision order (a window, ORDER BY revision) it yields every event's hash; `previous`
-- is the hash the stream already ends with (NULL for a new stream), used for the first row only.
-- PL/pgSQL rather than SQL: an aggregate's step is called per row and is never inlined, and
-- PL/pgSQL's simple-expression path is the cheaper call (measured: about 1.5 µs less per event).
CREATE FUNCTION es_chain_step(state bytea, previous bytea, content bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN sha256(coalesce(state, previous, ''::bytea) || content);
END
$$;

CREATE AGGREGATE es_chain(bytea, bytea) (SFUNC = es_chain_step, STYPE = bytea);

ALTER TABLE es_events ADD COLUMN hash bytea;

-- Events stored before this migration are chained as they are now.
UPDATE es_events e SET hash = chained.hash
FROM (
  SELECT stream_id, revision,
    es_chain(NULL::bytea, es_event_content(stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at))
      OVER (PARTITION BY stream_id ORDER BY revision) AS hash
  FROM es_events
) chained
WHERE e.stream_id = chained.stream_id AND e.revision = chained.revision;

ALTER TABLE es_events ALTER COLUMN hash SET NOT NULL;

-- The hash of a stream's event at a revision (NULL before the first): what the next append chains
-- onto. VOLATILE on purpose: its query takes a fresh snapshot (READ COMMITTED), so an append that
-- waited for a concurrent writer's lock on the stream row sees the event that writer committed,
-- which the append statement's own snapshot, taken before the wait, does not show.
CREATE FUNCTION es_hash_at(stream text, at_revision bigint) RETURNS bytea LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN (SELECT hash FROM es_events WHERE stream_id = stream AND revision = at_revision);
END
$$;

-- Walks the chain of the streams whose ids lie in (after_stream, up_to_stream] (NULL: unbounded),
-- so a caller can walk the store in pages, or of `only_stream`, and returns each broken stream's first break: an event
-- whose stored hash is not what its content and predecessor give, a revision missing before an
-- event, or a stream row whose revision is not its last event's (or is missing).
CREATE FUNCTION es_verify_chain(after_stream text, up_to_stream text, only_stream text DEFAULT NULL)
RETURNS TABLE (stream_id text, revision bigint, event_position bigint, reason text) LANGUAGE sql STABLE AS $$
  WITH walked AS (
    SELECT e.stream_id, e.revision, e.hash, e.position,
      es_chain(NULL::bytea, es_event_content(e.stream_id, e.revision, e.event_id, e.event_type, e.schema_version, e.data, e.metadata, e.recorded_at))
        OVER w AS expected,
      lag(e.revision, 1, -1::bigint) OVER w AS previous_revision
    FROM es_events e
    WHERE (after_stream IS NULL OR e.stream_id > after_stream) AND (up_to_stream IS NULL OR e.stream_id <= up_to_stream)
      AND (only_stream IS NULL OR e.stream_id = only_stream)
    WINDOW w AS (PARTITION BY e.stream_id ORDER BY e.revision)
  ),
  event_breaks AS (
    SELECT DISTINCT ON (stream_id) stream_id, revision, position,
      CASE WHEN previous_revision <> revision - 1 THEN 'missing_revision' ELSE 'hash_mismatch' END AS reason
    FROM walked
    WHERE previous_revision <> revision - 1 OR hash IS DISTINCT FROM expected
    ORDER BY stream_id, revision
  ),
  heads AS (
    SELECT stream_id, max(revision) AS revision FROM walked GROUP BY stream_id
  ),
  streams AS (
    SELECT s.stream_id, s.revision FROM es_streams s
    WHERE (after_stream IS NULL OR s.stream_id > after_stream) AND (up_to_stream IS NULL OR s.stream_id <= up_to_stream)
      AND (only_stream IS NULL OR s.stream_id = only_stream)
  ),
  head_breaks AS (
    SELECT coalesce(s.stream_id, h.stream_id) AS stream_id, coalesce(s.revision, h.revision) AS revision,
      NULL::bigint AS position, 'head_mismatch' AS reason
    FROM streams s FULL JOIN heads h ON h.stream_id = s.stream_id
    WHERE (s.stream_id IS NULL OR h.stream_id IS NULL OR h.revision <> s.revision)
      AND coalesce(s.stream_id, h.stream_id) NOT IN (SELECT stream_id FROM event_breaks)
  )
  SELECT stream_id, revision, position, reason FROM event_breaks
  UNION ALL
  SELECT stream_id, revision, position, reason FROM head_breaks
$$;
