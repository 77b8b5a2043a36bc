import { z } from 'zod';
import { text, type EventOf, type EventRegistry } from '../shared/event-schema.js';

/** The day's record of who read what (libs/audit appends it): audit-access-YYYY-MM-DD. */
export const auditAccessEvents = {
  AuditRecordsRead: {
    version: 1,
    data: z.object({
      /** As on every event: `auditor:uwv`, `operator:anna`, `cli:root`. */
      actor: text,
      /** history, as-of, diff, verify, compare. */
      action: text,
      /** What was read: a subject, a stream, or the whole store. */
      target: z.string().min(1),
      /** The question's parameters (page, instants, dates), as asked. */
      parameters: z.record(z.string(), z.string()),
      at: z.iso.datetime(),
    }),
  },
} as const satisfies EventRegistry;

export type AuditRecordsRead = EventOf<typeof auditAccessEvents, 'AuditRecordsRead'>;
