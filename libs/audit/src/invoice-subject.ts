import {
  assertNever,
  invoiceDecider,
  invoiceLedgerStreamId,
  invoiceStreamId,
  notFound,
  type InvoiceDocumentEvent,
  type LocalDate,
} from '@banenpool/domain';
import type { ReadStreamOptions, ReplayEvent } from '@banenpool/event-store';
import { domainEventOf } from './replay.js';

/** `2027-00001` (as printed) or `2027-1`: the year and the place in its series. */
const INVOICE_ID = /^(\d{4})-(\d{1,9})$/;

interface InvoiceNumber {
  readonly year: number;
  readonly sequence: number;
}

function invoiceNumberIn(invoiceId: string): InvoiceNumber {
  const [, year, sequence] = INVOICE_ID.exec(invoiceId) ?? [];
  if (year === undefined || Number(sequence) < 1) {
    notFound('audit_subject_not_found', `No invoice ${invoiceId}: an invoice's id is <year>-<sequence>, e.g. 2027-00001.`);
  }
  return { year: Number(year), sequence: Number(sequence) };
}

/** The stream of the invoice or credit note an id names (`invoice-<year>-<sequence>`). */
export function invoiceStreamOf(invoiceId: string): string {
  const { year, sequence } = invoiceNumberIn(invoiceId);
  return invoiceStreamId(year, sequence);
}

type StreamRead<Event> = (streamId: string, options?: ReadStreamOptions) => Promise<Event[]>;

/**
 * The `InvoiceNumberAssigned` of the document in its year's ledger. The ledger is gapless and
 * numbers in order, so number n is its n-th event: one event read, however long the year.
 */
export async function numberAssignmentOf<Event extends ReplayEvent>(read: StreamRead<Event>, invoiceId: string): Promise<Event[]> {
  const { year, sequence } = invoiceNumberIn(invoiceId);
  const events = await read(invoiceLedgerStreamId(year), { fromRevision: sequence - 1, toRevision: sequence - 1 });
  return events.filter((event) => (event.data as { sequence?: number }).sequence === sequence);
}

/** The day an event of a document's stream says it happened: issued, sent, paid. */
function dayOf(event: InvoiceDocumentEvent): LocalDate {
  switch (event.type) {
    case 'InvoiceIssued':
    case 'CreditNoteIssued':
      return event.data.issuedOn;
    case 'InvoiceSent':
      return event.data.sentOn;
    case 'InvoicePaid':
      return event.data.paidOn;
    default:
      return assertNever(event);
  }
}

/**
 * An invoice on a date, by the dates it carries rather than when they were recorded: issued by
 * then, sent by then, the payments made by then (and so what was open), and whether it was overdue.
 */
export function invoiceOn(stream: readonly ReplayEvent[], on: LocalDate) {
  const dated = stream.map((event) => domainEventOf<InvoiceDocumentEvent>(event)).filter((event) => dayOf(event) <= on);
  const state = dated.reduce(invoiceDecider.evolve, invoiceDecider.initialState);
  if (state.status === 'none') return { issued: false };
  const overdue = state.kind === 'invoice' && state.openCents > 0 && on > state.document.dueOn;
  return { issued: true, overdue, ...state };
}
