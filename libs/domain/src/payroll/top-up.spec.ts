import { contract, line, payInput, sheet } from './pay-run.fixtures.js';
import { payPeriodOf } from './pay-period.js';
import type { TopUpLine } from './pay-run.events.js';
import type { WorkerPayInput } from './worker-pay.js';
import { payWorker } from './worker-pay.js';

const guaranteed24 = contract({ guaranteedHoursPerWeek: 24 });
const fourHours = (day: string, hourType: Parameters<typeof line>[3] = 'normal') => line(day, '09:00', '13:00', hourType);
/** Week 6 of 2026 (2 to 8 February): 16 hours from Monday to Thursday. */
const sixteenHours = [fourHours('2026-02-02'), fourHours('2026-02-03'), fourHours('2026-02-04'), fourHours('2026-02-05')];

const topUpsOf = (input: WorkerPayInput): readonly TopUpLine[] => payWorker(input).topUps;
const weekOf = (topUps: readonly TopUpLine[], week: string) => topUps.find((topUp) => topUp.week === week);

describe('guaranteed-hours top-up', () => {
  it('tops a week up to the guaranteed hours at the minimum wage, with holiday allowance and holiday hours, and no pension', () => {
    const topUps = topUpsOf(payInput({ contracts: [guaranteed24], sheets: [sheet('2026-W06', sixteenHours)] }));
    expect(weekOf(topUps, '2026-W06')).toEqual({
      week: '2026-W06',
      from: '2026-02-02',
      to: '2026-02-08',
      contractId: 'c1',
      guaranteedMinutes: 1440,
      paidMinutes: 960,
      minutes: 480,
      hourlyCents: 1471,
      minimumWage: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 },
      amounts: { wageCents: 11_768, surchargeCents: 0, holidayAllowanceCents: 941, pensionEmployeeCents: 0, pensionEmployerCents: 0 },
      leaveAccruedMinutes: 37,
      rules: [
        { table: 'holiday-allowance', effectiveFrom: '2020-01-01', revision: 0 },
        { table: 'sick-pay-and-leave', effectiveFrom: '2020-01-01', revision: 0 },
      ],
    });
    // The period's other weeks had no hours at all: the whole guarantee.
    expect(topUps.map((topUp) => [topUp.week, topUp.minutes])).toEqual([
      ['2026-W05', 1440],
      ['2026-W06', 480],
      ['2026-W07', 1440],
      ['2026-W08', 1440],
    ]);
  });

  it('counts the paid minutes of every hour type and of the weekend against the guarantee', () => {
    const week = [...sixteenHours.slice(0, 2), fourHours('2026-02-04', 'sick'), fourHours('2026-02-05', 'leave')];
    const withSaturday = [...week, line('2026-02-07', '09:00', '17:00')];
    expect(weekOf(topUpsOf(payInput({ contracts: [guaranteed24], sheets: [sheet('2026-W06', week)] })), '2026-W06')?.minutes).toBe(480);
    expect(
      weekOf(topUpsOf(payInput({ contracts: [guaranteed24], sheets: [sheet('2026-W06', withSaturday)] })), '2026-W06'),
    ).toBeUndefined();
  });

  it("guarantees a fifth of the week's hours for each weekday of a week the period's edge splits", () => {
    // The pool pays by month: January 2026 holds Thursday 1 and Friday 2 of week 1 (and its weekend).
    const topUps = topUpsOf(payInput({ period: payPeriodOf('2026-01', 'month'), contracts: [guaranteed24] }));
    expect(weekOf(topUps, '2026-W01')).toMatchObject({ from: '2026-01-01', to: '2026-01-04', guaranteedMinutes: 576, minutes: 576 });
  });

  it("stops at the contract's last day when it was ended early", () => {
    const ended = contract({ guaranteedHoursPerWeek: 24 }, '2026-02-12');
    const topUps = topUpsOf(payInput({ contracts: [ended] }));
    expect(topUps.map((topUp) => [topUp.week, topUp.from, topUp.to, topUp.guaranteedMinutes])).toEqual([
      ['2026-W05', '2026-01-26', '2026-02-01', 1440],
      ['2026-W06', '2026-02-02', '2026-02-08', 1440],
      ['2026-W07', '2026-02-09', '2026-02-12', 1152],
    ]);
  });

  it('starts at the first day of a contract agreed mid-period, and tops up nothing without guaranteed hours', () => {
    const fromThursday = contract({ kind: 'fixed_term', from: '2026-02-19', to: '2026-12-31', guaranteedHoursPerWeek: 20 });
    expect(topUpsOf(payInput({ contracts: [fromThursday] }))).toMatchObject([{ week: '2026-W08', from: '2026-02-19', minutes: 480 }]);
    expect(topUpsOf(payInput({ contracts: [contract({ guaranteedHoursPerWeek: 0 })] }))).toEqual([]);
  });

  it("values the top-up at the minimum wage for the worker's age on the week's first counted day", () => {
    // 17 on Monday 9 February, 18 on Tuesday 10 February: 39.5 % of €14.71
    const topUps = topUpsOf(payInput({ birthDate: '2008-02-10', contracts: [guaranteed24] }));
    expect(weekOf(topUps, '2026-W07')).toMatchObject({ hourlyCents: 581 });
    expect(weekOf(topUps, '2026-W08')).toMatchObject({ hourlyCents: 736 });
  });

  it('counts top-ups in the totals: paid by the pool as wage, apart from the paid minutes', () => {
    const pay = payWorker(payInput({ contracts: [guaranteed24], sheets: [sheet('2026-W06', sixteenHours)] }));
    expect(pay.totals).toMatchObject({ paidMinutes: 960, topUpMinutes: 3 * 1440 + 480 });
    expect(pay.totals.wageCents).toBe([...pay.lines, ...pay.topUps].reduce((sum, l) => sum + l.amounts.wageCents, 0));
  });
});
