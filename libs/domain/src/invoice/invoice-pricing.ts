import type { Rate } from '../rate-agreement/rate-agreement.events.js';
import { assertNever } from '../shared/decider.js';
import { applyBasisPoints, HUNDRED_PERCENT, mulDivRoundHalfUp, type BasisPoints, type Cents } from '../shared/money.js';
import { HOUR_TYPES, type HourType } from '../timesheet/timesheet.events.js';
import { compareText } from '../payroll/pay-line.js';
import type { InvoiceLine, InvoiceLineSource, InvoiceTotals } from './invoice.events.js';

const MINUTES_AN_HOUR = 60;

/** What an hour is invoiced at: the agreement, its rate and its surcharge for the line's hour type. */
export interface LinePrice {
  readonly rateAgreementId: string;
  readonly rate: Rate;
  readonly surchargeBp: BasisPoints;
}

/** One paid timesheet line with everything that decides the invoice line it belongs to. */
export interface PricedSource {
  readonly placementId: string;
  readonly workerId: string;
  readonly hourType: HourType;
  readonly price: LinePrice;
  readonly source: InvoiceLineSource;
}

const sum = (sources: readonly InvoiceLineSource[], of: (source: InvoiceLineSource) => number): number =>
  sources.reduce((total, source) => total + of(source), 0);

/**
 * INVOICE_ROUNDING_RULE: the exact sum over the sources (gross wage × factor, or minutes × hourly
 * rate ÷ 60, each × (1 + the hour type's surcharge)), rounded half up once. All sources of a line
 * share its price, so that sum is the summed base × the price, computed on integers.
 */
export function lineAmountCents({ rate, surchargeBp }: LinePrice, sources: readonly InvoiceLineSource[]): Cents {
  const withSurcharge = HUNDRED_PERCENT + surchargeBp;
  switch (rate.kind) {
    case 'factor':
      return mulDivRoundHalfUp(
        sum(sources, (s) => s.grossWageCents),
        rate.factorBp * withSurcharge,
        HUNDRED_PERCENT * HUNDRED_PERCENT,
      );
    case 'fixed':
      return mulDivRoundHalfUp(
        sum(sources, (s) => s.minutes),
        rate.hourlyCents * withSurcharge,
        MINUTES_AN_HOUR * HUNDRED_PERCENT,
      );
    default:
      return assertNever(rate);
  }
}

const lineKey = ({ placementId, hourType, price }: PricedSource): string => `${placementId} ${hourType} ${price.rateAgreementId}`;

const compareSources = (a: InvoiceLineSource, b: InvoiceLineSource): number =>
  compareText(a.day, b.day) || compareText(a.timesheetId, b.timesheetId) || a.lineIndex - b.lineIndex;

const compareLines = (a: InvoiceLine, b: InvoiceLine): number =>
  compareText(a.placementId, b.placementId) ||
  HOUR_TYPES.indexOf(a.hourType) - HOUR_TYPES.indexOf(b.hourType) ||
  compareText(a.rateAgreementId, b.rateAgreementId);

/** The invoice lines of the sources: one per placement × hour type × rate agreement, in that order. */
export function invoiceLinesOf(priced: readonly PricedSource[]): InvoiceLine[] {
  const groups = new Map<string, PricedSource[]>();
  for (const item of priced) {
    const group = groups.get(lineKey(item));
    if (group === undefined) groups.set(lineKey(item), [item]);
    else group.push(item);
  }
  return [...groups.values()].map(lineOf).sort(compareLines);
}

function lineOf(group: readonly PricedSource[]): InvoiceLine {
  const [{ placementId, workerId, hourType, price }] = group;
  const sources = group.map((item) => item.source).sort(compareSources);
  return {
    placementId,
    workerId,
    hourType,
    rateAgreementId: price.rateAgreementId,
    rate: price.rate,
    surchargeBp: price.surchargeBp,
    minutes: sum(sources, (s) => s.minutes),
    grossWageCents: sum(sources, (s) => s.grossWageCents),
    amountCents: lineAmountCents(price, sources),
    sources,
  };
}

/**
 * A document's totals from its net: VAT on the net and the G-account share of the total, each
 * rounded half up (away from zero, so a credit note's totals are exactly the negated ones of its net).
 */
export function invoiceTotalsOf(netCents: Cents, vatBp: BasisPoints, gAccountShareBp: BasisPoints): InvoiceTotals {
  const vatCents = applyBasisPoints(netCents, vatBp);
  const totalCents = netCents + vatCents;
  return { netCents, vatCents, totalCents, gAccountCents: applyBasisPoints(totalCents, gAccountShareBp) };
}

/** The sum of the lines' amounts. */
export const netOf = (lines: readonly InvoiceLine[]): Cents => lines.reduce((total, line) => total + line.amountCents, 0);
