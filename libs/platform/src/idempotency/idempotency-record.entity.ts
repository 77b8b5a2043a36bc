import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A POST's outcome under its Idempotency-Key, so a retry gets the first answer instead of a second append. */
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

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
