import { cleaningContent, cleaningVersion, fourWeeks, line, paidAs, payInput, payrollRules, sheet } from '../payroll/pay-run.fixtures.js';
import type { PaidRun } from '../payroll/pay-input.js';
import type { PayLine } from '../payroll/pay-run.events.js';
import { payWorker } from '../payroll/worker-pay.js';
import { claimMonthDays, exactHourlySubsidy, lksClaimOf, monthClaimOf, requireMonthPaid } from './lks-claim.js';
import { paidHoursWithin } from './paid-hours.js';
import { decisionsInForce, type WageValueDecision } from './wage-value-decisions.js';

// The specs' rules: the shipped tables (statutory holiday allowance 8 %, cap 70 %, employer-charges
// allowance 23.5 %) and the 2026 minimum wage of € 14,71 an hour for adults. The cleaning CAO pays
// scale A € 16,00, above the minimum; here with a holiday allowance of 8.5 %, above the statutory 8 %.
const P02 = fourWeeks('2026-P02'); // 26 January to 22 February 2026
const W06 = sheet('2026-W06', [line('2026-02-02', '09:00', '17:00'), line('2026-02-03', '09:00', '13:00')]);
const W07 = sheet('2026-W07', [line('2026-02-09', '09:00', '17:00', 'sick')]);
const CAO_850 = [cleaningVersion(cleaningContent({ holidayPayBp: 850 }))];

const paidLines = (overrides: Parameters<typeof payInput>[0] = {}): PayLine[] =>
  payWorker(payInput({ period: P02, sheets: [W06], caoVersions: CAO_850, ...overrides })).lines as PayLine[];

const decision = (overrides: Partial<WageValueDecision> = {}): WageValueDecision => ({
  decisionId: 'd1',
  workerId: 'w1',
  municipality: 'hengelo',
  wageValueBp: 6000,
  from: '2026-01-01',
  reassessOn: '2026-12-31',
  by: 'operator:ops',
  ...overrides,
});

describe('the LKS formula', () => {
  it('gives (minimum wage + 8 %) − wage value × (CAO wage + the CAO’s 8.5 %) an hour over the paid minutes, to the cent', () => {
    // An hour: 1471 × 1.08 = 1588.68 − 60 % × 1600 × 1.085 (= 1041.60) = 547.08 cents; the cap is 70 % × 1588.68 = 1112.076.
    // 12 hours: 6564.96 → 6565; the allowance 23.5 % × 6565 = 1542.775 → 1543.
    const claim = lksClaimOf(paidLines(), 6000, payrollRules);
    expect(claim).toEqual({ lines: [expect.any(Object)], subsidyCents: 6565, employerChargesAllowanceCents: 1543, totalCents: 8108 });
    expect(claim.lines[0]).toEqual({
      from: '2026-02-02',
      to: '2026-02-03',
      minutes: 720,
      minimumWageHourlyCents: 1471,
      statutoryHolidayAllowanceBp: 800,
      caoWageHourlyCents: 1600,
      holidayAllowanceBp: 850,
      wageValueBp: 6000,
      subsidyHourlyCents: 547,
      capped: false,
      subsidyCents: 6565,
      rules: [
        { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 },
        { table: 'holiday-allowance', effectiveFrom: '2020-01-01', revision: 0 },
        { table: 'wage-cost-subsidy', effectiveFrom: '2020-01-01', revision: 0 },
      ],
    });
  });

  it('pays at most 70 % of (minimum wage + holiday allowance) an hour', () => {
    // 25 %: 1588.68 − 0.25 × 1736 = 1154.68 > 1112.076, so 1112.076 an hour; 12 hours 13344.912 → 13345; allowance 3136.075 → 3136.
    const claim = lksClaimOf(paidLines(), 2500, payrollRules);
    expect(claim.lines[0]).toMatchObject({ capped: true, subsidyHourlyCents: 1112, subsidyCents: 13345 });
    expect(claim).toMatchObject({ employerChargesAllowanceCents: 3136, totalCents: 16481 });
  });

  it('never goes below 0: a worker at full wage value above the minimum gets nothing', () => {
    expect(
      exactHourlySubsidy({
        minimumWageHourlyCents: 1471,
        statutoryHolidayAllowanceBp: 800,
        caoWageHourlyCents: 1600,
        holidayAllowanceBp: 800,
        wageValueBp: 10_000,
        capBp: 7000,
      }),
    ).toEqual({
      exact: 0,
      capped: false,
    });
    expect(lksClaimOf(paidLines(), 10_000, payrollRules)).toMatchObject({ subsidyCents: 0, totalCents: 0 });
  });

  it('takes the youth minimum wage of the worker’s age on the day', () => {
    // Aged 18: 50 % of 1471 = 735.5 → 736; an hour 736 × 1.08 = 794.88 − 30 % × 1736 (= 520.80) = 274.08; 12 hours 3288.96 → 3289.
    const claim = lksClaimOf(paidLines({ birthDate: '2007-06-01' }), 3000, payrollRules);
    expect(claim.lines).toEqual([expect.objectContaining({ minimumWageHourlyCents: 736, capped: false, subsidyCents: 3289 })]);
    expect(claim).toMatchObject({ employerChargesAllowanceCents: 773, totalCents: 4062 }); // 23.5 % × 3289 = 772.915
  });

  it('puts days with other hourly figures on lines of their own, each rounded once', () => {
    const lines = paidLines({ sheets: [W06, sheet('2026-W08', [line('2026-02-16', '09:00', '10:00')])] });
    const raised = lines.map((l) => (l.day === '2026-02-16' ? { ...l, wage: { ...l.wage, hourlyCents: 1700 } } : l));
    const claim = lksClaimOf(raised, 6000, payrollRules);
    // The 16th: 1588.68 − 0.6 × 1700 × 1.085 (= 1106.70) = 481.98 for one hour → 482.
    expect(claim.lines.map((l) => [l.from, l.to, l.minutes, l.subsidyCents])).toEqual([
      ['2026-02-02', '2026-02-03', 720, 6565],
      ['2026-02-16', '2026-02-16', 60, 482],
    ]);
    expect(claim.subsidyCents).toBe(7047);
  });
});

describe('the claim of a month under a decision', () => {
  const run: PaidRun = paidAs(P02, payWorker(payInput({ period: P02, sheets: [W06, W07], caoVersions: CAO_850 })));

  it('counts every paid hour type, sickness too, on the days of the month', () => {
    const claim = monthClaimOf([run], '2026-02', decisionsInForce([decision()])[0], payrollRules);
    expect(claim.lines.map((l) => l.minutes).reduce((a, b) => a + b)).toBe(720 + 480);
    expect(claim.payRunIds).toEqual(['2026-P02']);
    expect(monthClaimOf([run], '2026-01', decisionsInForce([decision()])[0], payrollRules)).toMatchObject({
      lines: [],
      totalCents: 0,
      payRunIds: [],
    });
  });

  it('gives nothing for a day without a decision', () => {
    const [inForce] = decisionsInForce([decision({ from: '2026-02-03' })]);
    const claim = monthClaimOf([run], '2026-02', inForce, payrollRules);
    expect(claim.lines.map((l) => [l.from, l.to, l.minutes])).toEqual([['2026-02-03', '2026-02-09', 240 + 480]]);
    const [ended] = decisionsInForce([decision({ to: '2026-02-02' })]);
    expect(monthClaimOf([run], '2026-02', ended, payrollRules).lines.map((l) => [l.from, l.to, l.minutes])).toEqual([
      ['2026-02-02', '2026-02-02', 480],
    ]);
  });

  it('splits a month between two decisions: the open one ends when the next starts', () => {
    const [first, second] = decisionsInForce([
      decision(),
      decision({ decisionId: 'd2', wageValueBp: 5000, from: '2026-02-09', reassessOn: '2027-02-09' }),
    ]);
    expect(first.days).toEqual({ from: '2026-01-01', to: '2026-02-08' });
    expect(monthClaimOf([run], '2026-02', first, payrollRules).lines.map((l) => l.minutes)).toEqual([720]);
    expect(monthClaimOf([run], '2026-02', second, payrollRules).lines.map((l) => [l.minutes, l.wageValueBp])).toEqual([[480, 5000]]);
  });
});

describe('paid hours', () => {
  it('are what a later run’s difference was due from, once a day was paid again', () => {
    const first = payWorker(payInput({ period: P02, sheets: [W06] }));
    const raised = [cleaningVersion(cleaningContent({ wageScales: { A: [1650] } }), { revision: 1 })];
    const P03 = fourWeeks('2026-P03');
    const later = payWorker(payInput({ period: P03, sheets: [W06], caoVersions: raised, paid: [paidAs(P02, first)] }));
    expect(later.differences).toHaveLength(2);
    const paid = paidHoursWithin([paidAs(P03, later), paidAs(P02, first)], claimMonthDays('2026-02'));
    expect(paid.lines.map((l) => [l.day, l.wage.hourlyCents])).toEqual([
      ['2026-02-02', 1650],
      ['2026-02-03', 1650],
    ]);
    expect(paid.payRunIds).toEqual(['2026-P03']);
  });

  it('leave out a day a correction took every line from', () => {
    const first = payWorker(payInput({ period: P02, sheets: [W06] }));
    const corrected = sheet('2026-W06', [line('2026-02-02', '09:00', '17:00')], 2);
    const P03 = fourWeeks('2026-P03');
    const later = payWorker(payInput({ period: P03, sheets: [corrected], paid: [paidAs(P02, first)] }));
    const paid = paidHoursWithin([paidAs(P02, first), paidAs(P03, later)], claimMonthDays('2026-02'));
    expect(paid.lines.map((l) => l.day)).toEqual(['2026-02-02']);
    expect(paid.payRunIds).toEqual(['2026-P02']);
  });
});

describe('claim months', () => {
  it('are YYYY-MM, their days from the first to the last of the month', () => {
    expect(claimMonthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(() => claimMonthDays('2028-13')).toThrow('not a claim month');
  });

  it('are claimed once the finalized pay runs reach their last day', () => {
    expect(() => requireMonthPaid('2026-02', '2026-03-01')).not.toThrow();
    expect(() => requireMonthPaid('2026-02', '2026-02-22')).toThrow('reach 2026-02-22, not 2026-02-28');
    expect(() => requireMonthPaid('2026-02', undefined)).toThrow('no pay run is finalized');
  });
});
