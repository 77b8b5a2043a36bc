import pg from 'pg';

/** One `pg` pool per process, shared by the event store and the TypeORM read models. */
export interface PostgresConnection {
  readonly pool: pg.Pool;
  readonly mode: 'postgres' | 'embedded';
  /**
   * Embedded only: ends the database session and starts a new one on the same data, while `held`
   * (the pool's single connection, checked out by the caller) keeps every other caller waiting.
   * `held` is spent: release it with an error so the pool connects anew.
   */
  renewSession?(held: pg.PoolClient): Promise<void>;
  close(): Promise<void>;
}

/** Told about a pool connection that failed outside any query (the server went away). */
export type ConnectionErrorListener = (error: Error) => void;

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  onConnectionError?: ConnectionErrorListener;
}

export function connectPostgres(options: PostgresOptions): PostgresConnection {
  const { url, poolSize = 10, applicationName = 'banenpool', onConnectionError } = options;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: applicationName });
  listenForConnectionErrors(pool, onConnectionError);
  return { pool, mode: 'postgres', close: () => pool.end() };
}

/**
 * A `pg` client emits 'error' when its server goes away, and an 'error' event nobody listens to
 * ends the process. pg-pool listens only while a client is idle; a client checked out at that
 * moment has no listener unless its holder added one (TypeORM does, a bare `pool.connect()` does
 * not). So every client gets one for its whole life. The query that was running fails on its own,
 * the pool drops the dead client when it comes back, and the next caller gets a fresh connection.
 */
export function listenForConnectionErrors(pool: pg.Pool, onError: ConnectionErrorListener = warnConnectionLost): void {
  pool.on('connect', (client) => {
    // A dropped connection may emit twice (the server's message, then the socket's end): report it once.
    let reported = false;
    client.on('error', (error) => {
      if (!reported) onError(error);
      reported = true;
    });
  });
  // pg-pool re-emits an idle client's error here; the client's own listener has reported it.
  pool.on('error', () => undefined);
}

function warnConnectionLost(error: Error): void {
  console.warn(`PostgreSQL connection lost (${error.message}); the pool will reconnect`);
}
