-- The event store: one row per event, one row per stream holding its current revision.
-- Revisions are 0-based (the first event of a stream is revision 0), as in KurrentDB.

CREATE TABLE es_streams (
  stream_id text PRIMARY KEY,
  -- revision of the stream's last event; the row is the lock that serialises writers of one stream
  revision bigint NOT NULL
);

CREATE TABLE es_events (
  -- Global order is (transaction_id, position), not position alone: a transaction that took
  -- position 7 may commit after one that took 8. Readers only see transactions older than the
  -- oldest one still running, so a late commit is never skipped (see readAll).
  position bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (stream_id, revision),
  CONSTRAINT es_events_event_id_unique UNIQUE (event_id)
);

CREATE INDEX es_events_feed ON es_events (transaction_id, position);
