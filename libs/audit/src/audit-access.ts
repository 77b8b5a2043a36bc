import { auditAccessEvents, localDateOf, MAX_RECORDED_SUBJECTS, type AuditRecordsRead, type PersonalDataRead } from '@banenpool/domain';
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

/** A read that showed workers' personal or target-group data, as the access record keeps it (issue 18). */
export type PersonalDataAccess = Omit<PersonalDataRead['data'], 'at' | 'workerIds' | 'workerCount'> & {
  /** Every worker the answer held; the record keeps the first MAX_RECORDED_SUBJECTS and the count. */
  readonly workerIds: readonly string[];
  readonly correlationId: string;
};

/**
 * Appends a personal-data read to the day's audit-access stream. The caller answers only after
 * this resolved, so an answer that left was recorded; when it throws, the read must fail.
 */
export async function recordPersonalDataRead(
  store: Pick<EventStore, 'appendToStream'>,
  access: PersonalDataAccess,
  now: Date,
): Promise<void> {
  const { correlationId, workerIds, ...what } = access;
  const unique = [...new Set(workerIds)];
  const data: PersonalDataRead['data'] = {
    ...what,
    workerIds: unique.slice(0, MAX_RECORDED_SUBJECTS),
    workerCount: unique.length,
    at: now.toISOString(),
  };
  const { version } = auditAccessEvents.PersonalDataRead;
  await store.appendToStream(
    auditAccessStreamId(localDateOf(now)),
    [{ type: 'PersonalDataRead', data, schemaVersion: version, metadata: { actor: access.actor, correlationId } }],
    { expectedVersion: 'any' },
  );
}

/** Whether a personal-data read named the worker among those it showed. */
export function personalDataReadIsAbout(workerId: string, type: string, data: unknown): boolean {
  if (type !== 'PersonalDataRead' || typeof data !== 'object' || data === null) return false;
  const ids = (data as { workerIds?: unknown }).workerIds;
  return Array.isArray(ids) && ids.includes(workerId);
}
