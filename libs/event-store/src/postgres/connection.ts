import pg from 'pg';

/** One `pg` pool per process, shared by the event store and the TypeORM read models. */
export interface PostgresConnection {
  readonly pool: pg.Pool;
  readonly mode: 'postgres' | 'embedded';
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

export function connectPostgres({ url, poolSize = 10, applicationName = 'banenpool' }: PostgresOptions): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: applicationName });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return { pool, mode: 'postgres', close: () => pool.end() };
}
