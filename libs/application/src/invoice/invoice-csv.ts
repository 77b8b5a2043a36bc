import { stringify } from 'csv-stringify/sync';
import { hoursText, hundredthsText } from '../payroll/pay-run-export.js';
import type { InvoiceDocument } from './invoice-document.js';

const CSV_HEADER = [
  'invoice_id',
  'number',
  'kind',
  'employer_id',
  'period_id',
  'issued_on',
  'due_on',
  'line',
  'placement_id',
  'worker_id',
  'hour_type',
  'minutes',
  'hours',
  'rate_agreement_id',
  'rate_kind',
  'factor_bp',
  'hourly_cents',
  'surcharge_bp',
  'gross_wage_cents',
  'amount_cents',
  'amount_euros',
];

/**
 * RFC 4180 CSV with a header: one row per line of the document. A credit note's amounts are
 * negative, so a document's rows add up to its net (a credit note lists the lines as first invoiced).
 */
export function invoiceCsvText(document: InvoiceDocument): string {
  const sign = document.kind === 'credit_note' ? -1 : 1;
  const rows = document.lines.map((line, index) => [
    document.invoiceId,
    document.number,
    document.kind,
    document.employerId,
    document.periodId,
    document.issuedOn,
    document.dueOn,
    index,
    line.placementId,
    line.workerId,
    line.hourType,
    line.minutes,
    hoursText(line.minutes),
    line.rateAgreementId,
    line.rate.kind,
    line.rate.kind === 'factor' ? line.rate.factorBp : '',
    line.rate.kind === 'fixed' ? line.rate.hourlyCents : '',
    line.surchargeBp,
    line.grossWageCents,
    sign * line.amountCents,
    hundredthsText(sign * line.amountCents),
  ]);
  return stringify(rows, { header: true, columns: CSV_HEADER, record_delimiter: 'windows' });
}
