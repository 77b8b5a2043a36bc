import { given } from '../shared/given-when-then.js';
import { fourWeeks, line, paidAs, payInput, payrollRules, sheet } from '../payroll/pay-run.fixtures.js';
import { payWorker } from '../payroll/worker-pay.js';
import type { CalculateLksClaim, LksCommand, RecordWageValueDecision } from './lks.commands.js';
import { lksDecider } from './lks.decider.js';
import type { LksEvent } from './lks.events.js';
import { monthClaimOf, type LksClaimFigures } from './lks-claim.js';
import { decisionsInForce } from './wage-value-decisions.js';

const DECISION = {
  decisionId: 'd1',
  workerId: 'w1',
  municipality: 'hengelo',
  wageValueBp: 6000,
  from: '2026-01-01',
  reassessOn: '2026-07-01',
  by: 'operator:ops',
};
const decide = (overrides: Partial<RecordWageValueDecision> = {}): LksCommand => ({
  type: 'RecordWageValueDecision',
  ...DECISION,
  ...overrides,
});
const decided = (overrides: Partial<RecordWageValueDecision> = {}): LksEvent => ({
  type: 'WageValueDecided',
  data: { ...DECISION, ...overrides },
});

// February 2026's paid hours: 8 + 4 hours in week 6, and one more day in week 7 for the correction.
const P02 = fourWeeks('2026-P02');
const figuresOf = (
  weeks: Parameters<typeof sheet>[] = [['2026-W06', [line('2026-02-02', '09:00', '17:00'), line('2026-02-03', '09:00', '13:00')]]],
) => {
  const run = paidAs(P02, payWorker(payInput({ period: P02, sheets: weeks.map((w) => sheet(...w)) })));
  const { payRunIds: _runs, ...figures } = monthClaimOf([run], '2026-02', decisionsInForce([DECISION])[0], payrollRules);
  return figures;
};
const FEBRUARY = figuresOf();
const MORE = figuresOf([
  ['2026-W06', [line('2026-02-02', '09:00', '17:00'), line('2026-02-03', '09:00', '13:00')]],
  ['2026-W07', [line('2026-02-09', '09:00', '12:00')]],
]);

const calculate = (claimId: string, figures: LksClaimFigures = FEBRUARY, overrides: Partial<CalculateLksClaim> = {}): LksCommand => ({
  type: 'CalculateLksClaim',
  claimId,
  month: '2026-02',
  decisionId: 'd1',
  payRunIds: ['2026-P02'],
  figures,
  by: 'operator:ops',
  ...overrides,
});
const calculated = (claimId: string, figures: LksClaimFigures = FEBRUARY, corrects?: string, payRunIds = ['2026-P02']): LksEvent => ({
  type: 'LksClaimCalculated',
  data: {
    claimId,
    workerId: 'w1',
    month: '2026-02',
    municipality: 'hengelo',
    decisionId: 'd1',
    payRunIds,
    lines: [...figures.lines],
    subsidyCents: figures.subsidyCents,
    employerChargesAllowanceCents: figures.employerChargesAllowanceCents,
    totalCents: figures.totalCents,
    ...(corrects && { corrects }),
    by: 'operator:ops',
  },
});
const submitted = (claimId: string, submittedOn = '2026-03-05'): LksEvent => ({
  type: 'LksClaimSubmitted',
  data: { claimId, submittedOn, by: 'operator:ops' },
});

describe('wage-cost subsidy (LKS)', () => {
  describe('RecordWageValueDecision', () => {
    it('records the municipality’s decision', () => given(lksDecider, []).when(decide()).then([decided()]));

    it('records a reassessment that starts after an open decision: the open one ends the day before', () =>
      given(lksDecider, [decided()])
        .when(decide({ decisionId: 'd2', wageValueBp: 5500, from: '2026-07-01', reassessOn: '2027-07-01' }))
        .then([decided({ decisionId: 'd2', wageValueBp: 5500, from: '2026-07-01', reassessOn: '2027-07-01' })]));

    it.each([
      ['starts on the same day', { from: '2026-01-01' }],
      ['starts within an earlier decision’s own end', { from: '2025-06-01', to: '2026-01-01' }],
    ])('refuses a decision that %s', (_title, period) =>
      given(lksDecider, [decided({ to: '2026-06-30' })])
        .when(decide({ decisionId: 'd2', reassessOn: '2026-12-31', ...period }))
        .thenRefused('decisions_overlap', { message: 'decision d1 of hengelo' }),
    );

    it('refuses a decision whose own end reaches into a later one', () =>
      given(lksDecider, [decided({ from: '2026-07-01', reassessOn: '2027-01-01' })])
        .when(decide({ decisionId: 'd0', from: '2026-01-01', to: '2026-07-01' }))
        .thenRefused('decisions_overlap'));

    it.each([
      ['0 %', 0],
      ['above 100 %', 10_001],
      ['a fraction', 60.5],
    ])('refuses a wage value of %s', (_title, wageValueBp) =>
      given(lksDecider, []).when(decide({ wageValueBp })).thenRefused('invalid_percentage'),
    );

    it('refuses a reassessment date before the decision starts', () =>
      given(lksDecider, [])
        .when(decide({ reassessOn: '2025-12-31' }))
        .thenRefused('reassessment_before_start'));

    it('refuses an end before the start, and the same decision twice (409)', () => {
      given(lksDecider, [])
        .when(decide({ to: '2025-12-31' }))
        .thenRefused('invalid_period');
      given(lksDecider, [decided({ to: '2026-03-31' })])
        .when(decide({ from: '2026-04-01' }))
        .thenRefused('decision_exists', { kind: 'conflict' });
    });
  });

  describe('CalculateLksClaim', () => {
    it('records the month’s first claim', () =>
      given(lksDecider, [decided()])
        .when(calculate('c1'))
        .then([calculated('c1')]));

    it('records nothing when the month was claimed with the same figures, or has no paid hours', () => {
      given(lksDecider, [decided(), calculated('c1')])
        .when(calculate('c2'))
        .then([]);
      given(lksDecider, [decided()])
        .when(calculate('c1', { lines: [], subsidyCents: 0, employerChargesAllowanceCents: 0, totalCents: 0 }))
        .then([]);
    });

    it('records other figures for a claimed month as a correction of the latest claim', () => {
      expect(MORE.totalCents).toBeGreaterThan(FEBRUARY.totalCents);
      given(lksDecider, [decided(), calculated('c1'), submitted('c1')])
        .when(calculate('c2', MORE))
        .then([calculated('c2', MORE, 'c1')]);
      given(lksDecider, [decided(), calculated('c1'), calculated('c2', MORE, 'c1')])
        .when(calculate('c3'))
        .then([calculated('c3', FEBRUARY, 'c2')]);
    });

    it('corrects a claimed month to nothing once a later decision took all its days', () => {
      const NOTHING = { lines: [], subsidyCents: 0, employerChargesAllowanceCents: 0, totalCents: 0 };
      const later = decided({ decisionId: 'd2', from: '2026-02-01', reassessOn: '2027-02-01' });
      given(lksDecider, [decided(), calculated('c1'), later])
        .when(calculate('c2', NOTHING, { payRunIds: [] }))
        .then([calculated('c2', NOTHING, 'c1', [])]);
      given(lksDecider, [decided(), calculated('c1'), later])
        .when(calculate('c2'))
        .thenRefused('claim_figures_invalid');
    });

    it('refuses a month outside the decision, and lines that do not fit it', () => {
      given(lksDecider, [decided({ to: '2026-01-31' })])
        .when(calculate('c1'))
        .thenRefused('decision_not_in_force');
      given(lksDecider, [decided({ wageValueBp: 5000 })])
        .when(calculate('c1'))
        .thenRefused('claim_figures_invalid');
      given(lksDecider, [decided()])
        .when(calculate('c1', { ...FEBRUARY, totalCents: FEBRUARY.totalCents + 1 }))
        .thenRefused('claim_figures_invalid');
    });

    it('refuses a worker without decisions, an unknown decision and a bad month', () => {
      given(lksDecider, []).when(calculate('c1')).thenRefused('no_wage_value_decision', { kind: 'not_found' });
      given(lksDecider, [decided()])
        .when(calculate('c1', FEBRUARY, { decisionId: 'd9' }))
        .thenRefused('decision_not_found', { kind: 'not_found' });
      given(lksDecider, [decided()])
        .when(calculate('c1', FEBRUARY, { month: '2026-2' }))
        .thenRefused('invalid_month');
    });
  });

  describe('SubmitLksClaim and RecordLksClaimPayment', () => {
    const submit = (claimId: string, submittedOn = '2026-03-05'): LksCommand => ({
      type: 'SubmitLksClaim',
      claimId,
      submittedOn,
      by: 'operator:ops',
    });
    const pay = (paidOn: string, amountCents = 8000): LksCommand => ({
      type: 'RecordLksClaimPayment',
      claimId: 'c1',
      amountCents,
      paidOn,
      by: 'operator:ops',
    });

    it('submits a claim once its month is over, and records what the municipality paid, in parts', () => {
      given(lksDecider, [decided(), calculated('c1')])
        .when(submit('c1'))
        .then([submitted('c1')]);
      given(lksDecider, [decided(), calculated('c1'), submitted('c1')])
        .when(pay('2026-04-01', 5000))
        .then([{ type: 'LksClaimPaid', data: { claimId: 'c1', amountCents: 5000, paidOn: '2026-04-01', by: 'operator:ops' } }]);
    });

    it('refuses to submit during the month, twice (409), a corrected claim or an unknown one (404)', () => {
      given(lksDecider, [decided(), calculated('c1')])
        .when(submit('c1', '2026-02-28'))
        .thenRefused('month_not_over');
      given(lksDecider, [decided(), calculated('c1'), submitted('c1')])
        .when(submit('c1'))
        .thenRefused('claim_submitted', { kind: 'conflict' });
      given(lksDecider, [decided(), calculated('c1'), calculated('c2', MORE, 'c1')])
        .when(submit('c1'))
        .thenRefused('claim_corrected', { message: 'claim c2' });
      given(lksDecider, [decided()]).when(submit('c9')).thenRefused('claim_not_found', { kind: 'not_found' });
    });

    it('refuses a payment before submission, dated before it, or of nothing', () => {
      given(lksDecider, [decided(), calculated('c1')])
        .when(pay('2026-04-01'))
        .thenRefused('claim_not_submitted');
      given(lksDecider, [decided(), calculated('c1'), submitted('c1')])
        .when(pay('2026-03-04'))
        .thenRefused('paid_before_submission');
      given(lksDecider, [decided(), calculated('c1'), submitted('c1')])
        .when(pay('2026-04-01', 0))
        .thenRefused('invalid_amount');
    });
  });
});
