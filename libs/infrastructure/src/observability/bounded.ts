import { withTimeout } from '@banenpool/event-store';

const CHECK_TIMEOUT_MS = 3000;

/** Monitoring must answer even when what it checks hangs: /health and /metrics bound every read. */
export const bounded = <T>(promise: Promise<T>, what: string): Promise<T> =>
  withTimeout(promise, CHECK_TIMEOUT_MS, () => new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`));
