import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { employerDecider, employerStreamId, invoiceNumberOf, notFound } from '@banenpool/domain';
import { findInvoice, listInvoices, type InvoiceFilter, type InvoiceSummary, type Page } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { invoiceDocumentOf, type InvoiceDocument } from './invoice-document.js';

/** What an invoice id names: `<year>-<sequence>`, with the sequence as printed (`2027-00001`) or without its zeros (`2027-1`). */
export interface InvoiceIdentity {
  invoiceId: string;
  year: number;
  sequence: number;
}

const INVOICE_ID = /^(\d{4})-(\d{1,9})$/;

/** The document an id names, its id as the number reads (404 for an id of another shape, which no document has). */
export function invoiceNamed(id: string): InvoiceIdentity {
  const [, year, sequence] = INVOICE_ID.exec(id) ?? [];
  if (year === undefined || Number(sequence) < 1) {
    notFound('invoice_not_found', `No invoice ${id}: an invoice's id is <year>-<sequence>, e.g. 2027-00001 or 2027-1.`);
  }
  return { invoiceId: invoiceNumberOf(Number(year), Number(sequence)), year: Number(year), sequence: Number(sequence) };
}

/** An invoice or credit note whole, from the invoices read model: an employer reads only its own (403). */
export class GetInvoiceQuery extends Query<InvoiceDocument> {
  constructor(
    readonly invoiceId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(GetInvoiceQuery)
export class GetInvoiceHandler implements IQueryHandler<GetInvoiceQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly streams: StreamStates,
  ) {}

  async execute({ invoiceId, caller }: GetInvoiceQuery): Promise<InvoiceDocument> {
    const { invoiceId: id } = invoiceNamed(invoiceId);
    const record =
      (await findInvoice(this.dataSource, id)) ??
      notFound('invoice_not_found', `No invoice ${id} (pass waitFor with the position its run answered to see one just issued).`);
    requireEmployerAccess(caller, record.employerId);
    const { state: hirer } = await this.streams.load(employerDecider, employerStreamId(record.employerId));
    return invoiceDocumentOf(record, hirer.status === 'none' ? record.employerId : hirer.name);
  }
}

/** The documents in the order of the series, filtered and paged; an employer lists only its own (403 for another's filter). */
export class ListInvoicesQuery extends Query<Page<InvoiceSummary>> {
  constructor(
    readonly filter: InvoiceFilter,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(ListInvoicesQuery)
export class ListInvoicesHandler implements IQueryHandler<ListInvoicesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, caller }: ListInvoicesQuery): Promise<Page<InvoiceSummary>> {
    if (filter.employerId !== undefined) requireEmployerAccess(caller, filter.employerId);
    return listInvoices(this.dataSource, { ...filter, employerId: caller.employerId ?? filter.employerId });
  }
}
