import { wageOn } from '../placement/placement-pay.js';
import { shippedRules } from '../placement/placement-pay.fixtures.js';
import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { mulDivRoundHalfUp } from '../shared/money.js';
import { agreeRate, cleaner, lowScaleVersions, rateAgreed, rulesWithSecondHalf2026 } from './rate-agreement.fixtures.js';
import { rateAgreementDecider } from './rate-agreement.decider.js';
import type { RateAgreementEvent } from './rate-agreement.events.js';
import { rateInForce } from './rate-in-force.js';

// The cleaning CAO's holiday allowance is 8 %, it has no pension; employer charges are 17.55 %:
// an hour costs 1 + 0.08 + 0.1755 × 1.08 = 1.26954 × its gross wage, 1.2696 rounded up.
const COST_FACTOR_BP = 12_696;
/** Placement p1's hour on 5 January 2026: €15.20 × 1.26954 = €19.297…, rounded up. */
const P1_COST_CENTS = 1930;

const agreed = (...commands: Parameters<typeof agreeRate>[]): RateAgreementEvent[] =>
  commands.map((args) => rateAgreementDecider.decide(agreeRate(...args), fold(rateAgreementDecider, []), new Date())[0]);

describe('agreeing a rate', () => {
  it('given no agreement, when a factor at the cost price is agreed, then it is recorded with the cost factor it was checked against', () => {
    const command = agreeRate({ rate: { kind: 'factor', factorBp: COST_FACTOR_BP } });
    given(rateAgreementDecider, [])
      .when(command)
      .then([rateAgreed(command, { costFactorBp: COST_FACTOR_BP, placementIds: [] })]);
  });

  it('refuses a factor below the cost price (422 rate_below_cost), naming the shares it is made of', () => {
    given(rateAgreementDecider, [])
      .when(agreeRate({ rate: { kind: 'factor', factorBp: COST_FACTOR_BP - 1 } }))
      .thenRefused('rate_below_cost', {
        message: 'below the cost price of 1.2696 × on 2026-01-05 (holiday allowance 8 %, pension 0 %, employer charges 17.55 %',
      });
  });

  it('refuses a fixed rate below the cost of an hour of a placement it covers, on the rate’s first day', () => {
    given(rateAgreementDecider, [])
      .when(agreeRate({ rate: { kind: 'fixed', hourlyCents: P1_COST_CENTS - 1 } }))
      .thenRefused('rate_below_cost', {
        message: '€19.29 an hour is below the cost price of an hour of placement p1 on 2026-01-05: €19.30 (gross wage €15.20',
      });
    const command = agreeRate({ rate: { kind: 'fixed', hourlyCents: P1_COST_CENTS } });
    given(rateAgreementDecider, [])
      .when(command)
      .then([rateAgreed(command, { costHourlyCents: P1_COST_CENTS, placementIds: ['p1'] })]);
  });

  it('checks a placement that starts after the rate on its own first day, and the dearest of several', () => {
    const later = cleaner({ placementId: 'p2', period: { from: '2026-03-02', to: '2026-04-30' } });
    const command = agreeRate({ rate: { kind: 'fixed', hourlyCents: 1980 } }, [cleaner(), later]);
    // From 1 March the CAO pays €15.60: €15.60 × 1.26954 = €19.805 → €19.81.
    given(rateAgreementDecider, []).when(command).thenRefused('rate_below_cost', { message: 'placement p2 on 2026-03-02: €19.81' });
  });

  it('refuses an agreement that overlaps another of the same scope, until the old one is ended', () => {
    const history = agreed([{ agreementId: 'r1', rate: { kind: 'factor', factorBp: 18_500 } }]);
    const next = agreeRate({ agreementId: 'r2', from: '2026-04-01', rate: { kind: 'factor', factorBp: 19_000 } });
    given(rateAgreementDecider, history)
      .when(next)
      .thenRefused('rate_overlaps', { message: 'Agreement r1 for every placement runs from 2026-01-05' });
    const ended: RateAgreementEvent = {
      type: 'RateAgreementEnded',
      data: { agreementId: 'r1', employerId: 'visschedijk', lastDay: '2026-03-31', by: 'operator:anna', reason: 'New rate from April' },
    };
    given(rateAgreementDecider, [...history, ended])
      .when(next)
      .then([rateAgreed(next, { costFactorBp: COST_FACTOR_BP, placementIds: [] })]);
  });

  it('lets agreements of different scopes overlap: the most specific one prices an hour', () => {
    const history = agreed([{ agreementId: 'r1', rate: { kind: 'factor', factorBp: 18_500 } }]);
    const forCleaners = agreeRate({
      agreementId: 'r2',
      scope: { kind: 'function', functionCode: 'cleaner' },
      rate: { kind: 'fixed', hourlyCents: 2400 },
    });
    given(rateAgreementDecider, history)
      .when(forCleaners)
      .then([rateAgreed(forCleaners, { costHourlyCents: P1_COST_CENTS, placementIds: ['p1'] })]);
  });

  it('leaves a placement priced by a more specific agreement out of a wider fixed rate’s check', () => {
    const ownRate = agreed([
      { agreementId: 'r-p1', scope: { kind: 'placement', placementId: 'p1' }, rate: { kind: 'fixed', hourlyCents: 2600 } },
    ]);
    const wide = agreeRate({ agreementId: 'r-all', rate: { kind: 'fixed', hourlyCents: 1500 } });
    given(rateAgreementDecider, ownRate)
      .when(wide)
      .then([rateAgreed(wide, { placementIds: [] })]);
    given(rateAgreementDecider, []).when(wide).thenRefused('rate_below_cost');
  });

  it('refuses terms that make no sense', () => {
    const refused = (code: string, terms: Parameters<typeof agreeRate>[0], change: object = {}) =>
      given(rateAgreementDecider, [])
        .when({ ...agreeRate(terms), ...change })
        .thenRefused(code);
    refused('invalid_period', { from: '2026-03-01', to: '2026-02-28', rate: { kind: 'factor', factorBp: 18_500 } });
    refused('invalid_percentage', { rate: { kind: 'factor', factorBp: 0 } });
    refused('invalid_amount', { rate: { kind: 'fixed', hourlyCents: 0 } });
    refused('invalid_percentage', { rate: { kind: 'factor', factorBp: 18_500 } }, { gAccountShareBp: 10_001 });
    refused('invalid_percentage', { rate: { kind: 'factor', factorBp: 18_500 } }, { surchargesBp: { overtime: 30_001 } });
    refused('invalid_surcharge', { rate: { kind: 'factor', factorBp: 18_500 } }, { surchargesBp: { weekend: 5000 } });
    refused('missing_text', { scope: { kind: 'function', functionCode: ' ' }, rate: { kind: 'factor', factorBp: 18_500 } });
    given(rateAgreementDecider, agreed([{ rate: { kind: 'factor', factorBp: 18_500 } }]))
      .when(agreeRate({ from: '2027-01-01', rate: { kind: 'factor', factorBp: 18_500 } }))
      .thenRefused('rate_agreement_exists', { kind: 'conflict' });
  });
});

describe('ending a rate agreement', () => {
  const history = agreed([{ to: '2026-06-30', rate: { kind: 'factor', factorBp: 18_500 } }]);
  const end = (lastDay: string) => ({
    type: 'EndRateAgreement' as const,
    agreementId: 'r1',
    lastDay,
    by: 'operator:anna',
    reason: 'Renegotiated',
  });

  it('shortens it to its last day', () => {
    given(rateAgreementDecider, history)
      .when(end('2026-03-31'))
      .then([
        {
          type: 'RateAgreementEnded',
          data: { agreementId: 'r1', employerId: 'visschedijk', lastDay: '2026-03-31', by: 'operator:anna', reason: 'Renegotiated' },
        },
      ]);
  });

  it('refuses a last day outside its days, or on or after its own end', () => {
    for (const lastDay of ['2026-01-04', '2026-06-30', '2026-08-01']) {
      given(rateAgreementDecider, history)
        .when(end(lastDay))
        .thenRefused('end_outside_agreement', { message: 'from 2026-01-05 to 2026-06-29' });
    }
    given(rateAgreementDecider, history)
      .when({ ...end('2026-03-31'), agreementId: 'nope' })
      .thenRefused('rate_agreement_not_found', { kind: 'not_found' });
  });
});

describe('the rate in force', () => {
  const state = fold(
    rateAgreementDecider,
    agreed(
      [{ agreementId: 'all', rate: { kind: 'factor', factorBp: 18_500 } }],
      [{ agreementId: 'cleaners', scope: { kind: 'function', functionCode: 'cleaner' }, rate: { kind: 'fixed', hourlyCents: 2400 } }],
      [
        {
          agreementId: 'p1-own',
          scope: { kind: 'placement', placementId: 'p1' },
          to: '2026-02-28',
          rate: { kind: 'fixed', hourlyCents: 2600 },
        },
      ],
    ),
  );
  const agreements = state.status === 'active' ? state.agreements : [];

  it('is the most specific agreement of the day: the placement’s, then the function’s, then the hirer’s', () => {
    const on = (placementId: string, functionCode: string, day: string) =>
      rateInForce(agreements, { placementId, functionCode }, day)?.agreementId;
    expect(on('p1', 'cleaner', '2026-02-28')).toBe('p1-own');
    expect(on('p1', 'cleaner', '2026-03-01')).toBe('cleaners');
    expect(on('p2', 'cleaner', '2026-02-02')).toBe('cleaners');
    expect(on('p3', 'driver', '2026-02-02')).toBe('all');
    expect(on('p3', 'driver', '2026-01-04')).toBeUndefined();
  });

  it('given a factor rate, when the minimum wage rises on 1 July, then the price of an hour rises that day (factor × that day’s gross wage)', () => {
    const summer = cleaner({ period: { from: '2026-06-01', to: '2026-07-31' } });
    const priceOn = (day: string) => {
      const rate = rateInForce(agreements, { placementId: 'p9', functionCode: 'driver' }, day)!.rate;
      const wage = wageOn(summer.waged, summer.worker, day, rulesWithSecondHalf2026, lowScaleVersions);
      if (rate.kind !== 'factor') throw new Error('the hirer’s own rate is a factor');
      return { wage: wage.hourlyCents, price: mulDivRoundHalfUp(wage.hourlyCents, rate.factorBp, 10_000) };
    };
    expect(priceOn('2026-06-30')).toEqual({ wage: 1471, price: 2721 });
    expect(priceOn('2026-07-01')).toEqual({ wage: 1500, price: 2775 });
    expect(shippedRules.minimumWage.at(-1)?.lastDay).toBe('2026-06-30');
  });
});
