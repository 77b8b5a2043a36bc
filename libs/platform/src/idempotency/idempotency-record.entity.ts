import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A POST's outcome under its Idempotency-Key, so a retry gets the first answer instead of a second append.
 * A pending record is held by a lease its request renews; once the lease has lapsed (the process died),
 * a retry takes the record over and finds out from the events whether the command was appended.
 */
@Entity({ name: 'api_idempotency_keys' })
export class IdempotencyRecord {
  /** The caller and their key: two callers may choose the same key. */
  @PrimaryColumn({ type: 'text' })
  scope: string;

  /** Hash of method, path and body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  state: 'pending' | 'done';

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  /** Keys expire a fixed time after this; the sweep finds them by it. */
  @Index()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Names this use of the key in its events' metadata; kept by a takeover, new when an expired key is used again. */
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  /** Which running request holds the lease: only it renews, records its stream or finishes the record. */
  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner: string | null;

  /** A pending record whose lease has lapsed belongs to a request that died; null counts as lapsed. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** The stream a single-stream command was about to append to: where a takeover looks for its events. */
  @Column({ name: 'stream_id', type: 'text', nullable: true })
  streamId: string | null;
}
