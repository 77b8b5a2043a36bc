-- Crypto-shredding (docs/adr/0020-crypto-shredding.md): each subject's (worker's) 256-bit data key,
-- wrapped by the master key, encrypts the personal fields of that subject's events. Shredding
-- deletes the key and records the subject, so readers tell "erased" from "key lost".
-- The same statements (IF NOT EXISTS) create these tables in the read-model database when events
-- live in KurrentDB (ensurePersonalDataKeyTables).
CREATE TABLE IF NOT EXISTS personal_data_keys (
  subject_id text PRIMARY KEY,
  key_version integer NOT NULL DEFAULT 1,
  wrapped_key bytea NOT NULL,
  master_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS personal_data_shredded (
  subject_id text PRIMARY KEY,
  shredded_at timestamptz NOT NULL DEFAULT now()
);

-- Chain epochs: a stream re-chained by the personal-data migration keeps here the hashes its
-- events had before (from the first rewritten revision to its head then), so the earlier chain,
-- and the heads auditors and sealed digests hold, stay checkable (verifyChainEpochs).
CREATE TABLE IF NOT EXISTS es_chain_epochs (
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  epoch text NOT NULL,
  previous_hash bytea NOT NULL,
  rewritten boolean NOT NULL,
  migrated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (epoch, stream_id, revision)
);
