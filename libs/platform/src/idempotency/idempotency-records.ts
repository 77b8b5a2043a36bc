import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** How long a claim holds without renewal: a request whose process died frees its key after at most this. */
export const LEASE_SECONDS = 10;
/** How long a key is remembered; after that the same key is a new request. */
export const KEY_TTL_HOURS = 24;
/** Expired keys of other callers are deleted at most this often (a key's own expiry is handled when it is used). */
const SWEEP_EVERY_MS = 10 * 60_000;

const LEASE = `now() + ${LEASE_SECONDS} * interval '1 second'`;
const EXPIRED = `now() - ${KEY_TTL_HOURS} * interval '1 hour'`;

/** A pending record this request holds; `takenOver` when a dead request held it before. */
export interface Claim {
  scope: string;
  requestId: string;
  owner: string;
  streamId: string | null;
  takenOver: boolean;
}

/** A record some other request holds or finished. */
export interface Earlier {
  requestHash: string;
  state: 'pending' | 'done';
  statusCode: number | null;
  responseBody: unknown;
  /** Whole seconds until a pending record's lease lapses (at least 1). */
  retryAfter: number;
}

interface EarlierRow {
  request_hash: string;
  state: Earlier['state'];
  status_code: number | null;
  response_body: unknown;
  retry_after: number;
}

/** The api_idempotency_keys table; every time is the database's, so several API processes agree on leases. */
export class IdempotencyRecords {
  private sweptAt = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** A fresh claim (a new key or an expired one), a takeover of a lapsed lease, or the record as it stands. */
  async claim(scope: string, requestHash: string): Promise<{ claim: Claim } | { earlier: Earlier }> {
    this.sweepNowAndThen();
    for (;;) {
      const claim = (await this.insertOrRestart(scope, requestHash)) ?? (await this.takeOver(scope, requestHash));
      if (claim) return { claim };
      const earlier = await this.earlier(scope);
      if (earlier) return { earlier };
      // removed since the insert was refused (its request failed): claim it afresh
    }
  }

  /** Keeps the lease while the request runs; a claim taken over meanwhile is left alone. */
  async renew(claim: Claim): Promise<void> {
    await this.dataSource.query(`UPDATE api_idempotency_keys SET lease_until = ${LEASE} WHERE scope = $1 AND lease_owner = $2`, [
      claim.scope,
      claim.owner,
    ]);
  }

  /** Notes the command's stream before it appends; false when a retry has taken the claim over meanwhile. */
  async recordStream(claim: Claim, streamId: string): Promise<boolean> {
    const [row] = await this.rows<{ n: number }>(
      `WITH recorded AS (UPDATE api_idempotency_keys SET stream_id = $3 WHERE scope = $1 AND lease_owner = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM recorded`,
      [claim.scope, claim.owner, streamId],
    );
    return row.n > 0;
  }

  async complete(claim: Claim, statusCode: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_idempotency_keys SET state = 'done', status_code = $3, response_body = $4::jsonb, lease_until = NULL
        WHERE scope = $1 AND lease_owner = $2`,
      [claim.scope, claim.owner, statusCode, JSON.stringify(body ?? null)],
    );
  }

  /** Forgets the claim, so a retry runs again against the state as it is then. */
  async remove(claim: Claim): Promise<void> {
    await this.dataSource.query('DELETE FROM api_idempotency_keys WHERE scope = $1 AND lease_owner = $2', [claim.scope, claim.owner]);
  }

  /** Leaves the record pending for the next retry to resolve from the events, without waiting for the lease. */
  async lapse(claim: Claim): Promise<void> {
    await this.dataSource.query('UPDATE api_idempotency_keys SET lease_until = now() WHERE scope = $1 AND lease_owner = $2', [
      claim.scope,
      claim.owner,
    ]);
  }

  /** Inserts a pending record, or starts over on one whose key has expired. */
  private async insertOrRestart(scope: string, requestHash: string): Promise<Claim | undefined> {
    const [requestId, owner] = [randomUUID(), randomUUID()];
    const [row] = await this.rows(
      `INSERT INTO api_idempotency_keys AS k (scope, request_hash, state, created_at, request_id, lease_owner, lease_until)
       VALUES ($1, $2, 'pending', now(), $3, $4, ${LEASE})
       ON CONFLICT (scope) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'pending', status_code = NULL,
         response_body = NULL, created_at = now(), request_id = EXCLUDED.request_id, lease_owner = EXCLUDED.lease_owner,
         lease_until = EXCLUDED.lease_until, stream_id = NULL
       WHERE k.created_at < ${EXPIRED}
       RETURNING scope`,
      [scope, requestHash, requestId, owner],
    );
    return row ? { scope, requestId, owner, streamId: null, takenOver: false } : undefined;
  }

  /** The same request's pending record whose lease has lapsed: its request died. */
  private async takeOver(scope: string, requestHash: string): Promise<Claim | undefined> {
    const owner = randomUUID();
    const [taken] = await this.rows<{ request_id: string; stream_id: string | null }>(
      `WITH taken AS (UPDATE api_idempotency_keys SET lease_owner = $3, lease_until = ${LEASE}, request_id = COALESCE(request_id, $4)
        WHERE scope = $1 AND request_hash = $2 AND state = 'pending' AND (lease_until IS NULL OR lease_until < now())
        RETURNING request_id, stream_id) SELECT * FROM taken`,
      [scope, requestHash, owner, randomUUID()],
    );
    return taken && { scope, requestId: taken.request_id, owner, streamId: taken.stream_id, takenOver: true };
  }

  private async earlier(scope: string): Promise<Earlier | undefined> {
    const [row] = await this.rows<EarlierRow>(
      `SELECT request_hash, state, status_code, response_body,
              GREATEST(1, ceil(extract(epoch FROM lease_until - now())))::int AS retry_after
         FROM api_idempotency_keys WHERE scope = $1`,
      [scope],
    );
    if (!row) return undefined;
    const { request_hash: requestHash, state, status_code: statusCode, response_body: responseBody, retry_after: retryAfter } = row;
    return { requestHash, state, statusCode, responseBody, retryAfter };
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = Date.now();
    void this.dataSource.query(`DELETE FROM api_idempotency_keys WHERE created_at < ${EXPIRED}`).catch(() => (this.sweptAt = 0));
  }

  private rows<Row = unknown>(sql: string, params: unknown[]): Promise<Row[]> {
    return this.dataSource.query(sql, params);
  }
}
