import type { LocalDate } from '../shared/local-date.js';
import type { InvoiceKind } from './invoice.events.js';
import type { CreditNoteDraft, InvoiceDocumentDraft } from './invoice-lines.js';

/** The number a document got from the year's ledger, and who issues it. */
interface Numbered {
  readonly invoiceId: string;
  readonly year: number;
  readonly sequence: number;
  readonly by: string;
}

/** Issues an invoice (`draftInvoice`'s `invoice`) under the number the ledger assigned it, in `invoice-<year>-<n>`. */
export interface IssueInvoice extends Numbered {
  readonly type: 'IssueInvoice';
  readonly draft: InvoiceDocumentDraft;
}

/** Issues a credit note (`draftInvoice`'s `creditNote`) under the number the ledger assigned it. */
export interface IssueCreditNote extends Numbered {
  readonly type: 'IssueCreditNote';
  readonly draft: CreditNoteDraft;
}

export interface SendInvoice {
  readonly type: 'SendInvoice';
  readonly sentOn: LocalDate;
  readonly by: string;
}

/** A payment of the hirer received, in part or in full; `toGAccountCents` of it reached the G-account (default 0). */
export interface RecordInvoicePayment {
  readonly type: 'RecordInvoicePayment';
  readonly amountCents: number;
  readonly toGAccountCents?: number;
  readonly paidOn: LocalDate;
  readonly reference?: string;
  readonly by: string;
}

export type InvoiceCommand = IssueInvoice | IssueCreditNote | SendInvoice | RecordInvoicePayment;

/**
 * Takes the next number of the year for a document to a hirer for a period (in `invoice-numbers-<year>`).
 * `invoiceId` defaults to the number itself (`2027-00001`).
 */
export interface AssignInvoiceNumber {
  readonly type: 'AssignInvoiceNumber';
  readonly year: number;
  readonly invoiceId?: string;
  readonly kind: InvoiceKind;
  readonly employerId: string;
  readonly periodId: string;
}

export type InvoiceLedgerCommand = AssignInvoiceNumber;
