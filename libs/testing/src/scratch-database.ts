import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests run against; CI makes sure one listens here. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per test file, so suites can run in parallel and leave nothing behind.
 * Fails loudly when no server answers: PostgreSQL tests never skip silently.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `bp_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL tests need a server at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${String(error)}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
