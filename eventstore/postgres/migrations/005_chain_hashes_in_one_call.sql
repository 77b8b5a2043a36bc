-- The append's chain in one function call per append instead of a window aggregate with a
-- PL/pgSQL step per event (docs/adr/0024-append-chain-in-one-call.md). The stored hash is unchanged:
-- sha256(predecessor's hash || es_event_content(...)) for every event, es_event_content being the
-- very function verify uses (migration 002), so old and new events verify alike.

-- Every event's hash for one append, in order: the events are given as the append's arrays (the
-- parameters the append statement already holds, parsed once), the i-th event at revision
-- first_revision + i - 1, all recorded at recorded_at; `previous` is the hash the stream ends with
-- (NULL for a new stream). One call and one loop instead of a window over the inserted rows: no sort
-- of the rows by ordinality, no tuple store, no PL/pgSQL call and aggregate transition per event.
-- The arrays are 1-based, as `pg` sends them.
CREATE FUNCTION es_chain_hashes(
  previous bytea, stream_id text, first_revision bigint, recorded_at timestamptz,
  event_ids uuid[], event_types text[], schema_versions integer[], data jsonb[], metadata jsonb[]
) RETURNS bytea[] LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  head bytea := coalesce(previous, ''::bytea);
  hashes bytea[] := '{}';
BEGIN
  FOR i IN 1 .. cardinality(event_ids) LOOP
    head := sha256(head || es_event_content(stream_id, first_revision + i - 1, event_ids[i], event_types[i], schema_versions[i], data[i], metadata[i], recorded_at));
    hashes[i] := head;
  END LOOP;
  RETURN hashes;
END
$$;
