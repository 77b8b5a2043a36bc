import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';

/**
 * Applies eventstore/postgres/migrations/*.sql in name order, each once, recorded in
 * es_migrations. Hand-written (30 lines) rather than a migration library: the files are plain SQL
 * that must run unchanged on PostgreSQL and on PGlite through the same `pg` pool, and a
 * transaction-scoped advisory lock keeps two starting processes from applying one twice.
 */
export async function migrateEventStore(pool: Pool): Promise<string[]> {
  const directory = findMigrationsDirectory();
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('banenpool.es_migrations'))");
    await client.query('CREATE TABLE IF NOT EXISTS es_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM es_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files.filter((name) => !done.has(name))) {
      await client.query(readFileSync(join(directory, file), 'utf8'));
      await client.query('INSERT INTO es_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** One migration's SQL, for a database that takes that migration's tables but not the event store's. */
export function migrationSql(file: string): string {
  return readFileSync(join(findMigrationsDirectory(), file), 'utf8');
}

/** The SQL lives at the repository root; this file runs from src/ under jest and from dist/ in production. */
function findMigrationsDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'eventstore', 'postgres', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('eventstore/postgres/migrations not found above ' + import.meta.url);
    directory = parent;
  }
}
