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
 * indexes and TOAST included. Every table outside the event log is rewritten: the read models,
 * snapshots, stored answers and the data keys (a deleted wrapped key would otherwise be readable
 * with the master key). The log's own tables (`es_*`) hold personal fields only encrypted and are
 * never updated in place, so they are left alone: rewriting them would cost minutes on a large pool.
 *
 * In the embedded store the WAL is the service's own file too: the current segment is closed and a
 * checkpoint removes it (the embedded store starts with `wal_recycle = off`, so it is unlinked,
 * not renamed for reuse with its old bytes). On a server the WAL, its archive, replicas and backups
 * are the database administrator's and keep earlier versions for their own retention (ADR 0021).
 */
export async function reclaimErasedSpace(connection: PostgresConnection): Promise<ReclaimedSpace> {
  const client = await connection.pool.connect();
  let lost: Error | undefined;
  try {
    await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
    const { rewritten, skipped } = await rewriteTables(client, await tablesOutsideTheLog(client));
    const walSegmentsRemoved = connection.mode === 'embedded' && skipped.length === 0 && (await cutWal(client));
    await client.query('RESET lock_timeout');
    return { rewritten, skipped, walSegmentsRemoved };
  } catch (error) {
    lost = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A connection that failed is dropped, not handed to the next caller with lock_timeout still set.
    client.release(lost);
  }
}

async function tablesOutsideTheLog(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE 'es\\_%'
      ORDER BY c.relname`,
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
