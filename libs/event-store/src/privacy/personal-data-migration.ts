// Moves events written before crypto-shredding to the encrypted form, in place, and re-chains the
// streams it changed, keeping the hashes they had in es_chain_epochs (ADR 0020).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { sealFeedDigest } from '../postgres/feed-digest.js';
import { itemFieldOf, type EncryptingEventStore, type PersonalFieldRegistry } from './encrypting-event-store.js';
import { ENVELOPE_FIELD } from './envelope.js';

export interface PersonalDataMigrationProgress {
  streamsDone: number;
  streams: number;
  eventsRewritten: number;
}

export interface PersonalDataMigrationResult extends PersonalDataMigrationProgress {
  /** The epoch name the re-chained streams' earlier hashes are recorded under (undefined: nothing to do). */
  epoch?: string;
  /** Sequence number of the digest sealed after re-chaining, when the store had sealed digests. */
  sealedDigest?: number;
}

interface StoredEventRow {
  revision: string;
  event_type: string;
  data: unknown;
  hash: Buffer;
}

/**
 * Encrypts the personal fields of every event that still holds them in the clear. Per stream, in
 * one transaction holding the stream row's lock (appends to it wait): records the hash of every
 * event from the first rewritten one to the head under a new epoch, rewrites the data, and
 * recomputes those hashes with the same SQL the append uses. Streams already encrypted are left
 * alone, so a second run changes nothing. When digests were sealed, one is sealed afterwards, so
 * `verify` (which recomputes the last one) holds; the earlier ones are explained by the epoch.
 */
export async function migratePersonalData(
  pool: pg.Pool,
  store: EncryptingEventStore,
  registry: PersonalFieldRegistry,
  onProgress: (progress: PersonalDataMigrationProgress) => void = () => undefined,
  now: () => Date = () => new Date(),
): Promise<PersonalDataMigrationResult> {
  // The streams with an event holding a registered field in the clear (a timesheet line's remark: in an item of its lines).
  const fields = Object.entries(registry).flatMap(([type, spec]) => Object.keys(spec.fields).map((field) => [type, jsonPathOf(field)]));
  const candidates = await pool.query<{ stream_id: string; first: string }>(
    `SELECT e.stream_id, min(e.revision)::text AS first
     FROM es_events e JOIN unnest($1::text[], $2::text[]) AS f(event_type, path) ON f.event_type = e.event_type
     WHERE jsonb_typeof(e.data) = 'object' AND NOT e.data ? $3 AND jsonb_path_exists(e.data, f.path::jsonpath)
     GROUP BY e.stream_id ORDER BY e.stream_id`,
    [fields.map(([type]) => type), fields.map(([, path]) => path), ENVELOPE_FIELD],
  );
  const epoch = `personal-data:${now().toISOString()}`;
  const progress: PersonalDataMigrationProgress = { streamsDone: 0, streams: candidates.rows.length, eventsRewritten: 0 };
  onProgress({ ...progress });
  for (const { stream_id, first } of candidates.rows) {
    progress.eventsRewritten += await migrateStream(pool, store, stream_id, Number(first), epoch);
    progress.streamsDone += 1;
    onProgress({ ...progress });
  }
  if (progress.eventsRewritten === 0) return { ...progress };
  const digests = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM es_digests');
  const sealedDigest = Number(digests.rows[0].n) > 0 ? (await sealFeedDigest(pool)).sequence : undefined;
  return { ...progress, epoch, sealedDigest };
}

/** A registered field as an SQL/JSON path: `$."reason"`, or `$."lines"[*]."remark"` for an item field. */
function jsonPathOf(field: string): string {
  const path = itemFieldOf(field);
  return path ? `$.${JSON.stringify(path.array)}[*].${JSON.stringify(path.item)}` : `$.${JSON.stringify(field)}`;
}

async function migrateStream(pool: pg.Pool, store: EncryptingEventStore, streamId: string, from: number, epoch: string): Promise<number> {
  // Encrypted before the transaction: the keys come through the pool, and PGlite has one connection.
  const { rows } = await pool.query<StoredEventRow>(
    'SELECT revision::text, event_type, data, hash FROM es_events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision',
    [streamId, from],
  );
  const encrypted = await store.encryptEvents(
    streamId,
    rows.map((row) => ({ type: row.event_type, data: row.data })),
  );
  const changed = rows.filter((row, i) => encrypted[i].data !== row.data);
  if (changed.length === 0) return 0;
  const firstChanged = Number(changed[0].revision);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT revision FROM es_streams WHERE stream_id = $1 FOR UPDATE', [streamId]);
    // Under the lock, the hashes as they are now (an append may have come in since the read): those are what the epoch keeps.
    await client.query(
      `INSERT INTO es_chain_epochs (stream_id, revision, epoch, previous_hash, rewritten)
       SELECT stream_id, revision, $2, hash, revision = ANY($3::bigint[]) FROM es_events WHERE stream_id = $1 AND revision >= $4`,
      [streamId, epoch, changed.map((row) => row.revision), firstChanged],
    );
    // Only rows still as read are rewritten: a second migration running at once finds them changed and leaves them.
    const updated = await client.query(
      `UPDATE es_events e SET data = t.data FROM unnest($2::bigint[], $3::jsonb[], $4::bytea[]) AS t(revision, data, hash)
       WHERE e.stream_id = $1 AND e.revision = t.revision AND e.hash = t.hash`,
      [
        streamId,
        changed.map((row) => row.revision),
        changed.map((row) => JSON.stringify(encrypted[rows.indexOf(row)].data)),
        changed.map((row) => row.hash),
      ],
    );
    if (updated.rowCount !== changed.length) throw new Error(`Stream ${streamId} changed during its migration: run the migration again`);
    await rechain(client, streamId, firstChanged);
    await client.query('COMMIT');
    return changed.length;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** The stream's hashes from `from` on, recomputed over the stored content as the append computes them (migration 002). */
async function rechain(client: pg.PoolClient, streamId: string, from: number): Promise<void> {
  await client.query(
    `UPDATE es_events e SET hash = c.hash FROM (
       SELECT revision, es_chain(es_hash_at($1, $2::bigint - 1),
         es_event_content(stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at)) OVER (ORDER BY revision) AS hash
       FROM es_events WHERE stream_id = $1 AND revision >= $2) c
     WHERE e.stream_id = $1 AND e.revision = c.revision`,
    [streamId, from],
  );
}

export interface EpochVerification {
  epochs: number;
  /** Links of the earlier chain recomputed and found as recorded. */
  linksVerified: number;
  /** Links whose content cannot be rebuilt any more: the subject's key was shredded (erasure works as meant). */
  linksErased: number;
  breaks: { epoch: string; streamId: string; revision: number }[];
}

interface EpochRow {
  epoch: string;
  stream_id: string;
  revision: string;
  previous_hash: Buffer;
  rewritten: boolean;
  data: unknown;
  event_type: string;
  content: Buffer;
}

/**
 * Checks the chain as it was before each migration epoch: every recorded hash is recomputed from
 * the event as it was (its personal fields decrypted back into its data) and its recorded
 * predecessor, starting from the unchanged hash before the epoch. A link whose subject was erased
 * since cannot be recomputed (that is the point of erasure) and is counted, not failed; the chain
 * goes on from its recorded hash.
 */
export async function verifyChainEpochs(pool: pg.Pool, store: EncryptingEventStore): Promise<EpochVerification> {
  const streams = await pool.query<{ epoch: string; stream_id: string }>(
    'SELECT DISTINCT epoch, stream_id FROM es_chain_epochs ORDER BY epoch, stream_id',
  );
  const result: EpochVerification = {
    epochs: new Set(streams.rows.map((r) => r.epoch)).size,
    linksVerified: 0,
    linksErased: 0,
    breaks: [],
  };
  for (const { epoch, stream_id } of streams.rows) {
    const { rows } = await pool.query<EpochRow>(
      `SELECT c.epoch, c.stream_id, c.revision::text, c.previous_hash, c.rewritten, e.data, e.event_type, ''::bytea AS content
       FROM es_chain_epochs c JOIN es_events e ON e.stream_id = c.stream_id AND e.revision = c.revision
       WHERE c.epoch = $1 AND c.stream_id = $2 ORDER BY c.revision`,
      [epoch, stream_id],
    );
    if (rows.length === 0) continue;
    const decrypted = await store.decryptEvents(
      rows.map((row) => ({ type: row.event_type, data: row.data, erased: false })),
      (event) => ({ ...event, erased: true }),
    );
    const original = decrypted.map((event, i) => (rows[i].rewritten && !event.erased ? event.data : rows[i].data));
    const contents = await pool.query<{ content: Buffer }>(
      `SELECT es_event_content(e.stream_id, e.revision, e.event_id, e.event_type, e.schema_version, t.data, e.metadata, e.recorded_at) AS content
       FROM unnest($2::bigint[], $3::jsonb[]) WITH ORDINALITY AS t(revision, data, ord)
       JOIN es_events e ON e.stream_id = $1 AND e.revision = t.revision ORDER BY t.ord`,
      [stream_id, rows.map((row) => row.revision), original.map((data) => JSON.stringify(data))],
    );
    const before = await pool.query<{ hash: Buffer | null }>(
      `SELECT coalesce((SELECT previous_hash FROM es_chain_epochs WHERE epoch = $3 AND stream_id = $1 AND revision = $2::bigint - 1),
                       (SELECT hash FROM es_events WHERE stream_id = $1 AND revision = $2::bigint - 1)) AS hash`,
      [stream_id, rows[0].revision, epoch],
    );
    let previous = before.rows[0]?.hash ?? Buffer.alloc(0);
    rows.forEach((row, i) => {
      if (row.rewritten && decrypted[i].erased) {
        result.linksErased += 1;
      } else if (createHash('sha256').update(previous).update(contents.rows[i].content).digest().equals(row.previous_hash)) {
        result.linksVerified += 1;
      } else {
        result.breaks.push({ epoch, streamId: stream_id, revision: Number(row.revision) });
      }
      previous = row.previous_hash;
    });
  }
  return result;
}
