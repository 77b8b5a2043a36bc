import { refuse } from '../shared/domain-error.js';
import type { DifferenceLine, DifferenceReason, PayLine } from '../payroll/pay-run.events.js';
import type { CreditNoteIssued, InvoiceIssued, InvoiceLine } from './invoice.events.js';
import type { PricedSource } from './invoice-pricing.js';

/** A document issued to the hirer earlier, as its stream holds it. */
export type IssuedDocument = InvoiceIssued | CreditNoteIssued;

/** A line of an earlier invoice that no credit note has credited: what the hirer is billed for now. */
export interface LiveLine {
  readonly invoice: InvoiceIssued['data'];
  readonly lineIndex: number;
  readonly line: InvoiceLine;
}

/** What the period's differences change on earlier invoices. */
export interface Correction {
  /** The live lines a difference made wrong, in the order of the invoices and their lines. */
  readonly credited: readonly LiveLine[];
  /** Their sources on the days no difference changed, at the price they were invoiced at. */
  readonly kept: readonly PricedSource[];
  /** The lines now due for the changed days (and for days never invoiced, such as a late approval). */
  readonly due: readonly PayLine[];
  /** Why the credited lines were wrong: the reasons of the differences that credited them. */
  readonly reasons: readonly DifferenceReason[];
}

const sheetDay = (timesheetId: string, day: string): string => `${timesheetId} ${day}`;
const lineRef = (invoiceId: string, lineIndex: number): string => `${invoiceId} #${lineIndex}`;

/**
 * Which earlier invoice lines the differences make wrong. A difference names a sheet day; every
 * live line holding a source of that day is credited whole (each at most once, however many of its
 * days changed), and the new invoice carries its other sources unchanged plus the day's due lines.
 * A day whose billable hours (hour type, minutes, gross wage) did not change — a holiday-allowance
 * or pension difference — leaves the invoice as it is. The documents of `periodId` itself are left
 * out, so that a retry of the period's invoicing drafts the same documents again.
 */
export function correctionOf(earlier: readonly IssuedDocument[], periodId: string, differences: readonly DifferenceLine[]): Correction {
  const live = liveLinesBySheetDay(earlier.filter((document) => document.data.periodId !== periodId));
  const credited = new Map<string, LiveLine>();
  const changedDays = new Set<string>();
  const due: PayLine[] = [];
  const reasons = new Map<string, DifferenceReason>();
  // A guaranteed-hours top-up (no placement) is paid by the pool and never invoiced.
  for (const difference of differences.filter((d) => d.placementId !== undefined)) {
    const key = sheetDay(difference.source, difference.day);
    const invoiced = live.get(key) ?? [];
    requireInvoiced(difference, invoiced);
    if (sameBillableHours(invoiced, key, difference.dueLines)) continue;
    changedDays.add(key);
    due.push(...difference.dueLines);
    if (invoiced.length === 0) continue;
    for (const line of invoiced) credited.set(lineRef(line.invoice.invoiceId, line.lineIndex), line);
    for (const reason of difference.reasons) reasons.set(JSON.stringify(reason), reason);
  }
  const creditedLines = [...credited.values()].sort(
    (a, b) => a.invoice.year - b.invoice.year || a.invoice.sequence - b.invoice.sequence || a.lineIndex - b.lineIndex,
  );
  return { credited: creditedLines, kept: keptSources(creditedLines, changedDays), due, reasons: [...reasons.values()] };
}

/** The live lines of the earlier documents, by each sheet day they hold a source of. */
function liveLinesBySheetDay(documents: readonly IssuedDocument[]): Map<string, LiveLine[]> {
  const creditedRefs = new Set(
    documents.flatMap((document) =>
      document.type === 'CreditNoteIssued'
        ? document.data.corrects.flatMap(({ invoiceId, lineIndices }) => lineIndices.map((index) => lineRef(invoiceId, index)))
        : [],
    ),
  );
  const bySheetDay = new Map<string, LiveLine[]>();
  for (const document of documents) {
    if (document.type !== 'InvoiceIssued') continue;
    document.data.lines.forEach((line, lineIndex) => {
      if (creditedRefs.has(lineRef(document.data.invoiceId, lineIndex))) return;
      const days = new Set(line.sources.map((source) => sheetDay(source.timesheetId, source.day)));
      for (const day of days) bySheetDay.set(day, [...(bySheetDay.get(day) ?? []), { invoice: document.data, lineIndex, line }]);
    });
  }
  return bySheetDay;
}

/**
 * A day that was paid is on a live invoice line, once its period was invoiced. When it is not, its
 * period was not invoiced yet: invoicing it later from its run's lines, after this invoice billed
 * the day's due lines, would bill the day twice.
 */
function requireInvoiced(difference: DifferenceLine, invoiced: readonly LiveLine[]): void {
  if (difference.paidMinutes > 0 && invoiced.length === 0) {
    refuse(
      'earlier_period_not_invoiced',
      `The pay run settles a difference for ${difference.day} (timesheet ${difference.source}) of period ${difference.periodId}, ` +
        `which was paid but never invoiced to ${difference.employerId}: invoice period ${difference.periodId} first.`,
    );
  }
}

/**
 * Whether the day is billed as it is now due. A factor rate prices the gross wage, a fixed rate only
 * the minutes: under fixed rates alone, a wage difference changes nothing the hirer owes.
 */
function sameBillableHours(invoiced: readonly LiveLine[], key: string, dueLines: readonly PayLine[]): boolean {
  const wagePriced = invoiced.length === 0 || invoiced.some(({ line }) => line.rate.kind === 'factor');
  const billable = (hourType: string, minutes: number, grossWageCents: number) =>
    wagePriced ? `${hourType} ${minutes} ${grossWageCents}` : `${hourType} ${minutes}`;
  const billed = invoiced.flatMap(({ line }) =>
    line.sources
      .filter((source) => sheetDay(source.timesheetId, source.day) === key)
      .map((source) => billable(line.hourType, source.minutes, source.grossWageCents)),
  );
  const due = dueLines.map((line) => billable(line.hourType, line.minutes, line.amounts.wageCents + line.amounts.surchargeCents));
  return JSON.stringify(billed.sort()) === JSON.stringify(due.sort());
}

function keptSources(credited: readonly LiveLine[], changedDays: ReadonlySet<string>): PricedSource[] {
  return credited.flatMap(({ line }) =>
    line.sources
      .filter((source) => !changedDays.has(sheetDay(source.timesheetId, source.day)))
      .map((source) => ({
        placementId: line.placementId,
        workerId: line.workerId,
        hourType: line.hourType,
        price: { rateAgreementId: line.rateAgreementId, rate: line.rate, surchargeBp: line.surchargeBp },
        source,
      })),
  );
}
