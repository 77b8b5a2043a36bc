import { DomainError, payPeriodOf, type PayRun } from '@banenpool/domain';
import { requireRunInOrder } from './pay-run-order.js';

const period = (id: string) => payPeriodOf(id, 'four_weeks');

function run(id: string, status: PayRun['status']): PayRun {
  const base = { payRunId: id, period: period(id), attempt: 1, unpaid: [], pays: [] };
  if (status === 'calculated') return { ...base, status };
  const totals = {
    wageCents: 0,
    surchargeCents: 0,
    holidayAllowanceCents: 0,
    pensionEmployeeCents: 0,
    pensionEmployerCents: 0,
    paidMinutes: 0,
    topUpMinutes: 0,
    leaveAccruedMinutes: 0,
    grossCents: 0,
    workers: 0,
  };
  return { ...base, status, by: 'operator:anna', timesheets: [], totals };
}

const refusal = (attempt: () => void) => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind} ${error.code}`;
    throw error;
  }
  return 'allowed';
};

describe('pay runs in order', () => {
  it('lets the first run of the pool be of any period', () => {
    expect(refusal(() => requireRunInOrder(period('2027-P05'), []))).toBe('allowed');
  });

  it('lets a period follow the finalized run of the period just before it, also over the year end', () => {
    expect(refusal(() => requireRunInOrder(period('2027-P03'), [run('2027-P01', 'finalized'), run('2027-P02', 'finalized')]))).toBe(
      'allowed',
    );
    expect(refusal(() => requireRunInOrder(period('2027-P01'), [run('2026-P13', 'finalized')]))).toBe('allowed');
  });

  it('refuses a run while the previous one is not finalized', () => {
    expect(refusal(() => requireRunInOrder(period('2027-P03'), [run('2027-P02', 'calculated')]))).toBe('rule previous_pay_run_not_final');
  });

  it('refuses a period that skips one', () => {
    expect(refusal(() => requireRunInOrder(period('2027-P04'), [run('2027-P02', 'finalized')]))).toBe('rule previous_pay_run_not_final');
  });

  it('refuses a period before the latest run', () => {
    expect(refusal(() => requireRunInOrder(period('2027-P01'), [run('2027-P02', 'finalized')]))).toBe('rule later_pay_run_exists');
  });

  it('leaves the period’s own run to the decider', () => {
    expect(refusal(() => requireRunInOrder(period('2027-P02'), [run('2027-P01', 'finalized'), run('2027-P02', 'calculated')]))).toBe(
      'allowed',
    );
  });
});
