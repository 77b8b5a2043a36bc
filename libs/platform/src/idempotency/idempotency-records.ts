import { randomUUID } from 'node:crypto';
import { CoalescedCalls } from '@banenpool/event-store';
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

interface Pending {
  readonly scope: string;
  readonly requestHash: string;
  readonly requestId: string;
  readonly owner: string;
}

type Held = Pick<Claim, 'scope' | 'owner'>;

/** Keyed by scope: one statement cannot insert or update a record twice. */
const byScope = { keyOf: ({ scope }: { scope: string }) => scope };

/**
 * The api_idempotency_keys table; every time is the database's, so several API processes agree on leases.
 * The three writes every keyed request makes (claim, its stream, its answer) are each made for all
 * concurrent requests in one statement (CoalescedCalls): a request returns only after its own row was
 * written, as before, but sixteen concurrent requests no longer cost forty-eight transactions.
 */
export class IdempotencyRecords {
  private sweptAt = 0;
  private readonly inserting: CoalescedCalls<Pending, boolean>;
  private readonly recordingStreams: CoalescedCalls<Held & { streamId: string }, boolean>;
  private readonly completing: CoalescedCalls<Held & { statusCode: number; body: string }, void>;

  constructor(private readonly dataSource: DataSource) {
    this.inserting = new CoalescedCalls<Pending, boolean>((pending) => this.insertOrRestartAll(pending), byScope);
    this.recordingStreams = new CoalescedCalls<Held & { streamId: string }, boolean>((records) => this.recordStreams(records), byScope);
    this.completing = new CoalescedCalls<Held & { statusCode: number; body: string }, void>(
      (answers) => this.completeAll(answers),
      byScope,
    );
  }

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
  recordStream(claim: Claim, streamId: string): Promise<boolean> {
    return this.recordingStreams.call({ scope: claim.scope, owner: claim.owner, streamId });
  }

  complete(claim: Claim, statusCode: number, body: unknown): Promise<void> {
    return this.completing.call({ scope: claim.scope, owner: claim.owner, statusCode, body: JSON.stringify(body ?? null) });
  }

  private async recordStreams(records: readonly (Held & { streamId: string })[]): Promise<boolean[]> {
    const recorded = await this.rows<{ scope: string }>(
      // In a WITH: TypeORM answers an UPDATE's rows paired with its count, a SELECT's as they are.
      `WITH recorded AS (UPDATE api_idempotency_keys k SET stream_id = r.stream_id
         FROM unnest($1::text[], $2::text[], $3::text[]) AS r(scope, owner, stream_id)
        WHERE k.scope = r.scope AND k.lease_owner = r.owner
       RETURNING k.scope) SELECT scope FROM recorded`,
      [records.map((r) => r.scope), records.map((r) => r.owner), records.map((r) => r.streamId)],
    );
    const held = new Set(recorded.map((row) => row.scope));
    return records.map((r) => held.has(r.scope));
  }

  private async completeAll(answers: readonly (Held & { statusCode: number; body: string })[]): Promise<void[]> {
    await this.dataSource.query(
      `UPDATE api_idempotency_keys k SET state = 'done', status_code = a.status_code, response_body = a.body::jsonb, lease_until = NULL
         FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS a(scope, owner, status_code, body)
        WHERE k.scope = a.scope AND k.lease_owner = a.owner`,
      [answers.map((a) => a.scope), answers.map((a) => a.owner), answers.map((a) => a.statusCode), answers.map((a) => a.body)],
    );
    return answers.map(() => undefined);
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
    const claimed = await this.inserting.call({ scope, requestHash, requestId, owner });
    return claimed ? { scope, requestId, owner, streamId: null, takenOver: false } : undefined;
  }

  private async insertOrRestartAll(pending: readonly Pending[]): Promise<boolean[]> {
    const claimed = await this.rows<{ scope: string }>(
      `INSERT INTO api_idempotency_keys AS k (scope, request_hash, state, created_at, request_id, lease_owner, lease_until)
       SELECT p.scope, p.request_hash, 'pending', now(), p.request_id, p.owner, ${LEASE}
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(scope, request_hash, request_id, owner)
       ON CONFLICT (scope) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'pending', status_code = NULL,
         response_body = NULL, created_at = now(), request_id = EXCLUDED.request_id, lease_owner = EXCLUDED.lease_owner,
         lease_until = EXCLUDED.lease_until, stream_id = NULL
       WHERE k.created_at < ${EXPIRED}
       RETURNING scope`,
      [pending.map((p) => p.scope), pending.map((p) => p.requestHash), pending.map((p) => p.requestId), pending.map((p) => p.owner)],
    );
    const ours = new Set(claimed.map((row) => row.scope));
    return pending.map((p) => ours.has(p.scope));
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
