import type pg from 'pg';
import { CoalescedCalls } from '../coalesced-calls.js';
import { rowsUnlessLost } from '../postgres/connection-errors.js';
import { migrationSql } from '../postgres/migrations.js';
import type { Queryable } from '../postgres/postgres-event-store.js';
import { masterKeyId, newDataKey, unwrapKey, wrapKey } from './envelope.js';
import { PersonalDataKeys } from './personal-data-keys.port.js';
import { followShredNotices, SHRED_CHANNEL, type ShredNoticeOptions, type StopFollowing } from './shred-notices.js';

/** A subject's data key, or the fact that it was shredded. */
export type SubjectKey = { readonly key: Buffer; readonly version: number } | { readonly shredded: true };

export class MissingDataKeyError extends Error {
  constructor(subjectId: string) {
    super(`No data key for subject ${subjectId}, and it was never shredded: the personal_data_keys table lost a row`);
    this.name = 'MissingDataKeyError';
  }
}

export class SubjectErasedError extends Error {
  constructor(subjectId: string) {
    super(`The personal data of ${subjectId} was erased: no new personal data can be recorded for it`);
    this.name = 'SubjectErasedError';
  }
}

export interface PersonalDataKeyOptions {
  /** Unwrapped keys kept in memory (least recently used dropped first). */
  cacheSize?: number;
  /**
   * How long a cached key is trusted without a shred notice (followShreds): another process may
   * shred it meanwhile, and this one must stop decrypting with it soon after.
   */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Creates the key tables where the event store's migrations do not run (the read-model database
 * beside KurrentDB) from the migration that makes them, whose statements are all IF NOT EXISTS:
 * its es_chain_epochs comes along and stays empty, as KurrentDB's events are never re-chained.
 */
export async function ensurePersonalDataKeyTables(pool: Queryable): Promise<void> {
  await pool.query(migrationSql('004_personal_data_keys.sql'));
}

interface KeyRow {
  subject_id: string;
  key_version: number | null;
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  shredded: boolean;
}

/**
 * Data keys in PostgreSQL/PGlite (`personal_data_keys`, wrapped by the master key) and the record
 * of shredded subjects (`personal_data_shredded`). Unwrapped keys are cached, bounded, and dropped
 * on shred: this process's at once, and, with followShreds, every other process's as soon as the
 * shred's notice reaches it.
 */
export class PostgresPersonalDataKeys extends PersonalDataKeys {
  private readonly cache = new Map<string, { key: Buffer; version: number; at: number }>();
  private readonly masterId: string;
  private readonly cacheSize: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;
  /** Whether a shred in another process would reach this cache; undefined: nobody follows (one process). */
  private followingShreds: boolean | undefined;
  private stopFollowing: StopFollowing | undefined;
  /** Counts shred notices, so a key read before one arrived is not cached after it (it may be the shredded one). */
  private shredNotices = 0;

  constructor(
    private readonly pool: Queryable,
    private readonly masterKey: Buffer,
    options: PersonalDataKeyOptions = {},
  ) {
    super();
    this.masterId = masterKeyId(masterKey);
    this.cacheSize = options.cacheSize ?? 10_000;
    this.cacheTtlMs = options.cacheTtlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async shred(subjectId: string): Promise<void> {
    // The notice is sent when the statement commits, to every process that follows shreds.
    await this.query(
      `WITH gone AS (DELETE FROM personal_data_keys WHERE subject_id = $1),
            noted AS (INSERT INTO personal_data_shredded (subject_id) VALUES ($1) ON CONFLICT (subject_id) DO NOTHING)
       SELECT pg_notify('${SHRED_CHANNEL}', $1)`,
      [subjectId],
    );
    this.cache.delete(subjectId);
  }

  /**
   * Drops a subject's cached key when another process sharing the database shreds it. Until the
   * listening connection is made, and whenever it is lost, no key is cached.
   */
  followShreds(databaseUrl: string, options: ShredNoticeOptions = {}): void {
    this.stopFollowing ??= followShredNotices(
      databaseUrl,
      {
        forget: (subjectId) => {
          this.shredNotices += 1;
          this.cache.delete(subjectId);
        },
        following: (listening) => {
          this.followingShreds = listening;
          if (!listening) this.cache.clear();
        },
      },
      options,
    );
  }

  /** Closes the connection that follows shreds. */
  async close(): Promise<void> {
    await this.stopFollowing?.();
    this.stopFollowing = undefined;
  }

  async isShredded(subjectId: string): Promise<boolean> {
    const rows = await this.query<{ found: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM personal_data_shredded WHERE subject_id = $1) AS found',
      [subjectId],
    );
    return rows[0].found;
  }

  /** The keys to encrypt with: created for subjects that have none; a shredded subject's stays `shredded`. */
  keysForWriting(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>> {
    return this.keysForReading(subjectIds, { createMissing: true });
  }

  /** The keys to decrypt with, or `shredded`; a key neither there nor shredded is an error (never read as erased). */
  async keysForReading(subjectIds: readonly string[], { createMissing = false } = {}): Promise<Map<string, SubjectKey>> {
    const result = new Map<string, SubjectKey>();
    const missing: string[] = [];
    for (const subject of new Set(subjectIds)) {
      const cached = this.cached(subject);
      if (cached) result.set(subject, cached);
      else missing.push(subject);
    }
    if (missing.length === 0) return result;
    const noticesBefore = this.shredNotices;
    const rows = await (createMissing ? this.creating : this.lookingUp).call(missing);
    const absent = rows.find((row) => row.wrapped_key === null && !row.shredded);
    if (absent) throw new MissingDataKeyError(absent.subject_id);
    for (const row of rows) result.set(row.subject_id, this.fromRow(row, noticesBefore === this.shredNotices));
    return result;
  }

  /** Concurrent look-ups of uncached keys share one statement. */
  private readonly lookingUp = new CoalescedCalls<readonly string[], KeyRow[]>((calls) =>
    this.forEachCall(calls, (subjectIds) => this.lookUp(subjectIds)),
  );

  /** Concurrent writers' keys are made (or found) in one statement, each committed before its caller encrypts with it. */
  private readonly creating = new CoalescedCalls<readonly string[], KeyRow[]>((calls) =>
    this.forEachCall(calls, (subjectIds) => this.create(subjectIds)),
  );

  /** One statement for the subjects of every call of a batch; each call gets its own subjects' rows. */
  private async forEachCall(calls: readonly (readonly string[])[], statement: (subjectIds: string[]) => Promise<KeyRow[]>) {
    const rows = new Map((await statement([...new Set(calls.flat())])).map((row) => [row.subject_id, row]));
    return calls.map((subjectIds) => subjectIds.map((subject) => rows.get(subject)!));
  }

  private fromRow(row: KeyRow, cacheable: boolean): SubjectKey {
    if (row.shredded) return { shredded: true };
    if (row.wrapped_key === null) throw new MissingDataKeyError(row.subject_id);
    if (row.master_key_id !== this.masterId) {
      throw new Error(
        `The data key of ${row.subject_id} was wrapped with another master key (id ${row.master_key_id}, this one is ${this.masterId}): check MASTER_KEY`,
      );
    }
    const entry = { key: unwrapKey(this.masterKey, row.subject_id, row.wrapped_key), version: row.key_version ?? 1 };
    if (cacheable) this.remember(row.subject_id, entry);
    return entry;
  }

  private async lookUp(subjectIds: readonly string[]): Promise<KeyRow[]> {
    return this.query<KeyRow>(
      `SELECT s.id AS subject_id, k.key_version, k.wrapped_key, k.master_key_id, (d.subject_id IS NOT NULL) AS shredded
       FROM unnest($1::text[]) AS s(id)
       LEFT JOIN personal_data_keys k ON k.subject_id = s.id
       LEFT JOIN personal_data_shredded d ON d.subject_id = s.id`,
      [subjectIds],
    );
  }

  /**
   * Each subject's key, made where it has none, in one statement (a round trip less for a new worker
   * than looking up first): a key stored before wins over ours (ON CONFLICT), and a shredded subject
   * gets none. A key a concurrent writer committed while the statement ran is not in its snapshot:
   * only those are looked up again. A subject that already has a key still gets one wrapped and
   * thrown away: about 18 µs of AES on this machine, less than the round trip a look-up first costs.
   */
  private async create(subjectIds: readonly string[]): Promise<KeyRow[]> {
    const wrapped = subjectIds.map((subject) => wrapKey(this.masterKey, subject, newDataKey()));
    const rows = await this.query<KeyRow & { created: boolean }>(
      `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::bytea[]) AS s(id, wrapped)),
            created AS (
              INSERT INTO personal_data_keys (subject_id, wrapped_key, master_key_id)
              SELECT w.id, w.wrapped, $3 FROM wanted w
              WHERE NOT EXISTS (SELECT 1 FROM personal_data_shredded d WHERE d.subject_id = w.id)
              ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id)
       SELECT w.id AS subject_id, (c.subject_id IS NOT NULL) AS created, k.key_version, k.wrapped_key, k.master_key_id,
              (d.subject_id IS NOT NULL) AS shredded
       FROM wanted w
       LEFT JOIN created c ON c.subject_id = w.id
       LEFT JOIN personal_data_keys k ON k.subject_id = w.id
       LEFT JOIN personal_data_shredded d ON d.subject_id = w.id`,
      [subjectIds, wrapped, this.masterId],
    );
    const ours = new Map(subjectIds.map((subject, i) => [subject, wrapped[i]]));
    const found = rows.map(({ created, ...row }): KeyRow =>
      created ? { ...row, key_version: 1, wrapped_key: ours.get(row.subject_id)!, master_key_id: this.masterId, shredded: false } : row,
    );
    const raced = found.filter((row) => row.wrapped_key === null && !row.shredded).map((row) => row.subject_id);
    if (raced.length === 0) return found;
    const again = new Map((await this.lookUp(raced)).map((row) => [row.subject_id, row]));
    return found.map((row) => again.get(row.subject_id) ?? row);
  }

  private cached(subject: string): { key: Buffer; version: number } | undefined {
    const entry = this.cache.get(subject);
    if (!entry) return undefined;
    this.cache.delete(subject);
    if (this.now() - entry.at > this.cacheTtlMs) return undefined;
    this.cache.set(subject, entry); // most recently used last
    return { key: entry.key, version: entry.version };
  }

  private remember(subject: string, entry: { key: Buffer; version: number }): void {
    if (this.followingShreds === false) return;
    this.cache.delete(subject);
    this.cache.set(subject, { ...entry, at: this.now() });
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Whether shred notices reach this cache now (false also while the listening connection is lost). */
  get followsShreds(): boolean {
    return this.followingShreds === true;
  }

  /** Cached keys, for tests of the bound. */
  get cachedKeys(): number {
    return this.cache.size;
  }

  private query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<Row[]> {
    return rowsUnlessLost("The data keys' database connection was lost", () => this.pool.query<Row>(text, values));
  }
}
