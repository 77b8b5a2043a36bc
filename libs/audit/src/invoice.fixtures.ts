import { decideInOrder, INVOICE_ROUNDING_RULE, ROUNDING_RULE, RULE_TABLE_SEED, type RuleTable } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { sampleContent } from '../../domain/src/cao/cao.fixtures.js';
import { recorded } from './audit.fixtures.js';

/*
 * Anna works for Visschedijk under CAO schoonmaak (scale A step 1, € 16,00) in week 2026-W03: four
 * hours on Monday 12 January and a sick Wednesday 14 January. Visschedijk approves the sheet; pay run
 * 2026-01 pays it in its second attempt (the first paid Monday at a wrong wage); invoice 2026-00001
 * bills both days at 1.85 × the gross wage. Then the sheet is corrected (Wednesday was worked, five
 * hours) and approved again: pay run 2026-02 pays Wednesday's difference, credit note 2026-00002
 * credits Wednesday's line and invoice 2026-00003 bills it anew. The CAO version corrected later
 * touches none of it.
 */

export const TIMESHEET = 'anna-vis-2026-W03';
export const PAY_RUN = '2026-01';
export const INVOICE = '2026-00001';
export const CREDIT_NOTE = '2026-00002';
export const REBILL = '2026-00003';
export const NEXT_PAY_RUN = '2026-02';
export const AGREEMENT = 'vis-factor';

const MONDAY = '2026-01-12';
const WEDNESDAY = '2026-01-14';
const sheet = { timesheetId: TIMESHEET, placementId: 'anna-vis', workerId: 'anna', employerId: 'visschedijk', week: '2026-W03' };
const HIRER = 'employer:planning@visschedijk';
const approvedLines = [
  { day: MONDAY, start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'normal' },
  { day: WEDNESDAY, start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'sick' },
];

const correctedLines = [approvedLines[0], { ...approvedLines[1], end: '13:00', hourType: 'normal' }];

function timesheet(): RecordedEvent[] {
  const streamId = `timesheet-${TIMESHEET}`;
  const corrected = correctedLines;
  const events: [string, unknown, string][] = [
    ['HoursRegistered', { ...sheet, lines: approvedLines, by: 'operator:anna' }, '2026-01-16T16:00:00Z'],
    ['TimesheetSubmitted', { timesheetId: TIMESHEET, by: 'operator:anna' }, '2026-01-16T16:01:00Z'],
    ['TimesheetApproved', { ...sheet, lines: approvedLines, approvedVersion: 1, by: HIRER }, '2026-01-19T09:00:00Z'],
    ['TimesheetLocked', { timesheetId: TIMESHEET, payRunId: PAY_RUN, approvedVersion: 1 }, '2026-02-02T10:00:00Z'],
    ['TimesheetCorrected', { timesheetId: TIMESHEET, lines: corrected, reason: 'Wednesday was worked', by: HIRER }, '2026-02-20T10:00:00Z'],
    ['TimesheetApproved', { ...sheet, lines: corrected, approvedVersion: 2, by: HIRER }, '2026-02-20T11:00:00Z'],
  ];
  return events.map(([type, data, at], revision) =>
    recorded(streamId, revision, type, data, at, type === 'TimesheetApproved' ? HIRER : 'operator:anna'),
  );
}

const NO_PENSION = { pensionEmployeeCents: 0, pensionEmployerCents: 0 };
const ruleRef = (table: RuleTable, effectiveFrom: string) => ({ table, effectiveFrom, revision: 0 });

/**
 * A line of the sheet's approval `version` at € 16,00 an hour (CAO schoonmaak 2026-01-01 revision 0, scale A step 1);
 * a sick line (four hours) at the minimum wage.
 */
function payLine(lineIndex: number, { hourlyCents = 1600, version = 1 } = {}) {
  const { day, hourType, end } = (version === 1 ? approvedLines : correctedLines)[lineIndex];
  const sick = hourType === 'sick';
  const minutes = end === '13:00' ? 300 : 240;
  const wageCents = sick ? 5884 : (minutes / 60) * hourlyCents;
  return {
    timesheetId: TIMESHEET,
    timesheetVersion: version,
    lineIndex,
    placementId: 'anna-vis',
    employerId: 'visschedijk',
    day,
    hourType,
    minutes,
    wage: {
      day,
      hourlyCents,
      basis: 'cao',
      age: 35,
      cao: {
        code: 'schoonmaak',
        effectiveFrom: '2026-01-01',
        revision: 0,
        scale: 'A',
        step: 1,
        scaleHourlyCents: hourlyCents,
        youthBp: 10_000,
        hourlyCents,
      },
      minimumWage: { rule: ruleRef('minimum-wage', '2026-01-01'), youthBp: 10_000, hourlyCents: 1471 },
    },
    rates: {
      wageShareBp: sick ? 7000 : 10_000,
      surchargeBp: 0,
      surchargedMinutes: 0,
      holidayAllowanceBp: 800,
      pensionEmployeeBp: 0,
      pensionEmployerBp: 0,
      leaveAccrualBp: 769,
    },
    amounts: { wageCents, surchargeCents: 0, holidayAllowanceCents: Math.round(wageCents * 0.08), ...NO_PENSION },
    leaveAccruedMinutes: 18,
    rules: [ruleRef('holiday-allowance', '2020-01-01'), ruleRef('sick-pay-and-leave', '2020-01-01')],
  };
}

type PayLine = ReturnType<typeof payLine>;
const NO_DIFFERENCES: unknown[] = [];

function annasPay(payRunId: string, attempt: number, lines: PayLine[], differences = NO_DIFFERENCES) {
  const sum = (of: (line: PayLine) => number) => lines.reduce((total, line) => total + of(line), 0);
  const wageCents = sum((l) => l.amounts.wageCents);
  const holidayAllowanceCents = sum((l) => l.amounts.holidayAllowanceCents);
  const totals = {
    wageCents,
    surchargeCents: 0,
    holidayAllowanceCents,
    ...NO_PENSION,
    paidMinutes: sum((l) => l.minutes),
    topUpMinutes: 0,
    leaveAccruedMinutes: sum((l) => l.leaveAccruedMinutes),
    grossCents: wageCents + holidayAllowanceCents,
  };
  return { payRunId, attempt, workerId: 'anna', lines, topUps: [], differences, totals };
}

function payRun(): RecordedEvent[] {
  const streamId = `pay-run-${PAY_RUN}`;
  const period = { id: PAY_RUN, kind: 'month', from: '2026-01-01', to: '2026-01-31' };
  const started = (attempt: number) => ({ payRunId: PAY_RUN, period, attempt, rounding: ROUNDING_RULE, unpaid: [] });
  const final = annasPay(PAY_RUN, 2, [payLine(0), payLine(1)]);
  const events: [string, unknown, string][] = [
    ['PayRunStarted', started(1), '2026-02-01T09:00:00Z'],
    [
      'PayLinesCalculated',
      annasPay(PAY_RUN, 1, [payLine(0, { hourlyCents: 1550 }), payLine(1, { hourlyCents: 1550 })]),
      '2026-02-01T09:00:00Z',
    ],
    ['PayRunStarted', started(2), '2026-02-02T09:00:00Z'],
    ['PayLinesCalculated', final, '2026-02-02T09:00:00Z'],
    [
      'PayRunFinalized',
      {
        payRunId: PAY_RUN,
        attempt: 2,
        by: 'operator:bram',
        timesheets: [{ timesheetId: TIMESHEET, approvedVersion: 1 }],
        totals: { ...final.totals, workers: 1 },
      },
      '2026-02-02T10:00:00Z',
    ],
  ];
  return events.map(([type, data, at], revision) => recorded(streamId, revision, type, data, at, 'operator:bram'));
}

const components = ({ amounts }: PayLine) => amounts;
const minus = (a: PayLine['amounts'], b: PayLine['amounts']) =>
  Object.fromEntries(Object.entries(a).map(([key, cents]) => [key, cents - b[key as keyof typeof b]]));

/** Pay run 2026-02 (no hours of its own): Wednesday of 2026-01, approved again as worked, paid as a difference. */
function nextPayRun(): RecordedEvent[] {
  const streamId = `pay-run-${NEXT_PAY_RUN}`;
  const period = { id: NEXT_PAY_RUN, kind: 'month', from: '2026-02-01', to: '2026-02-28' };
  const [paid, due] = [payLine(1), payLine(1, { version: 2 })];
  const difference = {
    periodId: PAY_RUN,
    day: WEDNESDAY,
    source: TIMESHEET,
    placementId: 'anna-vis',
    employerId: 'visschedijk',
    paid: components(paid),
    due: components(due),
    difference: minus(components(due), components(paid)),
    paidMinutes: 240,
    dueMinutes: 300,
    leaveAccruedMinutesDifference: 0,
    reasons: [{ kind: 'timesheet_corrected', timesheetId: TIMESHEET, version: 2 }],
    dueLines: [due],
  };
  const pay = annasPay(NEXT_PAY_RUN, 1, [], [difference]);
  const events: [string, unknown][] = [
    ['PayRunStarted', { payRunId: NEXT_PAY_RUN, period, attempt: 1, rounding: ROUNDING_RULE, unpaid: [] }],
    ['PayLinesCalculated', pay],
    [
      'PayRunFinalized',
      {
        payRunId: NEXT_PAY_RUN,
        attempt: 1,
        by: 'operator:bram',
        timesheets: [{ timesheetId: TIMESHEET, approvedVersion: 2 }],
        totals: { ...pay.totals, workers: 1 },
      },
    ],
  ];
  return events.map(([type, data], revision) => recorded(streamId, revision, type, data, '2026-03-02T10:00:00Z', 'operator:bram'));
}

function rates(): RecordedEvent[] {
  const agreed = {
    agreementId: AGREEMENT,
    employerId: 'visschedijk',
    scope: { kind: 'employer' },
    from: '2026-01-01',
    rate: { kind: 'factor', factorBp: 18_500 },
    surchargesBp: { overtime: 2500 },
    gAccountShareBp: 0,
    check: { costFactorBp: 14_200, placementIds: [] },
    by: 'operator:anna',
  };
  return [recorded('rates-visschedijk', 0, 'RateAgreed', agreed, '2025-12-15T10:00:00Z')];
}

function cao(): RecordedEvent[] {
  const content = (scaleA: number[]) => sampleContent({ wageScales: { A: scaleA } });
  return [
    recorded('cao-schoonmaak', 0, 'CaoRegistered', { code: 'schoonmaak', name: 'CAO Schoonmaak' }, '2025-11-01T09:00:00Z'),
    recorded(
      'cao-schoonmaak',
      1,
      'CaoVersionPublished',
      { code: 'schoonmaak', effectiveFrom: '2026-01-01', content: content([1550, 1600]) },
      '2025-11-01T09:05:00Z',
    ),
    recorded(
      'cao-schoonmaak',
      2,
      'CaoVersionCorrected',
      { code: 'schoonmaak', effectiveFrom: '2026-01-01', revision: 1, content: content([1560, 1610]), reason: 'Indexed late' },
      '2026-03-01T09:00:00Z',
    ),
  ];
}

function ruleTable(table: RuleTable): RecordedEvent[] {
  return decideInOrder(RULE_TABLE_SEED[table], new Date('2025-12-01T09:00:00Z')).map((event, revision) =>
    recorded(`rules-${table}`, revision, event.type, event.data, '2025-12-01T09:00:00Z', 'system:rule-table-seed'),
  );
}

/** An invoice line of one pay line, priced at 1.85 × its gross wage. */
const invoiceLine = (payRunId: string, line: PayLine, amountCents: number) => ({
  placementId: 'anna-vis',
  workerId: 'anna',
  hourType: line.hourType,
  rateAgreementId: AGREEMENT,
  rate: { kind: 'factor', factorBp: 18_500 },
  surchargeBp: 0,
  minutes: line.minutes,
  grossWageCents: line.amounts.wageCents,
  amountCents,
  sources: [
    {
      payRunId,
      timesheetId: TIMESHEET,
      timesheetVersion: line.timesheetVersion,
      lineIndex: line.lineIndex,
      day: line.day,
      minutes: line.minutes,
      grossWageCents: line.amounts.wageCents,
    },
  ],
});

/** 6400 × 1.85 = 11840; 5884 × 1.85 = 10885.4 → 10885. */
const LINES = [invoiceLine(PAY_RUN, payLine(0), 11_840), invoiceLine(PAY_RUN, payLine(1), 10_885)];

const documentOf = (invoiceId: string, sequence: number, lines: typeof LINES, sign: 1 | -1) => {
  const net = lines.reduce((total, line) => total + line.amountCents, 0);
  const vat = Math.round((net * 2100) / 10_000);
  return {
    invoiceId,
    number: invoiceId,
    year: 2026,
    sequence,
    employerId: 'visschedijk',
    periodId: sequence === 1 ? PAY_RUN : NEXT_PAY_RUN,
    payRunId: sequence === 1 ? PAY_RUN : NEXT_PAY_RUN,
    issuedOn: sequence === 1 ? '2026-02-03' : '2026-03-03',
    dueOn: sequence === 1 ? '2026-03-05' : '2026-04-02',
    lines,
    vat: { bp: 2100, rule: ruleRef('vat', '2020-01-01') },
    gAccountShareBp: 0,
    totals: { netCents: sign * net, vatCents: sign * vat, totalCents: sign * (net + vat), gAccountCents: 0 },
    rounding: INVOICE_ROUNDING_RULE,
    by: 'operator:anna',
  };
};

/** Invoice 2026-00001 (both days), sent and paid in part; `amountOfLine1` lets a test store a wrong amount. */
export function invoiceStream(amountOfLine1 = 10_885): RecordedEvent[] {
  const lines = [LINES[0], { ...LINES[1], amountCents: amountOfLine1 }];
  return [
    recorded('invoice-2026-1', 0, 'InvoiceIssued', documentOf(INVOICE, 1, lines, 1), '2026-02-03T08:00:00Z'),
    recorded('invoice-2026-1', 1, 'InvoiceSent', { invoiceId: INVOICE, sentOn: '2026-02-04', by: 'operator:anna' }, '2026-02-04T08:00:00Z'),
    recorded(
      'invoice-2026-1',
      2,
      'InvoicePaid',
      { invoiceId: INVOICE, amountCents: 10_000, toGAccountCents: 0, paidOn: '2026-02-20', by: 'operator:anna' },
      '2026-02-21T08:00:00Z',
    ),
  ];
}

/** Credit note 2026-00002: Wednesday's line credited after the sheet's correction. */
export function creditNoteStream(): RecordedEvent[] {
  const data = {
    ...documentOf(CREDIT_NOTE, 2, [LINES[1]], -1),
    corrects: [{ invoiceId: INVOICE, lineIndices: [1] }],
    reasons: [{ kind: 'timesheet_corrected', timesheetId: TIMESHEET, version: 2 }],
  };
  return [recorded('invoice-2026-2', 0, 'CreditNoteIssued', data, '2026-03-03T08:00:00Z')];
}

/** Invoice 2026-00003: Wednesday billed anew, five hours from the difference pay run 2026-02 paid (8000 × 1.85 = 14800). */
export function rebillStream(): RecordedEvent[] {
  const data = documentOf(REBILL, 3, [invoiceLine(NEXT_PAY_RUN, payLine(1, { version: 2 }), 14_800)], 1);
  return [recorded('invoice-2026-3', 0, 'InvoiceIssued', data, '2026-03-03T08:00:01Z')];
}

/** The year's ledger: the invoice's number, then the credit note's and the new invoice's. */
export function ledgerStream(): RecordedEvent[] {
  const assigned = (sequence: number, invoiceId: string, kind: string, periodId: string, at: string) =>
    recorded(
      'invoice-numbers-2026',
      sequence - 1,
      'InvoiceNumberAssigned',
      { year: 2026, sequence, invoiceId, kind, employerId: 'visschedijk', periodId },
      at,
    );
  return [
    assigned(1, INVOICE, 'invoice', PAY_RUN, '2026-02-03T07:59:59Z'),
    assigned(2, CREDIT_NOTE, 'credit_note', NEXT_PAY_RUN, '2026-03-03T07:59:59Z'),
    assigned(3, REBILL, 'invoice', NEXT_PAY_RUN, '2026-03-03T08:00:00Z'),
  ];
}

/** Every stream the invoice's lines were made of, by id. */
export function invoiceWorld(): Map<string, RecordedEvent[]> {
  const streams = [
    ledgerStream(),
    invoiceStream(),
    creditNoteStream(),
    rebillStream(),
    timesheet(),
    payRun(),
    nextPayRun(),
    rates(),
    cao(),
    ...(['minimum-wage', 'holiday-allowance', 'sick-pay-and-leave', 'vat', 'employer-charges'] as const).map(ruleTable),
  ];
  return new Map(streams.map((events) => [events[0].streamId, events]));
}
