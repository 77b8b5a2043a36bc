import {
  allocationStreamId,
  assertNever,
  capacityStreamId,
  caoStreamId,
  employerStreamId,
  payRunStreamId,
  placementStreamId,
  streamIdFor,
  timesheetStreamId,
  workerStreamId,
} from '@banenpool/domain';
import { invoiceStreamOf } from './invoice-subject.js';

/**
 * What an auditor can ask about. A pool contract lives inside its worker's stream, so it is named by
 * both ids; a timesheet by its id (`<placementId>-<isoWeek>`), a pay run by its period's id (`2027-P03`, `2027-03`),
 * an invoice or credit note by its number (`2027-00001`).
 */
export const SUBJECT_KINDS = [
  'worker',
  'contract',
  'placement',
  'employer',
  'cao',
  'capacity-request',
  'allocation-run',
  'timesheet',
  'pay-run',
  'invoice',
  'audit-access',
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export type AuditSubject =
  | { readonly kind: Exclude<SubjectKind, 'contract'>; readonly id: string }
  | { readonly kind: 'contract'; readonly workerId: string; readonly contractId: string };

/** The stream that holds the subject's own events. */
export function streamOf(subject: AuditSubject): string {
  switch (subject.kind) {
    case 'worker':
      return workerStreamId(subject.id);
    case 'contract':
      return workerStreamId(subject.workerId);
    case 'placement':
      return placementStreamId(subject.id);
    case 'employer':
      return employerStreamId(subject.id);
    case 'cao':
      return caoStreamId(subject.id);
    case 'capacity-request':
      return capacityStreamId(subject.id);
    case 'allocation-run':
      return allocationStreamId(subject.id);
    case 'timesheet':
      return timesheetStreamId(subject.id);
    case 'pay-run':
      return payRunStreamId(subject.id);
    case 'invoice':
      return invoiceStreamOf(subject.id);
    case 'audit-access':
      return auditAccessStreamId(subject.id);
    default:
      return assertNever(subject);
  }
}

/** One stream a day: small enough to read whole, and each day's chain verifiable on its own. */
export const auditAccessStreamId = (day: string): string => streamIdFor('audit-access', day);

export function describeSubject(subject: AuditSubject): string {
  return subject.kind === 'contract' ? `contract ${subject.contractId} of worker ${subject.workerId}` : `${subject.kind} ${subject.id}`;
}
