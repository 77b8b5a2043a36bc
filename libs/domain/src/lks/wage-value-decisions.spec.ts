import { decisionsInForce, reassessmentsDue, type WageValueDecision } from './wage-value-decisions.js';

const decision = (workerId: string, overrides: Partial<WageValueDecision> = {}): WageValueDecision => ({
  decisionId: `${workerId}-1`,
  workerId,
  municipality: 'hengelo',
  wageValueBp: 6000,
  from: '2026-01-01',
  reassessOn: '2026-12-31',
  by: 'operator:ops',
  ...overrides,
});

const TODAY = '2026-11-02';
const due = (decisions: WageValueDecision[], today = TODAY) => reassessmentsDue(decisions, today).map((d) => [d.decisionId, d.daysLeft]);

describe('reassessments due', () => {
  it('lists a reassessment within 8 weeks, to the day, and not one after', () => {
    // 8 weeks after 2 November 2026 is 28 December.
    expect(due([decision('anna', { reassessOn: '2026-12-28' }), decision('bram', { reassessOn: '2026-12-29' })])).toEqual([['anna-1', 56]]);
  });

  it('lists a reassessment date that passed without a newer decision, the soonest first', () => {
    expect(due([decision('anna', { reassessOn: '2026-11-20' }), decision('bram', { reassessOn: '2026-10-30' })])).toEqual([
      ['bram-1', -3],
      ['anna-1', 18],
    ]);
  });

  it('leaves out a decision a newer one replaced, and one that ended before today', () => {
    const replaced = [
      decision('anna', { reassessOn: '2026-11-10' }),
      decision('anna', { decisionId: 'anna-2', from: '2026-12-01', reassessOn: '2027-12-01' }),
    ];
    expect(due([...replaced, decision('bram', { to: '2026-11-01', reassessOn: '2026-11-15' })])).toEqual([]);
    expect(reassessmentsDue(replaced, TODAY, 60).map((d) => d.decisionId)).toEqual(['anna-2']);
  });
});

describe('decisions in force', () => {
  it('end an open decision the day before the next starts, and keep an own end before it', () => {
    const days = decisionsInForce([
      decision('anna', { decisionId: 'd3', from: '2027-01-01' }),
      decision('anna', { decisionId: 'd1', to: '2026-05-31' }),
      decision('anna', { decisionId: 'd2', from: '2026-07-01' }),
    ]).map((d) => [d.decision.decisionId, d.days]);
    expect(days).toEqual([
      ['d1', { from: '2026-01-01', to: '2026-05-31' }],
      ['d2', { from: '2026-07-01', to: '2026-12-31' }],
      ['d3', { from: '2027-01-01' }],
    ]);
  });
});
