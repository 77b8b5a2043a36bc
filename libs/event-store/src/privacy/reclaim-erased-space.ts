import type pg from 'pg';
import type { PostgresConnection } from '../postgres/connection.js';

/** What a reclaim did: the tables rewritten, those it could not (left for the next reclaim), and whether the WAL was cut. */
export interface ReclaimedSpace {
  readonly rewritten: readonly string[];
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
  readonly walSegmentsRemoved: boolean;
}

/** A table whose exclusive lock is not granted within this is skipped rather than stalling every reader queued behind it. */
const LOCK_TIMEOUT = '3s';

/**
 * Removes the old row versions that still hold erased plain text from the database's files.
 *
 * Blanking a row (UPDATE) or deleting it (a shredded data key) leaves the earlier version in the
 * table's file as a dead tuple; a plain VACUUM marks its space free but leaves its bytes, and the
 * embedded PGlite never autovacuums. `VACUUM FULL` writes each table anew and unlinks the old file,
 * indexes and TOAST included. Only the `tables` given are rewritten (those that exist): the ones
 * that hold personal data in plain text, since a rewrite locks its table for as long as it takes.
 *
 * In the embedded store the WAL is the service's own file too: the current segment is closed and a
 * checkpoint removes it (the embedded store starts with `wal_recycle = off`, so it is unlinked,
 * not renamed for reuse with its old bytes). On a server the WAL, its archive, replicas and backups
 * are the database administrator's and keep earlier versions for their own retention (ADR 0021).
 *
 * The embedded session is then renewed before anyone else queries. PGlite's single backend has been
 * seen opening a rewritten table by its old file after the checkpoint removed it (`could not open
 * file "base/5/…"` on every later statement touching it), so its caches are not trusted
 * after a rewrite: a new session reads every table's file afresh from the catalog.
 */
export async function reclaimErasedSpace(connection: PostgresConnection, tables: readonly string[]): Promise<ReclaimedSpace> {
  const client = await connection.pool.connect();
  let spent: Error | undefined;
  try {
    await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
    const { rewritten, skipped } = await rewriteTables(client, await existing(client, tables));
    const walSegmentsRemoved = connection.mode === 'embedded' && skipped.length === 0 && (await cutWal(client));
    if (connection.renewSession !== undefined && rewritten.length > 0) {
      spent = new Error('the embedded session was renewed after a rewrite');
      await connection.renewSession(client);
    } else {
      await client.query('RESET lock_timeout');
    }
    return { rewritten, skipped, walSegmentsRemoved };
  } catch (error) {
    spent = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A connection that failed or was renewed is dropped, not handed to the next caller (with lock_timeout still set).
    client.release(spent);
  }
}

async function existing(client: pg.PoolClient, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY($1::text[])
      ORDER BY c.relname`,
    [tables],
  );
  return rows.map((row) => row.name);
}

async function rewriteTables(client: pg.PoolClient, tables: readonly string[]) {
  const rewritten: string[] = [];
  const skipped: { table: string; reason: string }[] = [];
  for (const table of tables) {
    try {
      await client.query(`VACUUM FULL ${quoteIdentifier(table)}`);
      rewritten.push(table);
    } catch (error) {
      // A lock timeout, a table dropped meanwhile or one this role does not own: the rest still goes.
      skipped.push({ table, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { rewritten, skipped };
}

async function cutWal(client: pg.PoolClient): Promise<boolean> {
  await client.query('SELECT pg_switch_wal()');
  await client.query('CHECKPOINT');
  return true;
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
