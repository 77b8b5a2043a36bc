import pg from 'pg';

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
 * Follows shred notices (LISTEN) on a connection of its own, outside the service's pool so that it
 * never takes a connection the pool's work needs, until stopped: a process drops a subject's cached
 * key the moment another process shreds it. A lost connection is reported as "not following" (the
 * cache then keeps nothing, as a notice could be missed) and is made again after `retryMs`.
 */
export function followShredNotices(url: string, listener: ShredNoticeListener, options: ShredNoticeOptions = {}): StopFollowing {
  const retryMs = options.retryMs ?? 1_000;
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const lost = (lostClient: pg.Client | undefined, error: unknown) => {
    listener.following(false);
    if (lostClient) void close(lostClient);
    client = undefined;
    if (stopped) return;
    options.onLost?.(error);
    retry = setTimeout(() => void connect(), retryMs);
  };

  const connect = async () => {
    const current = new pg.Client({ connectionString: url, application_name: 'banenpool-shred-notices' });
    current.on('notification', ({ channel, payload }) => channel === SHRED_CHANNEL && payload && listener.forget(payload));
    current.on('error', (error) => (client === current ? lost(current, error) : undefined));
    current.on('end', () => client === current && lost(current, new Error('The connection listening for shreds ended')));
    try {
      await current.connect();
      await current.query(`LISTEN ${SHRED_CHANNEL}`);
      if (stopped) return close(current);
      client = current;
      listener.following(true);
    } catch (error) {
      lost(current, error);
    }
  };

  listener.following(false);
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = undefined;
    if (current) await close(current);
  };
}

/** Ends a connection that is no longer wanted; a dying one may still report, and that is already handled. */
async function close(client: pg.Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}
