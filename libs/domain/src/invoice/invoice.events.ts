import { z } from 'zod';
import { differenceReasonSchema } from '../payroll/pay-run.events.js';
import { rateSchema } from '../rate-agreement/rate-agreement.events.js';
import { ruleRefSchema } from '../rules/rules.events.js';
import {
  basisPoints,
  cents,
  count,
  localDate,
  prose,
  text,
  type EventOf,
  type EventRegistry,
  type EventsOf,
} from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';
import { HOUR_TYPES } from '../timesheet/timesheet.events.js';

/**
 * Invoice numbers are unique and gapless per year (Wet OB art. 35a): the n-th document of a year is
 * `<year>-<n, five digits>` and lives in the stream `invoice-<year>-<n>`. Credit notes share the series.
 */
export const invoiceNumberOf = (year: number, sequence: number): string => `${year}-${String(sequence).padStart(5, '0')}`;
export const invoiceStreamId = (year: number, sequence: number): string => streamIdFor('invoice', `${year}-${sequence}`);

/**
 * The year's ledger of numbers: one `InvoiceNumberAssigned` per document, appended at the ledger's
 * current revision, so two concurrent runs can never take one number and none is skipped. It also
 * holds which hirer and period each number went to, so a period is never invoiced twice.
 */
export const invoiceLedgerStreamId = (year: number): string => streamIdFor('invoice-numbers', String(year));

/** How every amount of an invoice is rounded. */
export const INVOICE_ROUNDING_RULE =
  "each line's amount is the exact sum over its hours (hours × rate, or gross wage × factor, each with the hour type's surcharge) rounded half up once to whole cents; VAT is the invoice's net total × the rate, rounded half up; totals are sums" as const;

export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** One paid timesheet line behind an invoice line: where to find it in its pay run, and what it gave. */
export const invoiceLineSourceSchema = z.object({
  payRunId: text,
  timesheetId: text,
  timesheetVersion: count,
  lineIndex: count,
  day: localDate,
  minutes: count,
  /** The pay line's wage + CAO surcharge: what a factor rate is applied to. */
  grossWageCents: cents,
});
export type InvoiceLineSource = z.infer<typeof invoiceLineSourceSchema>;

/** One placement's hours of one hour type under one rate agreement, in the invoice's period. */
export const invoiceLineSchema = z.object({
  placementId: text,
  workerId: text,
  hourType: z.enum(HOUR_TYPES),
  rateAgreementId: text,
  rate: rateSchema,
  /** The agreement's surcharge for the hour type (0 when none). */
  surchargeBp: basisPoints,
  minutes: count,
  /** Σ gross wage of the sources (the base of a factor rate). */
  grossWageCents: cents,
  amountCents: cents,
  sources: z.array(invoiceLineSourceSchema).min(1),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceTotalsSchema = z.object({
  netCents: cents,
  vatCents: cents,
  totalCents: cents,
  /** The share the hirer pays to the pool's G-account (chain liability); part of the total, not on top. */
  gAccountCents: cents,
});
export type InvoiceTotals = z.infer<typeof invoiceTotalsSchema>;

/** What an invoice and a credit note both say. A credit note's lines are the credited lines as first invoiced; its totals are negative. */
const documentData = {
  invoiceId: text,
  number: text,
  year: count,
  sequence: count,
  employerId: text,
  /** The pay period whose invoicing issued it. */
  periodId: text,
  payRunId: text,
  issuedOn: localDate,
  dueOn: localDate,
  lines: z.array(invoiceLineSchema),
  vat: z.object({ bp: basisPoints, rule: ruleRefSchema }),
  gAccountShareBp: basisPoints,
  totals: invoiceTotalsSchema,
  rounding: z.literal(INVOICE_ROUNDING_RULE),
  by: text,
};

export const invoiceEvents = {
  /** A number of the year's series taken for a document to a hirer for a period (in `invoice-numbers-<year>`). */
  InvoiceNumberAssigned: {
    version: 1,
    data: z.object({
      year: count,
      sequence: count,
      invoiceId: text,
      kind: z.enum(INVOICE_KINDS),
      employerId: text,
      periodId: text,
    }),
  },
  InvoiceIssued: { version: 1, data: z.object(documentData) },
  /** Credits lines of earlier invoices that a retroactive change made wrong; the next invoice carries them anew. */
  CreditNoteIssued: {
    version: 1,
    data: z.object({
      ...documentData,
      corrects: z.array(z.object({ invoiceId: text, lineIndices: z.array(count).min(1) })).min(1),
      /** The events that made the lines wrong (a CAO correction, a timesheet correction, …). */
      reasons: z.array(differenceReasonSchema).min(1),
    }),
  },
  InvoiceSent: { version: 1, data: z.object({ invoiceId: text, sentOn: localDate, by: text }) },
  /** A payment received, in part or in full; `toGAccountCents` of it reached the G-account. */
  InvoicePaid: {
    version: 1,
    data: z.object({
      invoiceId: text,
      amountCents: cents,
      toGAccountCents: cents,
      paidOn: localDate,
      reference: prose.optional(),
      by: text,
    }),
  },
} as const satisfies EventRegistry;

type Events = typeof invoiceEvents;
export type InvoiceNumberAssigned = EventOf<Events, 'InvoiceNumberAssigned'>;
export type InvoiceIssued = EventOf<Events, 'InvoiceIssued'>;
export type CreditNoteIssued = EventOf<Events, 'CreditNoteIssued'>;
export type InvoiceSent = EventOf<Events, 'InvoiceSent'>;
export type InvoicePaid = EventOf<Events, 'InvoicePaid'>;
export type InvoiceEvent = EventsOf<Events>;
