import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, filesHolding, type ScratchDatabase } from '@banenpool/testing';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { connectPostgres, type PostgresConnection } from '../postgres/connection.js';
import { reclaimErasedSpace } from './reclaim-erased-space.js';

const NAME = 'Grietje Zwanenburg-Oldenhof';
const WRAPPED_KEY = Buffer.from('d1c3a8b5e07f4a2b9c6d1e0f2a3b4c5d', 'hex');
/** The tables that held plain text, and one that was never made (made on first use, like the snapshots). */
const PLAIN_TEXT = ['rm_people', 'keys_kept', 'never_made'];

/** A read model's row blanked after it held the name (with earlier versions from updates), and a data key deleted. */
async function eraseByHand(connection: PostgresConnection): Promise<void> {
  const sql = (text: string, params: unknown[] = []) => connection.pool.query(text, params);
  await sql('CREATE TABLE rm_people (id text PRIMARY KEY, name text NOT NULL, visits int NOT NULL)');
  await sql('CREATE TABLE keys_kept (subject_id text PRIMARY KEY, wrapped_key bytea NOT NULL)');
  await sql('CREATE TABLE rm_hours (id int PRIMARY KEY, hours int NOT NULL)');
  await sql("INSERT INTO rm_people SELECT 'p' || n, 'Someone ' || n, 0 FROM generate_series(1, 200) AS n");
  await sql("INSERT INTO rm_people VALUES ('p-erased', $1, 0)", [NAME]);
  await sql("INSERT INTO keys_kept VALUES ('p-erased', $1), ('p1', '\\x00')", [WRAPPED_KEY]);
  for (let visit = 0; visit < 3; visit += 1) await sql("UPDATE rm_people SET visits = visits + 1 WHERE id = 'p-erased'");
  await sql("UPDATE rm_people SET name = '[erased]' WHERE id = 'p-erased'");
  await sql("DELETE FROM keys_kept WHERE subject_id = 'p-erased'");
}

describe('reclaimErasedSpace on the embedded store (its files on disk)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  async function erasedStore(reclaim: boolean): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'banenpool-reclaim-'));
    dirs.push(dir);
    const connection = await startEmbeddedPostgres(dir);
    try {
      await eraseByHand(connection);
      if (reclaim) {
        expect(await reclaimErasedSpace(connection, PLAIN_TEXT)).toEqual({
          rewritten: ['keys_kept', 'rm_people'],
          skipped: [],
          walSegmentsRemoved: true,
        });
      }
    } finally {
      await connection.close();
    }
    return dir;
  }

  it('leaves neither the erased name nor the deleted key in any file, heap or WAL', async () => {
    const dir = await erasedStore(true);
    expect(filesHolding(dir, NAME)).toEqual([]);
    expect(filesHolding(dir, WRAPPED_KEY)).toEqual([]);
  });

  it('is needed: without it the dead row versions and the WAL still hold both', async () => {
    const dir = await erasedStore(false);
    const holding = filesHolding(dir, NAME).map((path) => path.split('/')[0]);
    expect(holding).toEqual(expect.arrayContaining(['base', 'pg_wal']));
    expect(filesHolding(dir, WRAPPED_KEY)).not.toEqual([]);
  });
});

describe.each([
  ['in a data folder', () => mkdtempSync(join(tmpdir(), 'banenpool-reclaim-'))],
  ['in memory', () => 'memory://'],
])('reclaimErasedSpace on the embedded store %s, afterwards', (_where, dataDir) => {
  let connection: PostgresConnection;
  let dir: string;
  beforeAll(async () => {
    dir = dataDir();
    connection = await startEmbeddedPostgres(dir);
    await eraseByHand(connection);
  });
  afterAll(async () => {
    await connection.close();
    if (dir !== 'memory://') rmSync(dir, { recursive: true, force: true });
  });
  const sessionStart = async () =>
    (await connection.pool.query<{ started: string }>('SELECT pg_postmaster_start_time()::text AS started')).rows[0].started;

  it('serves the same rows from a new session, with callers that queued meanwhile answered', async () => {
    const before = await sessionStart();
    await connection.pool.query('CREATE TEMP TABLE session_marker (n int)');
    const queued = Array.from({ length: 3 }, () => connection.pool.query("SELECT name FROM rm_people WHERE id = 'p-erased'"));
    await reclaimErasedSpace(connection, PLAIN_TEXT);
    for (const answer of await Promise.all(queued)) expect(answer.rows).toEqual([{ name: '[erased]' }]);

    expect(await sessionStart()).not.toBe(before);
    expect((await connection.pool.query("SELECT to_regclass('pg_temp.session_marker') AS marker")).rows).toEqual([{ marker: null }]);
    expect((await connection.pool.query('SELECT count(*)::int AS n FROM rm_people')).rows).toEqual([{ n: 201 }]);
    expect((await connection.pool.query('SELECT count(*)::int AS n FROM rm_hours')).rows).toEqual([{ n: 0 }]);
    await connection.pool.query("UPDATE rm_people SET visits = 9 WHERE id = 'p1'");
    expect((await connection.pool.query("SELECT visits FROM rm_people WHERE id = 'p1'")).rows).toEqual([{ visits: 9 }]);
  });
});

describe('reclaimErasedSpace on a PostgreSQL server', () => {
  let database: ScratchDatabase;
  let connection: PostgresConnection;
  beforeAll(async () => {
    database = await createScratchDatabase();
    connection = connectPostgres({ url: database.url, poolSize: 3 });
    await eraseByHand(connection);
  });
  afterAll(async () => {
    await connection.close();
    await database.drop();
  });
  const fileOf = async (table: string) =>
    (await connection.pool.query<{ file: string }>('SELECT pg_relation_filenode($1)::text AS file', [table])).rows[0].file;

  it('rewrites the tables named that exist, leaves the others and the WAL to the server', async () => {
    const before = await Promise.all(['rm_people', 'keys_kept', 'rm_hours'].map(fileOf));

    expect(await reclaimErasedSpace(connection, PLAIN_TEXT)).toEqual({
      rewritten: ['keys_kept', 'rm_people'],
      skipped: [],
      walSegmentsRemoved: false,
    });

    const after = await Promise.all(['rm_people', 'keys_kept', 'rm_hours'].map(fileOf));
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
    expect((await connection.pool.query("SELECT name FROM rm_people WHERE id = 'p-erased'")).rows).toEqual([{ name: '[erased]' }]);
  });

  it('skips a table another session holds rather than stalling its readers, and rewrites the rest', async () => {
    const holder = await connection.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE rm_people IN ACCESS SHARE MODE');
      const reclaimed = await reclaimErasedSpace(connection, PLAIN_TEXT);
      expect(reclaimed.rewritten).toEqual(['keys_kept']);
      expect(reclaimed.skipped).toEqual([{ table: 'rm_people', reason: expect.stringContaining('lock timeout') }]);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });
});
