import pg from 'pg';

/** The statements this process sent to PostgreSQL (server or embedded PGlite) since `countStatements()`. */
export interface StatementCount {
  /** Each statement's text, as sent (parameters left out). */
  readonly statements: readonly string[];
  /** Stops counting; later statements are not recorded. */
  stop(): void;
}

/**
 * Counts every statement of every `pg` client in the process, the pool's and TypeORM's alike (both
 * end in `Client.query`), for tests and benchmarks that check how many round trips a command costs.
 * One counter at a time.
 */
export function countStatements(): StatementCount {
  const statements: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [query] = args;
    statements.push(typeof query === 'string' ? query : String((query as { text?: string } | undefined)?.text ?? ''));
    return original.apply(this, args);
  };
  return {
    statements,
    stop: () => {
      prototype.query = original;
    },
  };
}
