import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { addTotals } from './pay-components.js';
import type { CalculatePayRun, PayRunCommand } from './pay-run.commands.js';
import { paidRunOf, payRunDecider, payRunOf, workerPayOf } from './pay-run.decider.js';
import { ROUNDING_RULE, type PayRunEvent, type UnpaidTimesheet } from './pay-run.events.js';
import { fourWeeks, line, paidAs, payInput, sheet } from './pay-run.fixtures.js';
import { payWorker, type WorkerPay } from './worker-pay.js';

const P02 = fourWeeks('2026-P02');
const P03 = fourWeeks('2026-P03');
const W06 = sheet('2026-W06', [
  line('2026-02-02', '09:00', '17:00'),
  line('2026-02-02', '20:00', '23:00', 'irregular'),
  line('2026-02-03', '09:00', '13:00'),
]);
const W07 = sheet('2026-W07', [line('2026-02-09', '09:00', '17:00', 'overtime')], 2);

const payOf = (workerId: string, sheets = [W06, W07]): WorkerPay => ({ ...payWorker(payInput({ sheets })), workerId });
const anna = payOf('anna');
const bram = payOf('bram', [W07]);
const unpaid: UnpaidTimesheet[] = [
  { timesheetId: 'p9-2026-W06', workerId: 'cor', employerId: 'visschedijk', week: '2026-W06', status: 'submitted' },
];

const calculate = (workers: WorkerPay[], type: PayRunCommand['type'] = 'CalculatePayRun'): PayRunCommand =>
  ({ type, period: P02, workers, unpaid }) as CalculatePayRun;

const started = (attempt: number, period = P02): PayRunEvent => ({
  type: 'PayRunStarted',
  data: { payRunId: period.id, period, attempt, rounding: ROUNDING_RULE, unpaid },
});
const calculated = (attempt: number, { workerId, lines, topUps, differences, totals }: WorkerPay, period = P02): PayRunEvent => ({
  type: 'PayLinesCalculated',
  data: { payRunId: period.id, attempt, workerId, lines: [...lines], topUps: [...topUps], differences: [...differences], totals },
});
const finalized: PayRunEvent = {
  type: 'PayRunFinalized',
  data: {
    payRunId: '2026-P02',
    attempt: 1,
    by: 'operator:ops',
    timesheets: [{ timesheetId: 'p1-2026-W07', approvedVersion: 2 }],
    totals: { ...bram.totals, workers: 1 },
  },
};

describe('pay run', () => {
  describe('CalculatePayRun', () => {
    it('starts the first attempt and records every worker’s lines, in one append', () =>
      given(payRunDecider, [])
        .when(calculate([anna, bram]))
        .then([started(1), calculated(1, anna), calculated(1, bram)]));

    it('refuses a second run of the same period (409), so that a repeated request appends nothing', () =>
      given(payRunDecider, [started(1), calculated(1, anna)])
        .when(calculate([anna]))
        .thenRefused('pay_run_exists', { kind: 'conflict', message: '2026-P02' }));

    it('refuses a period whose dates are not the ones its id names', () =>
      given(payRunDecider, [])
        .when({ ...calculate([anna]), period: { ...P02, to: '2026-02-28' } } as PayRunCommand)
        .thenRefused('invalid_pay_period', { message: '2026-01-26 to 2026-02-22' }));

    it('refuses a worker paid twice in one run', () =>
      given(payRunDecider, [])
        .when(calculate([anna, anna]))
        .thenRefused('duplicate_worker'));
  });

  describe('RecalculatePayRun', () => {
    it('replaces the calculation with a next attempt before finalization', () =>
      given(payRunDecider, [started(1), calculated(1, anna)])
        .when(calculate([anna, bram], 'RecalculatePayRun'))
        .then([started(2), calculated(2, anna), calculated(2, bram)]));

    it('refuses a period without a run (404)', () =>
      given(payRunDecider, [])
        .when(calculate([anna], 'RecalculatePayRun'))
        .thenRefused('pay_run_not_found', { kind: 'not_found' }));

    it('refuses once the run is final (409): a later run settles any change', () =>
      given(payRunDecider, [started(1), calculated(1, bram), finalized])
        .when(calculate([anna], 'RecalculatePayRun'))
        .thenRefused('pay_run_finalized', { kind: 'conflict' }));

    it('refuses the calculation of another period', () =>
      given(payRunDecider, [started(1)])
        .when({ ...calculate([anna], 'RecalculatePayRun'), period: P03 } as PayRunCommand)
        .thenRefused('pay_period_mismatch'));
  });

  describe('FinalizePayRun', () => {
    it('finalizes the latest attempt with its totals, locking each sheet it paid at the approval it paid', () => {
      const totals = { ...addTotals(anna.totals, bram.totals), workers: 2 };
      given(payRunDecider, [started(1), calculated(1, bram), started(2), calculated(2, anna), calculated(2, bram)])
        .when({ type: 'FinalizePayRun', by: 'operator:ops' })
        .then([
          {
            type: 'PayRunFinalized',
            data: {
              payRunId: '2026-P02',
              attempt: 2,
              by: 'operator:ops',
              timesheets: [
                { timesheetId: 'p1-2026-W06', approvedVersion: 1 },
                { timesheetId: 'p1-2026-W07', approvedVersion: 2 },
              ],
              totals,
            },
          },
        ]);
      expect(totals).toMatchObject({ wageCents: anna.totals.wageCents + bram.totals.wageCents, workers: 2 });
    });

    it('locks a sheet whose correction a difference settled, even when the corrected day has no lines left', () => {
      const paid = paidAs(P02, payWorker(payInput({ sheets: [W06] })));
      const W06corrected = { ...W06, version: 3, lines: W06.lines.filter((l) => l.day !== '2026-02-03') };
      const settling = payWorker(payInput({ period: P03, sheets: [W06corrected], paid: [paid] }));
      expect(settling.differences).toMatchObject([{ day: '2026-02-03', dueLines: [] }]);
      given(payRunDecider, [started(1, P03), calculated(1, settling, P03)])
        .when({ type: 'FinalizePayRun', by: 'operator:ops' })
        .then([
          {
            type: 'PayRunFinalized',
            data: {
              payRunId: '2026-P03',
              attempt: 1,
              by: 'operator:ops',
              timesheets: [{ timesheetId: 'p1-2026-W06', approvedVersion: 3 }],
              totals: { ...settling.totals, workers: 1 },
            },
          },
        ]);
    });

    it('refuses to finalize twice (409)', () =>
      given(payRunDecider, [started(1), calculated(1, bram), finalized])
        .when({ type: 'FinalizePayRun', by: 'operator:ops' })
        .thenRefused('pay_run_finalized', { kind: 'conflict' }));

    it('refuses to finalize a period without a run (404)', () =>
      given(payRunDecider, [])
        .when({ type: 'FinalizePayRun', by: 'operator:ops' })
        .thenRefused('pay_run_not_found', { kind: 'not_found' }));
  });

  describe('readers', () => {
    it('reads the latest attempt’s pay of each worker, ignoring lines of an attempt replaced since', () => {
      const state = fold(payRunDecider, [started(1), calculated(1, anna), started(2), calculated(2, bram), calculated(1, anna)]);
      expect(payRunOf(state)).toMatchObject({ status: 'calculated', attempt: 2, unpaid });
      expect(workerPayOf(state, 'bram')).toEqual(bram);
      expect(workerPayOf(state, 'anna')).toBeUndefined();
      expect(payRunOf(fold(payRunDecider, []))).toBeUndefined();
    });

    it('gives what a run paid only once it is final, and nothing paid to a worker it had no lines for', () => {
      expect(paidRunOf(fold(payRunDecider, [started(1), calculated(1, bram)]), 'bram')).toBeUndefined();
      const final = fold(payRunDecider, [started(1), calculated(1, bram), finalized]);
      expect(paidRunOf(final, 'bram')).toEqual(paidAs(P02, bram));
      expect(paidRunOf(final, 'anna')).toEqual({ period: P02, lines: [], topUps: [], differences: [] });
    });
  });
});
