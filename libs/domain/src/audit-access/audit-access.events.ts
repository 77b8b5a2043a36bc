import { z } from 'zod';
import { text, type EventOf, type EventRegistry } from '../shared/event-schema.js';

/** What a read of a worker showed: personal fields (name, birth date, location, contact) or target-group data. */
export const PERSONAL_DATA_CATEGORIES = ['personal', 'target-group'] as const;
export type PersonalDataCategory = (typeof PERSONAL_DATA_CATEGORIES)[number];

/**
 * At most this many worker ids are kept on one record (about 60 kB). A paged list shows at most 500
 * (limit ≤ 500) and is never cut; an unpaged one (a month's LKS claims, a hirer's statement) is cut
 * only past the workforce of a large pool. A cut record keeps the count and the question's
 * parameters, so what it showed can be asked again; the access log of a worker past the cut misses it.
 */
export const MAX_RECORDED_SUBJECTS = 5_000;

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
  /**
   * A read that showed workers' personal or target-group data (issue 18): who, what, when, why.
   * A route listing many workers records one of these per request with the ids it showed.
   */
  PersonalDataRead: {
    version: 1,
    data: z.object({
      /** As on every event: `auditor:uwv`, `employer:planning@visschedijk`. */
      actor: text,
      role: z.enum(['operator', 'employer', 'auditor']),
      /** The route as declared, e.g. `GET /workers/:workerId`. */
      route: text,
      /** The path as asked, e.g. `/workers/w-anna`. */
      target: z.string().min(1),
      /** The query's parameters as asked, purpose aside. */
      parameters: z.record(z.string(), z.string()),
      /** The workers whose data the answer held, at most MAX_RECORDED_SUBJECTS. */
      workerIds: z.array(text).max(MAX_RECORDED_SUBJECTS),
      /** How many workers the answer held; more than workerIds.length when the list was cut. */
      workerCount: z.int().min(0),
      /** Which categories the caller was shown (after minimisation); empty when only pseudonymous ids. */
      categories: z.array(z.enum(PERSONAL_DATA_CATEGORIES)),
      /** Why, as the caller stated it; absent for employers, who are not asked. */
      purpose: text.optional(),
      at: z.iso.datetime(),
    }),
  },
} as const satisfies EventRegistry;

export type AuditRecordsRead = EventOf<typeof auditAccessEvents, 'AuditRecordsRead'>;
export type PersonalDataRead = EventOf<typeof auditAccessEvents, 'PersonalDataRead'>;
