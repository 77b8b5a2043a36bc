import type { CreditNoteIssued, InvoiceKind, InvoiceLine, InvoicePaid, InvoiceIssued, LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Where a document stands: issued, sent to the hirer, paid in part, or paid in full (nothing open).
 * A document whose total is nothing (a credit note of a zero line) is paid as issued.
 */
export const INVOICE_STATUSES = ['issued', 'sent', 'part_paid', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export type InvoiceVat = InvoiceIssued['data']['vat'];
export type InvoicePayment = Omit<InvoicePaid['data'], 'invoiceId'>;
/** What a credit note corrects, and why; null on an invoice. */
export type InvoiceCorrection = Pick<CreditNoteIssued['data'], 'corrects' | 'reasons'>;

/**
 * One row per document of the year's series (an invoice or a credit note, one `invoice-<year>-<n>`
 * stream each): what it says, and what was sent and paid since. Enough to answer the document as
 * JSON, CSV or PDF without reading its stream.
 */
@Entity({ name: 'rm_invoices' })
@Index('rm_invoices_employer_period', ['employerId', 'periodId'])
@Index('rm_invoices_year_sequence', ['year', 'sequence'])
@Index('rm_invoices_period', ['periodId'])
export class InvoiceRow {
  /** `<year>-<sequence>`, as the stream is named. */
  @PrimaryColumn({ name: 'invoice_id', type: 'text' })
  invoiceId: string;

  /** `<year>-<sequence, five digits>`: the number the hirer sees. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'text' })
  kind: InvoiceKind;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'period_id', type: 'text' })
  periodId: string;

  @Column({ name: 'pay_run_id', type: 'text' })
  payRunId: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: LocalDate;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: LocalDate;

  /** The day it was last sent; null until it is. */
  @Column({ name: 'sent_on', type: 'date', nullable: true })
  sentOn: LocalDate | null;

  @Column({ type: 'text' })
  status: InvoiceStatus;

  /** The document's totals in cents (negative on a credit note). */
  @Column({ name: 'net_cents', type: 'integer' })
  netCents: number;

  @Column({ name: 'vat_cents', type: 'integer' })
  vatCents: number;

  @Column({ name: 'total_cents', type: 'integer' })
  totalCents: number;

  /** The share of the total to be paid to the pool's G-account. */
  @Column({ name: 'g_account_cents', type: 'integer' })
  gAccountCents: number;

  /** Received so far, and how much of it reached the G-account. */
  @Column({ name: 'paid_cents', type: 'integer' })
  paidCents: number;

  @Column({ name: 'paid_to_g_account_cents', type: 'integer' })
  paidToGAccountCents: number;

  /** total − paid. */
  @Column({ name: 'open_cents', type: 'integer' })
  openCents: number;

  @Column({ type: 'jsonb' })
  vat: InvoiceVat;

  @Column({ name: 'g_account_share_bp', type: 'integer' })
  gAccountShareBp: number;

  @Column({ type: 'jsonb' })
  lines: InvoiceLine[];

  @Column({ type: 'jsonb', nullable: true })
  correction: InvoiceCorrection | null;

  @Column({ type: 'jsonb' })
  payments: InvoicePayment[];

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy: string;

  /** The stream's revision after the last event folded in, plus one: older events are never folded again. */
  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;
}
