import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { invoiceLineProvenance, type LineProvenance } from '@banenpool/audit';
import type { EventStore } from '@banenpool/event-store';
import { USE_CASE_EVENT_STORE } from '../shared/ports.js';

/**
 * Where a line of an invoice or credit note comes from: each timesheet line as approved, its pay
 * line with the wage row, the CAO version and rule rows, the rate agreement and the VAT row, and
 * the line's amount computed again from those records.
 */
export class GetInvoiceLineProvenanceQuery extends Query<LineProvenance> {
  constructor(
    readonly invoiceId: string,
    readonly lineIndex: number,
  ) {
    super();
  }
}

@QueryHandler(GetInvoiceLineProvenanceQuery)
export class GetInvoiceLineProvenanceHandler implements IQueryHandler<GetInvoiceLineProvenanceQuery> {
  constructor(@Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore) {}

  execute({ invoiceId, lineIndex }: GetInvoiceLineProvenanceQuery): Promise<LineProvenance> {
    return invoiceLineProvenance(this.store, invoiceId, lineIndex);
  }
}
