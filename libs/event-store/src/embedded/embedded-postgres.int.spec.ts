import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { migrateEventStore } from '../postgres/migrations.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import type { PostgresConnection } from '../postgres/connection.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

describe('PostgresEventStore (embedded PGlite)', () => {
  eventStoreContract(async () => {
    const connection = await startEmbeddedPostgres('memory://');
    await migrateEventStore(connection.pool);
    return { store: new PostgresEventStore(connection.pool), cleanup: () => connection.close() };
  });
});

describe('embedded PGlite transactions', () => {
  let connection: PostgresConnection;
  beforeAll(async () => {
    connection = await startEmbeddedPostgres('memory://');
    await connection.pool.query('CREATE TABLE isolation_probe (id int PRIMARY KEY, writer text NOT NULL)');
  });
  afterAll(() => connection.close());

  it('carries messages of many socket chunks whole, in both directions', async () => {
    // 6 MB is about 100 reads of the socket: the statement must arrive intact and the answer too.
    const text = Array.from({ length: 200_000 }, (_, i) => `line ${i} "quoted" \\ back`).join('\n');
    const { rows } = await connection.pool.query<{ length: number; echoed: string }>(
      'SELECT length($1::text) AS length, $1::text AS echoed',
      [text],
    );
    expect(rows[0].length).toBe(text.length);
    expect(rows[0].echoed).toBe(text);
  });

  it('of several concurrent transactions, the one that fails leaves nothing behind', async () => {
    const write = async (writer: string, ids: number[], fail: boolean) => {
      const client = await connection.pool.connect();
      try {
        await client.query('BEGIN');
        for (const id of ids) {
          await client.query('INSERT INTO isolation_probe (id, writer) VALUES ($1, $2)', [id, writer]);
          await new Promise((resolve) => setImmediate(resolve)); // give the others a chance to interleave
        }
        if (fail) throw new Error(`${writer} fails after its inserts`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const outcomes = await Promise.allSettled([
      write('a', [1, 2, 3], false),
      write('b', [10, 11, 12], true),
      write('c', [20, 21, 22], false),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await connection.pool.query<{ id: number; writer: string }>('SELECT id, writer FROM isolation_probe ORDER BY id');
    expect(rows.rows).toEqual([
      { id: 1, writer: 'a' },
      { id: 2, writer: 'a' },
      { id: 3, writer: 'a' },
      { id: 20, writer: 'c' },
      { id: 21, writer: 'c' },
      { id: 22, writer: 'c' },
    ]);
  });
});

describe('in-memory clusters from a kept template (PGLITE_TEMPLATE_DIR)', () => {
  const saved = process.env.PGLITE_TEMPLATE_DIR;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'banenpool-template-'));
    process.env.PGLITE_TEMPLATE_DIR = dir;
  });
  afterEach(() => {
    process.env.PGLITE_TEMPLATE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const templates = () => readdirSync(dir).filter((name) => /^pglite-.+\.tar$/.test(name));

  const expectAStoreThatAnswers = async () => {
    const connection = await startEmbeddedPostgres('memory://');
    try {
      const { rows } = await connection.pool.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await connection.close();
    }
  };

  it('keeps the first fresh cluster and starts the next from it, each store with data of its own', async () => {
    const first = await startEmbeddedPostgres('memory://');
    try {
      expect(templates()).toHaveLength(1);
      await first.pool.query('CREATE TABLE only_in_first (id int)');
      const second = await startEmbeddedPostgres('memory://');
      try {
        const { rows } = await second.pool.query<{ found: string | null }>(`SELECT to_regclass('only_in_first')::text AS found`);
        expect(rows).toEqual([{ found: null }]);
        await migrateEventStore(second.pool);
        const store = new PostgresEventStore(second.pool);
        await store.appendToStream('worker-1', [{ type: 'Probe', data: { n: 1 } }], { expectedVersion: 'no_stream' });
        expect((await store.readStream('worker-1')).map((e) => e.data)).toEqual([{ n: 1 }]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('opens the store when the template cannot be kept', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'in the way');
    process.env.PGLITE_TEMPLATE_DIR = join(notAFolder, 'templates');
    await expectAStoreThatAnswers();
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('replaces a template that does not load with a fresh cluster', async () => {
    const first = await startEmbeddedPostgres('memory://');
    await first.close();
    const [name] = templates();
    writeFileSync(join(dir, name), 'not a tar file');
    await expectAStoreThatAnswers();
    expect(statSync(join(dir, name)).size).toBeGreaterThan(1_000_000);
  });
});
