import type pg from 'pg';

/** The channel a shred is announced on (pg_notify in the shredding statement), with the subject id as payload. */
export const SHRED_CHANNEL = 'personal_data_shredded';

/** What a follower tells the key cache: a subject's key is gone, or notices may be missed from now on (or no longer). */
export interface ShredNoticeListener {
  forget(subjectId: string): void;
  following(listening: boolean): void;
}

export interface ShredNoticeOptions {
  /** Wait before connecting again after the listening connection was lost. */
  retryMs?: number;
  onLost?: (error: unknown) => void;
}

/** Stops following: the listening connection is closed, so the pool can end. */
export type StopFollowing = () => Promise<void>;

/**
 * Follows shred notices on a pool connection of its own (LISTEN) until stopped, so a process drops a
 * subject's cached key the moment another process shreds it. A lost connection is reported as "not
 * following" (the cache then keeps nothing, as a notice could be missed) and is made again after
 * `retryMs`.
 */
export function followShredNotices(pool: pg.Pool, listener: ShredNoticeListener, options: ShredNoticeOptions = {}): StopFollowing {
  const retryMs = options.retryMs ?? 1_000;
  let stopped = false;
  let client: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;

  const lost = (lostClient: pg.PoolClient | undefined, error: unknown) => {
    listener.following(false);
    if (lostClient) {
      lostClient.removeAllListeners();
      lostClient.on('error', () => undefined); // a dying connection may still report; it is already handled
      lostClient.release(true);
    }
    client = undefined;
    if (stopped) return;
    options.onLost?.(error);
    retry = setTimeout(() => void connect(), retryMs);
  };

  const connect = async () => {
    let connecting: pg.PoolClient | undefined;
    try {
      connecting = await pool.connect();
      const current = connecting;
      current.on('notification', ({ channel, payload }) => channel === SHRED_CHANNEL && payload && listener.forget(payload));
      current.on('error', (error) => client === current && lost(current, error));
      current.on('end', () => client === current && lost(current, new Error('The connection listening for shreds ended')));
      await current.query(`LISTEN ${SHRED_CHANNEL}`);
      if (stopped) return current.release(true);
      client = current;
      listener.following(true);
    } catch (error) {
      lost(connecting, error);
    }
  };

  listener.following(false);
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = undefined;
    if (current) {
      current.removeAllListeners();
      current.on('error', () => undefined);
      current.release(true);
    }
  };
}
