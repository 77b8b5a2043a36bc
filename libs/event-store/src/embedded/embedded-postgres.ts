import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { listenForConnectionErrors, type ConnectionErrorListener, type PostgresConnection } from '../postgres/connection.js';
import { lockDataDir } from './data-dir-lock.js';
import { installWholeMessageFraming } from './whole-message-framing.js';

/**
 * The zero-setup default: PostgreSQL compiled to WASM (PGlite), in this process, in a data folder
 * (or in memory for `memory://`).
 *
 * PGlite is a single session, so concurrent transactions on it would share one transaction
 * (typeorm-pglite shows this). Serving it to the ordinary `pg` driver over a private Unix socket
 * with exactly one connection, behind a pool of one client, makes every transaction exclusive:
 * a second caller waits for the pool until the first has committed or rolled back. The rest of
 * the system then runs the very same SQL and driver as on a PostgreSQL server.
 */
export async function startEmbeddedPostgres(dataDir: string, onConnectionError?: ConnectionErrorListener): Promise<PostgresConnection> {
  const inMemory = dataDir === 'memory://';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    installWholeMessageFraming();
    const socketDir = mkdtempSync(join(tmpdir(), 'banenpool-pglite-'));
    const socketPath = join(socketDir, '.s.PGSQL.5432');
    let session = inMemory ? await openMemorySession(socketPath) : await openSession({ dataDir }, socketPath);
    const pool = new pg.Pool({
      host: socketDir,
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      max: 1,
      idleTimeoutMillis: 0,
      // A caller that waits this long for the single connection is stuck behind a bug, not a load.
      connectionTimeoutMillis: 60_000,
    });
    listenForConnectionErrors(pool, onConnectionError);
    return {
      pool,
      mode: 'embedded',
      async renewSession(held) {
        // Ended by us, so the pool reads its closing as planned, not as a lost server; the caller's release drops it.
        await held.end();
        const data = inMemory ? { loadDataDir: await session.db.dumpDataDir('none') } : { dataDir };
        await closeSession(session);
        session = await openSession(data, socketPath);
      },
      async close() {
        await pool.end();
        await closeSession(session);
        rmSync(socketDir, { recursive: true, force: true });
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

interface Session {
  readonly db: PGlite;
  readonly server: PGLiteSocketServer;
}

/** A PGlite backend on the data folder (or the dumped data of an in-memory one), served on `socketPath` to one connection. */
async function openSession(data: { dataDir?: string; loadDataDir?: Blob | File }, socketPath: string): Promise<Session> {
  const db = await PGlite.create(data.dataDir, data.loadDataDir === undefined ? {} : { loadDataDir: data.loadDataDir });
  // A recycled WAL segment is renamed with its old bytes; an erasure's checkpoint must remove it (reclaimErasedSpace).
  await db.exec('SET wal_recycle = off');
  rmSync(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  return { db, server };
}

/**
 * A new in-memory cluster. With `PGLITE_TEMPLATE_DIR` set (the tests set it: jest.config.js), the cluster a first
 * store initialised is kept there as a file and every later one loads it instead of initialising its own: PGlite's
 * initdb took 3.5–5 s of each test suite's start, loading the file about 1 s. The file is named by PGlite's version,
 * and written whole before it gets its name, so a process never reads a half-written one; one that fails to load is
 * replaced. Unset (production), nothing is kept or read.
 */
async function openMemorySession(socketPath: string): Promise<Session> {
  const dir = process.env.PGLITE_TEMPLATE_DIR;
  if (!dir) return openSession({}, socketPath);
  const file = join(dir, `pglite-${pgliteVersion()}.tar`);
  const template = readTemplate(file);
  if (template) {
    try {
      return await openSession({ loadDataDir: template }, socketPath);
    } catch {
      rmSync(file, { force: true });
    }
  }
  const session = await openSession({}, socketPath);
  await keepTemplate(session.db, file);
  return session;
}

/** The fresh cluster as the template. Only a speed-up: when it cannot be written (a full disk), the store goes on without. */
async function keepTemplate(db: PGlite, file: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    const dump = await db.dumpDataDir('none');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined); // no folder to remove it from, when that was the failure
  }
}

function readTemplate(file: string): Blob | undefined {
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/** PGlite's version, from its package.json (which the package does not export). */
function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (dirname(dir) !== dir) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@electric-sql/pglite' && manifest.version) return manifest.version;
    } catch {
      // no package.json here: look one folder up
    }
    dir = dirname(dir);
  }
  throw new Error('PGlite has no package.json with its version');
}

async function closeSession({ db, server }: Session): Promise<void> {
  await server.stop();
  await db.close();
}
