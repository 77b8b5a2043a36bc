import type { DifferenceLine, PayComponents, PayLine, PayPeriod, TopUpLine, WorkerPay } from '@banenpool/domain';
import { hoursText, hundredthsText, payExportCsvText, payExportJsonText, workerExportRows, type PayExportRow } from './pay-run-export.js';

const period: PayPeriod = { id: '2027-P03', kind: 'four_weeks', from: '2027-03-01', to: '2027-03-28' };
const minimumWage = { table: 'minimum-wage' as const, effectiveFrom: '2027-01-01', revision: 0 };
const amounts = (wageCents: number, surchargeCents = 0): PayComponents => ({
  wageCents,
  surchargeCents,
  holidayAllowanceCents: Math.round((wageCents + surchargeCents) * 0.08),
  pensionEmployeeCents: 100,
  pensionEmployerCents: 200,
});

function line(employerId: string, minutes: number, pay: PayComponents, surchargedMinutes = 0): PayLine {
  return {
    timesheetId: `pl-${employerId}-2027-W09`,
    timesheetVersion: 1,
    lineIndex: 0,
    placementId: `pl-${employerId}`,
    employerId,
    day: '2027-03-01',
    hourType: surchargedMinutes > 0 ? 'irregular' : 'normal',
    minutes,
    wage: {
      day: '2027-03-01',
      hourlyCents: 1500,
      basis: 'cao',
      age: 30,
      cao: {
        code: 'schoonmaak',
        effectiveFrom: '2026-07-01',
        revision: 0,
        scale: 'A',
        step: 0,
        scaleHourlyCents: 1500,
        youthBp: 10000,
        hourlyCents: 1500,
      },
      minimumWage: { rule: minimumWage, youthBp: 10000, hourlyCents: 1480 },
    },
    rates: {
      wageShareBp: 10000,
      surchargeBp: surchargedMinutes > 0 ? 5000 : 0,
      surchargedMinutes,
      holidayAllowanceBp: 800,
      pensionEmployeeBp: 750,
      pensionEmployerBp: 1500,
      leaveAccrualBp: 1000,
    },
    amounts: pay,
    leaveAccruedMinutes: Math.round(minutes / 10),
    rules: [],
  };
}

const topUp: TopUpLine = {
  week: '2027-W10',
  from: '2027-03-08',
  to: '2027-03-14',
  contractId: 'c1',
  guaranteedMinutes: 960,
  paidMinutes: 480,
  minutes: 480,
  hourlyCents: 1480,
  minimumWage,
  amounts: { ...amounts(11840), pensionEmployeeCents: 0, pensionEmployerCents: 0 },
  leaveAccruedMinutes: 48,
  rules: [],
};

const difference: DifferenceLine = {
  periodId: '2027-P02',
  day: '2027-02-15',
  source: 'pl-visschedijk-2027-W07',
  placementId: 'pl-visschedijk',
  employerId: 'visschedijk',
  paid: amounts(12000),
  due: amounts(12400),
  difference: { wageCents: 400, surchargeCents: 0, holidayAllowanceCents: 32, pensionEmployeeCents: 0, pensionEmployerCents: 0 },
  paidMinutes: 480,
  dueMinutes: 480,
  leaveAccruedMinutesDifference: 0,
  reasons: [{ kind: 'cao_changed', caoCode: 'schoonmaak', effectiveFrom: '2027-01-01', revision: 1 }],
  dueLines: [],
};

const pay = (parts: Partial<WorkerPay>): WorkerPay => ({
  workerId: 'anna',
  lines: [],
  topUps: [],
  differences: [],
  totals: {
    ...amounts(0),
    pensionEmployeeCents: 0,
    pensionEmployerCents: 0,
    paidMinutes: 0,
    topUpMinutes: 0,
    leaveAccruedMinutes: 0,
    grossCents: 0,
  },
  ...parts,
});

describe('the export for the payroll engine', () => {
  it('writes hours and euros from integers: two places, half up, a minus for what is taken back', () => {
    expect([450, 20, 10, 1, 0, -30].map(hoursText)).toEqual(['7.50', '0.33', '0.17', '0.02', '0.00', '-0.50']);
    expect([12345, 5, 100, -50, -123456].map(hundredthsText)).toEqual(['123.45', '0.05', '1.00', '-0.50', '-1234.56']);
  });

  it('sums each component per cost centre: the hirer for its lines, the pool for top-ups, the day’s hirer for a difference', () => {
    const rows = workerExportRows(
      '2027-P03',
      period,
      pay({
        lines: [
          line('visschedijk', 480, amounts(12000)),
          line('visschedijk', 240, amounts(6000, 1500), 240),
          line('attractiepark', 450, amounts(11250)),
        ],
        topUps: [topUp],
        differences: [difference],
      }),
    );
    const summary = rows.map((r) => `${r.costCentre} ${r.component} ${r.hours ?? '-'} ${r.amountCents} ${r.amountEuros}`);
    expect(summary).toEqual([
      'attractiepark wage 7.50 11250 112.50',
      'attractiepark holiday_allowance_reserve - 900 9.00',
      'attractiepark pension_employee - 100 1.00',
      'attractiepark pension_employer - 200 2.00',
      'attractiepark leave_accrual 0.75 0 0.00',
      'pool holiday_allowance_reserve - 947 9.47',
      'pool top_up 8.00 11840 118.40',
      'pool leave_accrual 0.80 0 0.00',
      'visschedijk wage 12.00 18000 180.00',
      'visschedijk surcharge 4.00 1500 15.00',
      'visschedijk holiday_allowance_reserve - 1592 15.92',
      'visschedijk pension_employee - 200 2.00',
      'visschedijk pension_employer - 400 4.00',
      'visschedijk retro_difference 0.00 400 4.00',
      'visschedijk leave_accrual 1.20 0 0.00',
    ]);
    expect(rows[0]).toMatchObject({
      payRunId: '2027-P03',
      periodId: '2027-P03',
      periodFrom: '2027-03-01',
      periodTo: '2027-03-28',
      workerId: 'anna',
    });
  });

  it('adds up to the gross: wage, surcharge, reserve, top-up and difference, and nothing else', () => {
    const lines = [line('visschedijk', 480, amounts(12000)), line('visschedijk', 240, amounts(6000, 1500), 240)];
    const rows = workerExportRows('2027-P03', period, pay({ lines, topUps: [topUp], differences: [difference] }));
    const gross = rows
      .filter((r) => r.component !== 'pension_employee' && r.component !== 'pension_employer')
      .reduce((sum, r) => sum + r.amountCents, 0);
    const expected = [...lines.map((l) => l.amounts), topUp.amounts, difference.difference].reduce(
      (sum, a) => sum + a.wageCents + a.surchargeCents + a.holidayAllowanceCents,
      0,
    );
    expect(gross).toBe(expected);
  });

  it('leaves out a component of nothing (no pension where the hirer’s terms give none)', () => {
    const rows = workerExportRows(
      '2027-P03',
      period,
      pay({ lines: [line('visschedijk', 60, { ...amounts(1500), pensionEmployeeCents: 0, pensionEmployerCents: 0 })] }),
    );
    expect(rows.map((r) => r.component)).toEqual(['wage', 'holiday_allowance_reserve', 'leave_accrual']);
  });

  it('writes CSV with a snake-case header, an empty field for no hours and Windows line ends, page by page', async () => {
    const rows = workerExportRows('2027-P03', period, pay({ differences: [difference] }));
    const csv = await textOf(payExportCsvText(pagesOf([rows.slice(0, 1), [], rows.slice(1)])));
    expect(csv.split('\r\n')).toEqual([
      'pay_run_id,period_id,period_from,period_to,worker_id,cost_centre,component,minutes,hours,amount_cents,amount_euros',
      '2027-P03,2027-P03,2027-03-01,2027-03-28,anna,visschedijk,holiday_allowance_reserve,,,32,0.32',
      '2027-P03,2027-P03,2027-03-01,2027-03-28,anna,visschedijk,retro_difference,0,0.00,400,4.00',
      '',
    ]);
    expect(await textOf(payExportCsvText(pagesOf([])))).toBe(`${csv.split('\r\n')[0]}\r\n`);
  });

  it('writes JSON of the heading and every page’s rows, page by page', async () => {
    const rows = workerExportRows('2027-P03', period, pay({ differences: [difference] }));
    const heading = { payRunId: '2027-P03', attempt: 2 };
    expect(JSON.parse(await textOf(payExportJsonText({ ...heading, rows: pagesOf([[], rows.slice(0, 1), rows.slice(1)]) })))).toEqual({
      ...heading,
      rows,
    });
    expect(JSON.parse(await textOf(payExportJsonText({ ...heading, rows: pagesOf([]) })))).toEqual({ ...heading, rows: [] });
  });
});

async function* pagesOf(pages: readonly PayExportRow[][]): AsyncGenerator<PayExportRow[]> {
  for (const page of pages) yield page;
}

async function textOf(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
