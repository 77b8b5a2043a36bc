import { EventStoreUnavailableError } from '../errors.js';

/**
 * SQLSTATEs that blame the connection or the server, not the statement: retrying the same
 * request later can succeed. Class 08 is connection exceptions; 57P01-57P03 are a backend
 * terminated by an administrator, a crashed server and a server not accepting connections yet;
 * 53300 is a server out of connection slots.
 */
const LOST_CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

/** Socket errors Node reports when the server goes away or cannot be reached. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** What `pg` and `pg-pool` say when a socket ends, or no connection can be had in time; they set no code. */
const LOST_CONNECTION_MESSAGES = [
  /^Connection terminated/, // "…unexpectedly", "…due to connection timeout"
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
];

/**
 * A Unix-socket connect whose socket file is missing: a server that is down or not started yet (a
 * `DATABASE_URL` with `host=/var/run/postgresql`, or an embedded store whose renewed session failed to open).
 * Only a connect's ENOENT counts; a missing file anywhere else is no lost connection.
 */
const missingSocket = (code: unknown, syscall: unknown) => code === 'ENOENT' && syscall === 'connect';

type ErrorField = 'code' | 'message' | 'driverError' | 'cause' | 'errors' | 'syscall';

/**
 * Whether an error means the database connection was lost or could not be had, as opposed to a
 * statement the database refused: the work it carried most likely did not happen (a commit whose
 * answer was lost did), so it can be tried again, safely with an idempotency key.
 * Looks through TypeORM's QueryFailedError (`driverError`), `cause` chains and AggregateErrors
 * (Node's connect to a host name with several addresses).
 */
export function isLostConnection(error: unknown): boolean {
  return lostAtDepth(error, 0);
}

function lostAtDepth(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, driverError, cause, errors, syscall } = error as Partial<Record<ErrorField, unknown>>;
  if (typeof code === 'string' && (LOST_CONNECTION_STATES.has(code) || NETWORK_CODES.has(code) || CONNECTION_EXCEPTION.test(code)))
    return true;
  if (missingSocket(code, syscall)) return true;
  if (typeof message === 'string' && LOST_CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((e) => lostAtDepth(e, depth + 1));
}

/**
 * The rows of a statement; a lost connection becomes EventStoreUnavailableError with `lostMessage`,
 * which callers answer as "may not have happened, try again" (HTTP 503); any other error stays as it is.
 */
export async function rowsUnlessLost<Row>(lostMessage: string, statement: () => Promise<{ rows: Row[] }>): Promise<Row[]> {
  try {
    return (await statement()).rows;
  } catch (error) {
    if (isLostConnection(error)) throw new EventStoreUnavailableError(lostMessage, { cause: error });
    throw error;
  }
}
