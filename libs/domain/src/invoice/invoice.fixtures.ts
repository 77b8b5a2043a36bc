import { payrollRules } from '../payroll/pay-run.fixtures.js';
import { payPeriodOf } from '../payroll/pay-period.js';
import type { DifferenceLine, DifferenceReason, PayLine } from '../payroll/pay-run.events.js';
import type { RateAgreementView } from '../rate-agreement/rate-in-force.js';
import { SPEC_NOW } from '../shared/given-when-then.js';
import { isoWeekOf } from '../shared/local-date.js';
import type { HourType } from '../timesheet/timesheet.events.js';
import { invoiceDecider } from './invoice.decider.js';
import type { CreditNoteIssued, InvoiceIssued } from './invoice.events.js';
import type { CreditNoteDraft, InvoiceDocumentDraft, InvoiceInput, InvoicedPlacement } from './invoice-lines.js';

// Visschedijk's placements p1 (worker w1) and p2 (worker w2), both cleaners; periods are four weeks.

export const P02 = payPeriodOf('2026-P02', 'four_weeks');
export const P03 = payPeriodOf('2026-P03', 'four_weeks');
export const P04 = payPeriodOf('2026-P04', 'four_weeks');

export const placements: InvoicedPlacement[] = [
  { placementId: 'p1', workerId: 'w1', functionCode: 'cleaner' },
  { placementId: 'p2', workerId: 'w2', functionCode: 'cleaner' },
];

/** Visschedijk's own agreement (scope: the hirer) from 2026: 1.85 × the gross wage, 25 % overtime, no G-account share. */
export const agreement = (overrides: Partial<RateAgreementView> = {}): RateAgreementView => ({
  agreementId: 'ra1',
  scope: { kind: 'employer' },
  from: '2026-01-01',
  rate: { kind: 'factor', factorBp: 18_500 },
  surchargesBp: {},
  gAccountShareBp: 0,
  ...overrides,
});

export interface PayLineSpec {
  readonly day: string;
  readonly minutes: number;
  /** Wage + CAO surcharge, all as wage unless `surchargeCents` says otherwise. */
  readonly grossCents: number;
  readonly surchargeCents?: number;
  readonly hourType?: HourType;
  readonly placementId?: string;
  readonly lineIndex?: number;
  readonly version?: number;
}

/** A pay line of Visschedijk, of the sheet `<placement>-<week of the day>`; the figures besides the gross do not matter to invoicing. */
export function payLine({
  day,
  minutes,
  grossCents,
  surchargeCents = 0,
  hourType = 'normal',
  placementId = 'p1',
  lineIndex = 0,
  version = 1,
}: PayLineSpec): PayLine {
  const rule = { table: 'minimum-wage' as const, effectiveFrom: '2026-01-01', revision: 0 };
  return {
    timesheetId: `${placementId}-${isoWeekOf(day)}`,
    timesheetVersion: version,
    lineIndex,
    placementId,
    employerId: 'visschedijk',
    day,
    hourType,
    minutes,
    wage: {
      day,
      hourlyCents: 1600,
      basis: 'cao',
      age: 35,
      cao: {
        code: 'schoonmaak',
        effectiveFrom: '2025-01-01',
        revision: 0,
        scale: 'A',
        step: 0,
        scaleHourlyCents: 1600,
        youthBp: 10_000,
        hourlyCents: 1600,
      },
      minimumWage: { rule, youthBp: 10_000, hourlyCents: 1471 },
    },
    rates: {
      wageShareBp: 10_000,
      surchargeBp: 0,
      surchargedMinutes: 0,
      holidayAllowanceBp: 800,
      pensionEmployeeBp: 0,
      pensionEmployerBp: 0,
      leaveAccrualBp: 769,
    },
    amounts: {
      wageCents: grossCents - surchargeCents,
      surchargeCents,
      holidayAllowanceCents: 0,
      pensionEmployeeCents: 0,
      pensionEmployerCents: 0,
    },
    leaveAccruedMinutes: 0,
    rules: [],
  };
}

const sumOf = (lines: readonly PayLine[], of: (line: PayLine) => number): number => lines.reduce((total, line) => total + of(line), 0);

const componentsOf = (lines: readonly PayLine[]) => ({
  wageCents: sumOf(lines, (l) => l.amounts.wageCents),
  surchargeCents: sumOf(lines, (l) => l.amounts.surchargeCents),
  holidayAllowanceCents: 0,
  pensionEmployeeCents: 0,
  pensionEmployerCents: 0,
});

export const CAO_CORRECTED: DifferenceReason = { kind: 'cao_changed', caoCode: 'schoonmaak', effectiveFrom: '2026-02-09', revision: 1 };

/** The difference line of one sheet day of `periodId`: paid `paid`, due `due` now. */
export function difference(periodId: string, paid: readonly PayLine[], due: readonly PayLine[], reasons = [CAO_CORRECTED]): DifferenceLine {
  const [{ day, timesheetId, placementId, employerId }] = [...due, ...paid];
  const paidAmounts = componentsOf(paid);
  const dueAmounts = componentsOf(due);
  return {
    periodId,
    day,
    source: timesheetId,
    placementId,
    employerId,
    paid: paidAmounts,
    due: dueAmounts,
    difference: {
      wageCents: dueAmounts.wageCents - paidAmounts.wageCents,
      surchargeCents: dueAmounts.surchargeCents - paidAmounts.surchargeCents,
      holidayAllowanceCents: 0,
      pensionEmployeeCents: 0,
      pensionEmployerCents: 0,
    },
    paidMinutes: sumOf(paid, (l) => l.minutes),
    dueMinutes: sumOf(due, (l) => l.minutes),
    leaveAccruedMinutesDifference: 0,
    reasons,
    dueLines: [...due],
  };
}

/** Visschedijk's invoicing of 2026-P02, invoiced on 1 March with 30 days to pay; override any part. */
export const invoiceInput = (overrides: Partial<InvoiceInput> = {}): InvoiceInput => ({
  employerId: 'visschedijk',
  payRunId: P02.id,
  period: P02,
  lines: [],
  differences: [],
  placements,
  rateAgreements: [agreement()],
  earlier: [],
  rules: payrollRules,
  issuedOn: '2026-03-01',
  paymentTermDays: 30,
  ...overrides,
});

/** The invoice the decider issues from a draft, under number `<year>-<sequence>`. */
export function issuedInvoice(draft: InvoiceDocumentDraft | undefined, sequence: number, year = 2026): InvoiceIssued {
  if (draft === undefined) throw new Error('The draft has no invoice');
  const [event] = invoiceDecider.decide(
    { type: 'IssueInvoice', invoiceId: `inv-${sequence}`, year, sequence, draft, by: 'operator:ops' },
    invoiceDecider.initialState,
    SPEC_NOW,
  );
  return event as InvoiceIssued;
}

export function issuedCreditNote(draft: CreditNoteDraft | undefined, sequence: number, year = 2026): CreditNoteIssued {
  if (draft === undefined) throw new Error('The draft has no credit note');
  const [event] = invoiceDecider.decide(
    { type: 'IssueCreditNote', invoiceId: `inv-${sequence}`, year, sequence, draft, by: 'operator:ops' },
    invoiceDecider.initialState,
    SPEC_NOW,
  );
  return event as CreditNoteIssued;
}
