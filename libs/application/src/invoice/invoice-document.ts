import { euros, percent } from '@banenpool/audit';
import { assertNever, daysBetween, INVOICE_ROUNDING_RULE, type HourType, type InvoiceLine, type Rate } from '@banenpool/domain';
import type { InvoiceRecord } from '@banenpool/read-models';
import { hoursText } from '../payroll/pay-run-export.js';

/** Who sends the documents: the pool, the workers' legal employer. */
export const THE_POOL = { name: 'Banenpool', role: 'legal employer of the workers (payrolling and secondment)' } as const;

/** A document as the hirer gets it: the pool, the hirer by name, the payment term, and how it was rounded. */
export interface InvoiceDocument extends InvoiceRecord {
  pool: typeof THE_POOL;
  hirer: { employerId: string; name: string };
  /** Days from issue to due date. */
  paymentTermDays: number;
  rounding: typeof INVOICE_ROUNDING_RULE;
}

export function invoiceDocumentOf(record: InvoiceRecord, hirerName: string): InvoiceDocument {
  return {
    ...record,
    pool: THE_POOL,
    hirer: { employerId: record.employerId, name: hirerName },
    paymentTermDays: daysBetween(record.issuedOn, record.dueOn),
    rounding: INVOICE_ROUNDING_RULE,
  };
}

export const KIND_TITLE = { invoice: 'Invoice', credit_note: 'Credit note' } as const;

const HOUR_TYPE_TEXT: Record<HourType, string> = {
  normal: 'normal hours',
  overtime: 'overtime',
  irregular: 'irregular hours',
  sick: 'sick leave',
  leave: 'leave',
  public_holiday: 'public holiday',
};

export const hourTypeText = (hourType: HourType): string => HOUR_TYPE_TEXT[hourType];

/** A factor as a person writes it, four places at most: 18500 → '1.85'. */
const factorText = (factorBp: number): string => String(factorBp / 10_000);

/** The rate of a line as a person reads it: '1.85 × gross wage', '€ 31,50 an hour', with the hour type's surcharge. */
export function rateText(rate: Rate, surchargeBp: number): string {
  const base = rateBaseText(rate);
  return surchargeBp === 0 ? base : `${base} + ${percent(surchargeBp)}`;
}

function rateBaseText(rate: Rate): string {
  switch (rate.kind) {
    case 'factor':
      return `${factorText(rate.factorBp)} × gross wage`;
    case 'fixed':
      return `${euros(rate.hourlyCents)} an hour`;
    default:
      return assertNever(rate);
  }
}

/** One line as the documents print it. */
export interface PrintedLine {
  placementId: string;
  workerId: string;
  hourType: string;
  hours: string;
  rate: string;
  amount: string;
}

export function printedLine(line: InvoiceLine): PrintedLine {
  return {
    placementId: line.placementId,
    workerId: line.workerId,
    hourType: hourTypeText(line.hourType),
    hours: hoursText(line.minutes),
    rate: rateText(line.rate, line.surchargeBp),
    amount: euros(line.amountCents),
  };
}
