import type { RuleRow } from '../rules/rule-book.js';
import type { MinimumWageValues } from '../rules/rules.events.js';
import { DomainError } from '../shared/domain-error.js';
import { addDays } from '../shared/local-date.js';
import type { TimesheetLine } from '../timesheet/timesheet.events.js';
import {
  cleaning,
  cleaningContent,
  cleaningVersion,
  contract,
  fourWeeks,
  line,
  paidAs,
  payInput,
  payrollRules,
  sheet,
} from './pay-run.fixtures.js';
import type { DifferenceLine } from './pay-run.events.js';
import type { PaidRun, WorkerPay } from './worker-pay.js';
import { payWorker } from './worker-pay.js';

// Period 2026-P02 runs from 26 January to 22 February, 2026-P03 from 23 February to 22 March.
const P02 = fourWeeks('2026-P02');
const P03 = fourWeeks('2026-P03');
const P04 = fourWeeks('2026-P04');

/** Eight hours on each day from Monday to Friday. */
const workWeek = (monday: string): TimesheetLine[] => [0, 1, 2, 3, 4].map((i) => line(addDays(monday, i), '09:00', '17:00'));
const W06 = sheet('2026-W06', workWeek('2026-02-02'));
const W07 = sheet('2026-W07', workWeek('2026-02-09'));
const W10 = sheet('2026-W10', [line('2026-03-02', '09:00', '17:00')]);

/** The cleaning CAO at €16.00, and from 9 February 2026 a new version at €16.50 (then corrected to €17.00). */
const published = [
  cleaningVersion(cleaningContent(), { until: '2026-02-08' }),
  cleaningVersion(cleaningContent({ wageScales: { A: [1650] } }), { from: '2026-02-09' }),
];
const corrected = [published[0], cleaningVersion(cleaningContent({ wageScales: { A: [1700] } }), { from: '2026-02-09', revision: 1 })];

/** Pays a period and returns it as the finalized run later runs read. */
function paidRun(input: Parameters<typeof payInput>[0]): { pay: WorkerPay; paid: PaidRun } {
  const full = payInput({ caoVersions: published, ...input });
  const pay = payWorker(full);
  return { pay, paid: paidAs(full.period, pay) };
}

const refusalOf = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal');
};

const summary = (lines: readonly DifferenceLine[]) => lines.map((d) => [d.day, d.difference.wageCents, d.reasons.map((r) => r.kind)]);

describe('retroactive differences', () => {
  const p02 = paidRun({ period: P02, sheets: [W06, W07] });

  it('given a CAO correction for days of a finalized period, then exactly those days get (new − old wage) × hours', () => {
    const pay = payWorker(payInput({ period: P03, caoVersions: corrected, sheets: [W06, W07, W10], paid: [p02.paid] }));
    // Only 9–13 February fall in the corrected version; 2–6 February are untouched.
    expect(pay.differences.map((d) => d.day)).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13']);
    for (const difference of pay.differences) {
      expect(difference).toMatchObject({
        periodId: '2026-P02',
        source: 'p1-2026-W07',
        placementId: 'p1',
        employerId: 'visschedijk',
        paid: { wageCents: 13_200 },
        due: { wageCents: 13_600 },
        // (€17.00 − €16.50) × 8 h, with 8 % holiday allowance and the pension shares of it
        difference: { wageCents: 400, surchargeCents: 0, holidayAllowanceCents: 32, pensionEmployeeCents: 30, pensionEmployerCents: 50 },
        paidMinutes: 480,
        dueMinutes: 480,
        leaveAccruedMinutesDifference: 0,
        reasons: [{ kind: 'cao_changed', caoCode: 'schoonmaak', effectiveFrom: '2026-02-09', revision: 1 }],
      });
      expect(difference.dueLines).toMatchObject([{ wage: { hourlyCents: 1700, cao: { revision: 1 } } }]);
    }
    // The period's own line is paid as usual, and the totals include the differences.
    expect(pay.lines.map((l) => l.day)).toEqual(['2026-03-02']);
    expect(pay.totals.wageCents).toBe(13_600 + 5 * 400);
  });

  it('given the differences were paid by a finalized run, then the next run pays nothing again', () => {
    const p03 = paidRun({ period: P03, caoVersions: corrected, sheets: [W06, W07], paid: [p02.paid] });
    expect(p03.pay.differences).toHaveLength(5);
    const pay = payWorker(payInput({ period: P04, caoVersions: corrected, sheets: [W06, W07], paid: [p02.paid, p03.paid] }));
    expect(pay.differences).toEqual([]);
  });

  it('given a timesheet corrected after the lock, then only the changed day is settled, naming the approval', () => {
    const W06v2 = { ...W06, version: 2, lines: W06.lines.map((l) => (l.day === '2026-02-04' ? { ...l, end: '15:00' } : l)) };
    const pay = payWorker(payInput({ period: P03, caoVersions: published, sheets: [W06v2, W07], paid: [p02.paid] }));
    expect(pay.differences).toMatchObject([
      {
        day: '2026-02-04',
        source: 'p1-2026-W06',
        difference: { wageCents: -3200, holidayAllowanceCents: -256 },
        paidMinutes: 480,
        dueMinutes: 360,
        leaveAccruedMinutesDifference: 28 - 37,
        reasons: [{ kind: 'timesheet_corrected', timesheetId: 'p1-2026-W06', version: 2 }],
      },
    ]);
  });

  it('given a correction that removes a day, then the day is paid back in full, with no lines due', () => {
    const W06v2 = { ...W06, version: 2, lines: W06.lines.filter((l) => l.day !== '2026-02-06') };
    const pay = payWorker(payInput({ period: P03, caoVersions: published, sheets: [W06v2, W07], paid: [p02.paid] }));
    expect(pay.differences).toMatchObject([{ day: '2026-02-06', due: { wageCents: 0 }, difference: { wageCents: -12_800 }, dueLines: [] }]);
  });

  it('given a sheet approved after its period was paid, then its days are paid in full as approved late', () => {
    const W08 = sheet('2026-W08', [line('2026-02-16', '09:00', '13:00'), line('2026-02-17', '09:00', '13:00')]);
    const pay = payWorker(payInput({ period: P03, caoVersions: published, sheets: [W06, W07, W08], paid: [p02.paid] }));
    expect(summary(pay.differences)).toEqual([
      ['2026-02-16', 6600, ['approved_late']],
      ['2026-02-17', 6600, ['approved_late']],
    ]);
    expect(pay.differences[0]).toMatchObject({ paid: { wageCents: 0 }, paidMinutes: 0, dueMinutes: 240 });
  });

  it("does not pay days before the first paid run's period: the pool's payroll starts with its first run", () => {
    const W04 = sheet('2026-W04', workWeek('2026-01-19'));
    const pay = payWorker(payInput({ period: P03, caoVersions: published, sheets: [W04, W06, W07], paid: [p02.paid] }));
    expect(pay.differences).toEqual([]);
  });

  it('given a new minimum-wage row for days paid at the minimum wage, then it settles them', () => {
    const low = [cleaningVersion(cleaningContent({ wageScales: { A: [1400] } }))];
    const paid = paidRun({ period: P02, caoVersions: low, sheets: [W06] }).paid;
    const raised = (row: RuleRow<MinimumWageValues>) =>
      row.effectiveFrom === '2026-01-01' ? { ...row, revision: 1, values: { ...row.values, adultHourlyCents: 1480 } } : row;
    const rules = { ...payrollRules, minimumWage: payrollRules.minimumWage.map(raised) };
    const pay = payWorker(payInput({ period: P03, caoVersions: low, rules, sheets: [W06], paid: [paid] }));
    expect(pay.differences).toHaveLength(5);
    expect(pay.differences[0]).toMatchObject({
      difference: { wageCents: 72 }, // (€14.80 − €14.71) × 8 h
      reasons: [{ kind: 'minimum_wage_changed', rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 1 } }],
    });
  });

  it('given a corrected leave rule, then a day whose holiday hours changed is settled though its money did not', () => {
    const [row] = payrollRules.sickPayAndLeave;
    const rules = { ...payrollRules, sickPayAndLeave: [{ ...row, revision: 1, values: { ...row.values, leaveAccrualBp: 800 } }] };
    const pay = payWorker(payInput({ period: P03, caoVersions: published, rules, sheets: [W06], paid: [paidRun({ sheets: [W06] }).paid] }));
    expect(pay.differences).toHaveLength(5);
    expect(pay.differences[0]).toMatchObject({
      difference: { wageCents: 0, holidayAllowanceCents: 0 },
      leaveAccruedMinutesDifference: 38 - 37,
      reasons: [{ kind: 'rule_changed', rule: { table: 'sick-pay-and-leave', effectiveFrom: '2020-01-01', revision: 1 } }],
    });
  });

  it('given more hours approved in a topped-up week, then the top-up is paid back and the hours are paid', () => {
    const contracts = [contract({ guaranteedHoursPerWeek: 40 })];
    const short = sheet('2026-W06', workWeek('2026-02-02').slice(0, 2));
    const paid = paidRun({ period: P02, contracts, sheets: [short] }).paid;
    expect(paid.topUps.find((t) => t.week === '2026-W06')?.minutes).toBe(1440);
    const pay = payWorker(payInput({ period: P03, caoVersions: published, contracts, sheets: [{ ...W06, version: 2 }], paid: [paid] }));
    expect(summary(pay.differences)).toEqual([
      ['2026-02-02', -3 * 8 * 1471, ['top_up_changed']],
      ['2026-02-04', 12_800, ['timesheet_corrected']],
      ['2026-02-05', 12_800, ['timesheet_corrected']],
      ['2026-02-06', 12_800, ['timesheet_corrected']],
    ]);
    expect(pay.differences[0]).toMatchObject({ source: 'top-up:2026-W06', paidMinutes: 1440, dueMinutes: 0, dueLines: [] });
  });

  it('refuses paid runs that are not earlier periods, oldest first', () => {
    expect(refusalOf(() => payWorker(payInput({ period: P02, paid: [p02.paid] }))).code).toBe('paid_runs_out_of_order');
    const p03 = paidRun({ period: P03, sheets: [W06, W07], paid: [p02.paid] }).paid;
    expect(refusalOf(() => payWorker(payInput({ period: P04, paid: [p03, p02.paid] }))).code).toBe('paid_runs_out_of_order');
  });

  it('refuses to pay a difference that no change of sheet, wage row or rule row explains', () => {
    const placements = new Map([['p1', cleaning(false)]]);
    const act = () => payWorker(payInput({ period: P03, caoVersions: published, placements, sheets: [W06, W07], paid: [p02.paid] }));
    expect(refusalOf(act).code).toBe('unexplained_pay_difference');
  });
});
