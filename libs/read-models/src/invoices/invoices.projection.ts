import { assertNever, type InvoiceEvent } from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { In } from 'typeorm';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';
import { InvoiceRow, type InvoiceStatus } from './invoices.entity.js';

/** The events of a document's own stream; the ledger's InvoiceNumberAssigned says nothing a document does not. */
type DocumentEvent = Exclude<InvoiceEvent, { type: 'InvoiceNumberAssigned' }>;
type DocumentProjectedEvent = ProjectedEvent & DocumentEvent;

const DOCUMENT_EVENTS: ReadonlySet<DocumentEvent['type']> = new Set<DocumentEvent['type']>([
  'InvoiceIssued',
  'CreditNoteIssued',
  'InvoiceSent',
  'InvoicePaid',
]);
const isDocumentEvent = (event: ProjectedEvent): event is DocumentProjectedEvent =>
  DOCUMENT_EVENTS.has(event.type as DocumentEvent['type']);

/**
 * Invoices and credit notes: one row per document, folded from its stream in revision order.
 * Payments add up, so a row keeps the count of its stream's events folded in: a batch is sorted
 * by revision and an event the row has already seen is passed over, and a replay changes nothing.
 */
export const invoicesProjection: Projection = readModel({
  name: 'invoices',
  entities: [InvoiceRow],
  eventTypes: DOCUMENT_EVENTS,
  async apply(events, manager) {
    const documentEvents = events.filter(isDocumentEvent).sort((a, b) => a.revision - b.revision);
    if (documentEvents.length === 0) return;
    const ids = [...new Set(documentEvents.map((e) => e.data.invoiceId))];
    const rows = new Map((await manager.findBy(InvoiceRow, { invoiceId: In(ids) })).map((row) => [row.invoiceId, row]));
    const changed = new Set<string>();
    for (const event of documentEvents) {
      const id = event.data.invoiceId;
      const row = rows.get(id);
      if (row && event.revision < row.eventCount) continue;
      const next = applyDocumentEvent(row, event);
      if (!next) continue;
      rows.set(id, { ...next, eventCount: event.revision + 1 });
      changed.add(id);
    }
    if (changed.size > 0)
      await manager.upsert(
        InvoiceRow,
        [...changed].map((id) => rows.get(id)!),
        ['invoiceId'],
      );
  },
});

/** One event folded into the document's row (event count aside); a send or payment before the issue (a hand-made stream) leaves no row. */
function applyDocumentEvent(row: InvoiceRow | undefined, event: DocumentEvent): InvoiceRow | undefined {
  if (event.type === 'InvoiceIssued' || event.type === 'CreditNoteIssued') return issuedRow(event);
  if (!row) return undefined;
  switch (event.type) {
    case 'InvoiceSent':
      return withStatus({ ...row, sentOn: event.data.sentOn });
    case 'InvoicePaid': {
      const { invoiceId: _id, ...payment } = event.data;
      return withStatus({
        ...row,
        paidCents: row.paidCents + payment.amountCents,
        paidToGAccountCents: row.paidToGAccountCents + payment.toGAccountCents,
        openCents: row.openCents - payment.amountCents,
        payments: [...row.payments, payment],
      });
    }
    default:
      return assertNever(event);
  }
}

function issuedRow(event: Extract<DocumentEvent, { type: 'InvoiceIssued' | 'CreditNoteIssued' }>): InvoiceRow {
  const { invoiceId, number, year, sequence, employerId, periodId, payRunId, issuedOn, dueOn, lines, vat, gAccountShareBp, totals, by } =
    event.data;
  return withStatus({
    invoiceId,
    number,
    year,
    sequence,
    kind: event.type === 'InvoiceIssued' ? 'invoice' : 'credit_note',
    employerId,
    periodId,
    payRunId,
    issuedOn,
    dueOn,
    sentOn: null,
    status: 'issued',
    netCents: totals.netCents,
    vatCents: totals.vatCents,
    totalCents: totals.totalCents,
    gAccountCents: totals.gAccountCents,
    paidCents: 0,
    paidToGAccountCents: 0,
    openCents: totals.totalCents,
    vat,
    gAccountShareBp,
    lines,
    correction: event.type === 'CreditNoteIssued' ? { corrects: event.data.corrects, reasons: event.data.reasons } : null,
    payments: [],
    issuedBy: by,
    eventCount: 0,
  });
}

function withStatus(row: InvoiceRow): InvoiceRow {
  return { ...row, status: statusOf(row) };
}

function statusOf({ openCents, paidCents, sentOn }: Pick<InvoiceRow, 'openCents' | 'paidCents' | 'sentOn'>): InvoiceStatus {
  if (openCents === 0) return 'paid';
  if (paidCents !== 0) return 'part_paid';
  return sentOn === null ? 'issued' : 'sent';
}
