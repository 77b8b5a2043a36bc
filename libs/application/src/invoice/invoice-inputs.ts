import { Injectable } from '@nestjs/common';
import {
  INVOICE_ROUNDING_RULE,
  placementDecider,
  placementStreamId,
  refuse,
  type InvoiceInput,
  type InvoicedPlacement,
  type IssuedDocument,
  type LocalDate,
  type RuleBook,
} from '@banenpool/domain';
import { invoicesOfEmployer, workerPaysOfEmployer, type InvoiceRecord, type PayRunRecord } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { mapBounded } from '../payroll/collections.js';
import { RateAgreementsReader } from '../rate-agreement/rate-agreements-reader.js';
import { StreamStates } from '../shared/stream-states.js';

/**
 * Days from issue to due date: the statutory term between businesses when none is agreed (BW
 * art. 6:119a lid 2, 30 days). Rate agreements hold no term of their own yet.
 */
export const PAYMENT_TERM_DAYS = 30;

/** Placement streams read at once: a hirer's invoice names a handful, a large one a few hundred. */
const PLACEMENTS_IN_FLIGHT = 8;

/**
 * What one hirer's invoicing of a finalized run is drafted from: the hirer's pay lines and
 * differences from the pay-runs read model (only the rows of its workers, never the run's
 * stream), its placements (worker, function) from their small streams, its rate agreements, and
 * every document issued to it before from the invoices read model.
 */
@Injectable()
export class InvoiceInputs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly streams: StreamStates,
    private readonly rates: RateAgreementsReader,
  ) {}

  async of(run: PayRunRecord, employerId: string, issuedOn: LocalDate, rules: RuleBook): Promise<InvoiceInput> {
    const [pays, rateAgreements, earlier] = await Promise.all([
      workerPaysOfEmployer(this.dataSource, run, employerId),
      this.rates.of(employerId),
      invoicesOfEmployer(this.dataSource, employerId),
    ]);
    const lines = pays.flatMap((pay) => pay.lines.filter((line) => line.employerId === employerId));
    const differences = pays.flatMap((pay) => pay.differences.filter((difference) => difference.employerId === employerId));
    const placementIds = [
      ...new Set([...lines.map((line) => line.placementId), ...differences.flatMap((d) => (d.placementId ? [d.placementId] : []))]),
    ];
    return {
      employerId,
      payRunId: run.payRunId,
      period: run.period,
      lines,
      differences,
      placements: await mapBounded(placementIds, PLACEMENTS_IN_FLIGHT, (id) => this.placement(id)),
      rateAgreements,
      earlier: earlier.map(issuedDocumentOf),
      rules,
      issuedOn,
      paymentTermDays: PAYMENT_TERM_DAYS,
    };
  }

  private async placement(placementId: string): Promise<InvoicedPlacement> {
    const { state } = await this.streams.load(placementDecider, placementStreamId(placementId));
    if (state.status === 'none') refuse('unknown_placement', `Placement ${placementId} of the pay run has no stream.`);
    return { placementId, workerId: state.workerId, functionCode: state.functionName };
  }
}

/** A document of the read model as its stream issued it: what the drafting of corrections reads. */
export function issuedDocumentOf(record: InvoiceRecord): IssuedDocument {
  const { invoiceId, number, year, sequence, employerId, periodId, payRunId, issuedOn, dueOn, lines, vat, gAccountShareBp, totals } =
    record;
  const data = {
    invoiceId,
    number,
    year,
    sequence,
    employerId,
    periodId,
    payRunId,
    issuedOn,
    dueOn,
    lines,
    vat,
    gAccountShareBp,
    totals,
    rounding: INVOICE_ROUNDING_RULE,
    by: record.issuedBy,
  };
  return record.kind === 'invoice'
    ? { type: 'InvoiceIssued', data }
    : { type: 'CreditNoteIssued', data: { ...data, corrects: record.corrects ?? [], reasons: record.reasons ?? [] } };
}
