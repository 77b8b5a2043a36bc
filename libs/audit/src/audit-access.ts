import { auditAccessEvents, localDateOf, type AuditRecordsRead } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';
import { auditAccessStreamId } from './audit-subject.js';

/** Who looked at what, when, in answer to which request: auditors' reading is itself on the record. */
export interface AuditAccess {
  /** As on every event: `auditor:uwv`, `operator:anna`, `cli:root`. */
  readonly actor: string;
  /** history, as-of, diff, verify, compare. */
  readonly action: string;
  /** What was read: a subject, a stream, or the whole store. */
  readonly target: string;
  /** The question's parameters (page, instants, dates), as asked. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly correlationId: string;
}

/**
 * Appends the access to the day's audit-access stream before the answer is given, so an answer
 * that was read was recorded. The stream is hash-chained like every other.
 */
export async function recordAuditAccess(store: EventStore, access: AuditAccess, now: Date): Promise<void> {
  const { actor, correlationId, ...what } = access;
  const read: AuditRecordsRead = { type: 'AuditRecordsRead', data: { actor, ...what, at: now.toISOString() } };
  const { version } = auditAccessEvents.AuditRecordsRead;
  await store.appendToStream(
    auditAccessStreamId(localDateOf(now)),
    [{ ...read, schemaVersion: version, metadata: { actor, correlationId } }],
    {
      expectedVersion: 'any',
    },
  );
}
